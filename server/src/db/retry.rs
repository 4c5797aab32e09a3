//! Every write transaction runs through [`write`], which runs it again when PostgreSQL gives
//! up on it for reasons that say nothing about the data: a serialization failure (under
//! `serializable` or `repeatable read`, and on distributed engines) or a deadlock. SQLite never
//! reports these (it has one writer), so there it runs exactly once.

use std::future::Future;
use std::time::Duration;

use app::error::StoreError;

use super::error::DbResult;

/// Attempts in all, the first included. Under `serializable`, every writer that waited for a
/// row lock fails when the holder commits, so a dozen writers on one row took up to seven
/// attempts in the contract tests; ten leave room, and cost at most about a second.
const ATTEMPTS: u32 = 10;
/// The pause before the first retry; it doubles after each, up to [`MAX_PAUSE`].
const FIRST_PAUSE: Duration = Duration::from_millis(5);
const MAX_PAUSE: Duration = Duration::from_millis(200);

/// SQLSTATEs of transactions worth running again: serialization failure and deadlock.
const RETRYABLE: [&str; 2] = ["40001", "40P01"];

fn is_retryable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(d) => d.code().is_some_and(|c| RETRYABLE.contains(&c.as_ref())),
        _ => false,
    }
}

/// Run `transaction` (which begins, writes and commits) until it succeeds, fails for another
/// reason, or has been tried [`ATTEMPTS`] times. Pauses grow exponentially and are jittered
/// (anywhere from nothing to the whole step) so that writers which collided spread out.
/// (An `async` closure would read better, but its future cannot yet be shown to be `Send`.)
pub(crate) async fn write<T, F, Fut>(mut transaction: F) -> Result<T, StoreError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, sqlx::Error>>,
{
    let mut pause = FIRST_PAUSE;
    let mut attempt = 1;
    loop {
        match transaction().await {
            Err(e) if attempt < ATTEMPTS && is_retryable(&e) => {
                tracing::debug!(attempt, error = %e, "write transaction retried");
                let jittered = rand::random_range(0..=pause.as_micros() as u64);
                tokio::time::sleep(Duration::from_micros(jittered)).await;
                pause = (pause * 2).min(MAX_PAUSE);
                attempt += 1;
            }
            result => return result.db(),
        }
    }
}
