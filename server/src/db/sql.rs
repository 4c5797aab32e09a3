//! The SQL text of the store, one statement per constant, in the dialect both SQLite and
//! PostgreSQL accept: `$n` placeholders, `returning`, `on conflict … do update`. A statement
//! only one backend needs lives in that backend's module instead.

/// Whether the database answers.
pub const PING: &str = "select 1";

/// Create the questionnaire on first publication and return its id either way. The no-op
/// update (rather than `do nothing`) makes `returning` give the id of an existing row too,
/// and on PostgreSQL it locks that row until commit, so concurrent publishers of one slug
/// take turns instead of reading the same newest version.
pub const UPSERT_QUESTIONNAIRE: &str = "
    insert into questionnaires (slug, created_at, updated_at) values ($1, $2, $2)
    on conflict (slug) do update set slug = excluded.slug
    returning id";

pub const NEWEST_VERSION: &str = "
    select id, number, definition, published_at from questionnaire_versions
    where questionnaire_id = $1 order by number desc limit 1";

pub const INSERT_VERSION: &str = "
    insert into questionnaire_versions (questionnaire_id, number, definition, published_at)
    values ($1, $2, $3, $4) returning id";

pub const TOUCH_QUESTIONNAIRE: &str = "update questionnaires set updated_at = $1 where id = $2";

/// The newest version of every questionnaire, by slug: ids only, since a version's content
/// never changes and is kept in memory once read (see `versions`).
pub const LIST_PUBLISHED_IDS: &str = "
    select v.id
    from questionnaire_versions v join questionnaires q on q.id = v.questionnaire_id
    where v.number = (
        select max(number) from questionnaire_versions w where w.questionnaire_id = q.id
    )
    order by q.slug";

/// The newest version of a questionnaire: which one it is changes with each publication, so
/// it is always asked of the database.
pub const CURRENT_VERSION_ID: &str = "
    select v.id
    from questionnaire_versions v join questionnaires q on q.id = v.questionnaire_id
    where q.slug = $1 order by v.number desc limit 1";

pub const VERSION: &str = "
    select id, number, definition, published_at from questionnaire_versions where id = $1";

/// Insert a response unless its token hash is already taken: the schema cannot say so
/// (see the index in migration 0002), so the statement does. No id returned means taken.
pub const INSERT_RESPONSE: &str = "
    insert into responses
        (id, token_hash, version_id, locale, touchpoint, consent, started_at, updated_at)
    select $1, $2, $3, $4, $5, $6, $7, $7
    where not exists (select 1 from responses where token_hash = $2)
    returning id";

/// A response with the slug of its questionnaire, found by the given condition.
macro_rules! response_where {
    ($condition:literal) => {
        concat!(
            "select r.id, r.token_hash, r.version_id, q.slug, r.locale, r.touchpoint,
                    r.consent, r.started_at, r.completed_at, r.outcome
             from responses r
             join questionnaire_versions v on v.id = r.version_id
             join questionnaires q on q.id = v.questionnaire_id
             where ",
            $condition
        )
    };
}

pub const RESPONSE_BY_ID: &str = response_where!("r.id = $1");

pub const RESPONSE_BY_TOKEN_HASH: &str = response_where!("r.token_hash = $1");

/// A response and its answers in one statement: one row per answer, or one row with empty
/// answer columns when there is none yet.
pub const RESPONSE_WITH_ANSWERS: &str = "
    select r.id, r.token_hash, r.version_id, q.slug, r.locale, r.touchpoint,
           r.consent, r.started_at, r.completed_at, r.outcome,
           a.question_key as answer_key, a.value as answer_value
    from responses r
    join questionnaire_versions v on v.id = r.version_id
    join questionnaires q on q.id = v.questionnaire_id
    left join answers a on a.response_id = r.id
    where r.id = $1";

pub const SET_LOCALE: &str = "update responses set locale = $1, updated_at = $2 where id = $3";

pub const ANSWERS: &str = "select question_key, value from answers where response_id = $1";

/// The completion time is kept from the first completion.
pub const COMPLETE: &str = "
    update responses set outcome = $1, updated_at = $2, completed_at = coalesce(completed_at, $2)
    where id = $3";

/// Responses still holding a plain token from before migration 0002, a batch at a time.
pub const PLAIN_TOKENS: &str = "select id, token from responses where token is not null limit $1";

pub const HASH_PLAIN_TOKEN: &str =
    "update responses set token_hash = $1, token = null where id = $2";

/// The newest migration applied (0 before any).
pub const LATEST_MIGRATION: &str =
    "select coalesce(max(version), 0) from _sqlx_migrations where success";

/// A batch of the responses started before `$1` that have no answer, deleted. Never-answered
/// responses cannot be completed, so no outcome goes with them.
pub const DELETE_UNANSWERED: &str = "
    delete from responses where id in (
        select r.id from responses r
        where r.started_at < $1 and r.completed_at is null
          and not exists (select 1 from answers a where a.response_id = r.id)
        limit $2
    )
    returning id";
