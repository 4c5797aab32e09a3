//! How driver errors become [`StoreError`]s: the one place that decides what a client may
//! learn from a database failure. Violations of the constraints a request can run into get a
//! fixed text ([`StoreError::Conflict`], shown to clients as 409); everything else is
//! [`StoreError::Other`] or [`StoreError::Unavailable`], whose details are logged where they
//! become an internal error (`app::error`) and never sent. Use `.db()?` on every query result.

use app::error::StoreError;
use sqlx::error::DatabaseError;

/// The text of a conflict a client causes by reusing a resume token (see `sql::INSERT_RESPONSE`).
pub(crate) const TOKEN_IN_USE: &str = "this resume token is already in use";

/// The conflict of an answer to a completed (or unknown) response.
pub(crate) const RESPONSE_CLOSED: &str =
    "this response is completed; its answers can no longer change";

/// A constraint whose violation a request can cause, and what the client is told.
struct KnownConstraint {
    /// The constraint's name, as PostgreSQL reports it.
    postgres: &'static str,
    /// SQLite names no constraint: it reports the columns, in its message.
    sqlite: &'static str,
    text: &'static str,
}

const KNOWN_CONSTRAINTS: &[KnownConstraint] = &[
    KnownConstraint {
        postgres: "responses_pkey",
        sqlite: "UNIQUE constraint failed: responses.id",
        text: "a response with this id already exists",
    },
    // Publishing takes turns per questionnaire, so this would be a bug, not a race; a client
    // would still be right to publish again.
    KnownConstraint {
        postgres: "questionnaire_versions_questionnaire_id_number_key",
        sqlite: "UNIQUE constraint failed: questionnaire_versions.questionnaire_id, \
                 questionnaire_versions.number",
        text: "another version of this questionnaire was published at the same time",
    },
];

fn known_conflict(e: &dyn DatabaseError) -> Option<&'static str> {
    KNOWN_CONSTRAINTS
        .iter()
        .find(|k| e.constraint() == Some(k.postgres) || e.message() == k.sqlite)
        .map(|k| k.text)
}

/// Whether the database refused for a reason that passes (a restart, too many connections,
/// a lock held too long, a full or failing disk): the request may succeed later (503).
fn is_transient(e: &dyn DatabaseError) -> bool {
    let Some(code) = e.code() else {
        return false;
    };
    // PostgreSQL: class 08 (connection), 57P01-03 (shutting down, starting up), 53300 (too
    // many connections). SQLite: BUSY, LOCKED, IOERR, FULL, CANTOPEN (primary result codes).
    // A 40001 or 40P01 seen here has outlasted the retries: also worth trying again later.
    // SQLite's codes are numbers of at most four digits; PostgreSQL's SQLSTATEs have five.
    code.starts_with("08")
        || matches!(
            code.as_ref(),
            "57P01" | "57P02" | "57P03" | "53300" | "40001" | "40P01"
        )
        || (code.len() < 5
            && code
                .parse::<i32>()
                .is_ok_and(|c| matches!(c & 0xff, 5 | 6 | 10 | 13 | 14)))
}

/// Map a driver error to the storage contract's error.
pub(crate) fn store_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) => match known_conflict(d.as_ref()) {
            Some(text) => StoreError::Conflict(text.to_string()),
            None if is_transient(d.as_ref()) => StoreError::Unavailable(e.to_string()),
            None => StoreError::Other(e.to_string()),
        },
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
            StoreError::Unavailable(e.to_string())
        }
        _ => StoreError::Other(e.to_string()),
    }
}

/// `.db()?` turns a driver result into a store result.
pub(crate) trait DbResult<T> {
    fn db(self) -> Result<T, StoreError>;
}

impl<T> DbResult<T> for Result<T, sqlx::Error> {
    fn db(self) -> Result<T, StoreError> {
        self.map_err(store_error)
    }
}
