//! Upgrades keep what the previous schema stored: set up a database as an older version
//! left it, then connect today's store.

use app::domain::answer::AnswerValue;
use app::domain::ids::ResumeToken;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::{Executor, PgPool};

use super::demo;
use crate::support::{Backend, Scratch};

/// A database reached without the store, to set up the state an older version left.
enum Raw {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Raw {
    async fn open(url: &str) -> Raw {
        if url.starts_with("sqlite:") {
            let options: SqliteConnectOptions = url.parse().unwrap();
            Raw::Sqlite(
                SqlitePool::connect_with(options.create_if_missing(true))
                    .await
                    .unwrap(),
            )
        } else {
            Raw::Postgres(PgPool::connect(url).await.unwrap())
        }
    }

    /// Apply the migrations up to `version` only.
    async fn migrate_to(&self, version: i64) {
        let mut migrator = match self {
            Raw::Sqlite(_) => sqlx::migrate!("../migrations/sqlite"),
            Raw::Postgres(_) => sqlx::migrate!("../migrations/postgres"),
        };
        migrator.migrations = migrator
            .migrations
            .iter()
            .filter(|m| m.version <= version)
            .cloned()
            .collect::<Vec<_>>()
            .into();
        match self {
            Raw::Sqlite(pool) => migrator.run(pool).await.unwrap(),
            Raw::Postgres(pool) => migrator.run(pool).await.unwrap(),
        }
    }

    async fn execute(&self, statement: &str, value: &str) {
        match self {
            Raw::Sqlite(pool) => pool
                .execute(sqlx::query(statement).bind(value))
                .await
                .map(drop),
            Raw::Postgres(pool) => pool
                .execute(sqlx::query(statement).bind(value))
                .await
                .map(drop),
        }
        .unwrap();
    }

    async fn count(&self, statement: &str) -> i64 {
        match self {
            Raw::Sqlite(pool) => sqlx::query_scalar(statement).fetch_one(pool).await,
            Raw::Postgres(pool) => sqlx::query_scalar(statement).fetch_one(pool).await,
        }
        .unwrap()
    }
}

/// A response, its questionnaire and an answer as version 0001 of the schema kept them: the
/// resume token in plain text. Each statement takes one value.
const BEFORE_HASHED_TOKENS: [&str; 4] = [
    "insert into questionnaires (slug, created_at, updated_at)
     values ($1, '2024-05-01T10:00:00Z', '2024-05-01T10:00:00Z')",
    "insert into questionnaire_versions (questionnaire_id, number, definition, published_at)
     values ((select id from questionnaires), 1, $1, '2024-05-01T10:00:00Z')",
    "insert into responses (id, token, version_id, locale, consent, started_at, updated_at)
     values ('00000000-0000-4000-8000-00000000beef', $1, (select id from questionnaire_versions), 'it', true,
             '2024-05-02T10:00:00Z', '2024-05-02T10:00:00Z')",
    "insert into answers (response_id, question_key, value, answered_at)
     values ('00000000-0000-4000-8000-00000000beef', 'gait', $1, '2024-05-02T10:01:00Z')",
];

/// Upgrading keeps old resume links working: the plain token is hashed at start-up, then
/// cleared, and the response's answers are still there.
pub(super) async fn responses_from_before_hashed_tokens_resume_with_their_token(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let raw = Raw::open(&scratch.url).await;
    raw.migrate_to(1).await;
    let def = demo();
    let token = format!("{:0>48}", "c0ffee");
    let gait = serde_json::to_string(&AnswerValue::Keys(vec!["heel".into()])).unwrap();
    let definition = serde_json::to_string(&def).unwrap();
    let values = [
        def.slug.as_str(),
        definition.as_str(),
        token.as_str(),
        gait.as_str(),
    ];
    for (statement, value) in BEFORE_HASHED_TOKENS.iter().zip(values) {
        raw.execute(statement, value).await;
    }

    let store = server::db::connect(&scratch.url).await.unwrap();
    let resumed = store
        .response_by_token(&ResumeToken::parse(&token).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (resumed.id.as_str(), resumed.slug.as_str()),
        ("00000000-0000-4000-8000-00000000beef", def.slug.as_str())
    );
    assert_eq!(resumed.token_hash, app::ssr::store::token_hash(&token));
    let answers = store.answers(&resumed.id).await.unwrap();
    assert_eq!(answers["gait"], AnswerValue::Keys(vec!["heel".into()]));
    let plain = "select count(*) from responses where token is not null";
    assert_eq!(raw.count(plain).await, 0);
}
