//! The embedded default: one SQLite file, in WAL mode with foreign keys on. `synchronous =
//! full` makes every acknowledged answer survive a crash or power loss, at a small cost per
//! write. SQLite has one writer at a time; publishing relies on that (see `publish`).

use std::str::FromStr;
use std::time::Duration;

use app::domain::answer::{AnswerValue, Answers};
use app::domain::definition::Definition;
use app::domain::ids::{ResponseId, ResumeToken, Slug};
use app::domain::recommend::Outcome;
use app::error::StoreError;
use app::ssr::store::{NewResponse, Published, PublishedVersion, ResponseRecord, Store};
use async_trait::async_trait;
use sqlx::Sqlite;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use super::group::BatchSql;
use super::shared::{Queries, Tuning};
use super::versions::DEFAULT_CAPACITY_BYTES;

/// The answer batch's statements (see `group::BatchSql`), over `json_each`.
const TOUCH_OPEN_RESPONSES: &str = "
    update responses set updated_at = $1
    where completed_at is null and id in (select value from json_each($2))
    returning id";

/// `where true` tells the parser that `on conflict` belongs to the insert, not the select.
const UPSERT_ANSWERS: &str = "
    insert into answers (response_id, question_key, value, answered_at)
    select value ->> 0, value ->> 1, value ->> 2, $1 from json_each($2) where true
    on conflict (response_id, question_key)
    do update set value = excluded.value, answered_at = excluded.answered_at";

pub struct SqliteStore {
    queries: Queries<Sqlite>,
}

fn options(url: &str) -> anyhow::Result<SqliteConnectOptions> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    if let Some(dir) = options.get_filename().parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    Ok(options)
}

impl SqliteStore {
    /// Open the file at `url` after migrating the one at `migration_url` (normally the same).
    pub async fn connect(url: &str, migration_url: &str) -> anyhow::Result<Self> {
        let migrations = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options(migration_url)?)
            .await?;
        sqlx::migrate!("../migrations/sqlite")
            .run(&migrations)
            .await?;
        migrations.close().await;
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            // The database is in this process: a connection cannot go away unnoticed, and a
            // test query on each acquire would double the hops to the connection's thread.
            .test_before_acquire(false)
            .connect_with(options(url)?)
            .await?;
        Ok(SqliteStore {
            queries: Queries::open(
                pool,
                Tuning {
                    // One writer: SQLite takes one write transaction at a time anyway.
                    answer_writers: 1,
                    answer_batch: BatchSql {
                        touch_open: TOUCH_OPEN_RESPONSES,
                        upsert: UPSERT_ANSWERS,
                    },
                    version_cache_bytes: DEFAULT_CAPACITY_BYTES,
                },
            )
            .await?,
        })
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.queries.ping().await
    }

    /// `begin immediate` takes the write lock before the newest version is read, so concurrent
    /// publishers wait for each other (up to the busy timeout) and each sees the one before.
    async fn publish(&self, def: &Definition) -> Result<Published, StoreError> {
        self.queries.publish(def, "begin immediate").await
    }

    async fn list_published(&self) -> Result<Vec<PublishedVersion>, StoreError> {
        self.queries.list_published().await
    }

    async fn current_version(&self, slug: &Slug) -> Result<Option<PublishedVersion>, StoreError> {
        self.queries.current_version(slug.as_str()).await
    }

    async fn version(&self, version_id: i64) -> Result<Option<PublishedVersion>, StoreError> {
        self.queries.version(version_id).await
    }

    async fn create_response(&self, new: &NewResponse) -> Result<ResponseRecord, StoreError> {
        self.queries.create_response(new).await
    }

    async fn response(&self, id: &ResponseId) -> Result<Option<ResponseRecord>, StoreError> {
        self.queries.response(id.as_str()).await
    }

    async fn response_with_answers(
        &self,
        id: &ResponseId,
    ) -> Result<Option<(ResponseRecord, Answers)>, StoreError> {
        self.queries.response_with_answers(id.as_str()).await
    }

    async fn response_by_token(
        &self,
        token: &ResumeToken,
    ) -> Result<Option<ResponseRecord>, StoreError> {
        self.queries.response_by_token(token.as_str()).await
    }

    async fn set_locale(&self, response_id: &ResponseId, locale: &str) -> Result<(), StoreError> {
        self.queries.set_locale(response_id.as_str(), locale).await
    }

    async fn save_answer(
        &self,
        response_id: &ResponseId,
        question_key: &str,
        value: &AnswerValue,
    ) -> Result<(), StoreError> {
        self.queries
            .save_answer(response_id.as_str(), question_key, value)
            .await
    }

    async fn answers(&self, response_id: &ResponseId) -> Result<Answers, StoreError> {
        self.queries.answers(response_id.as_str()).await
    }

    async fn complete(
        &self,
        response_id: &ResponseId,
        outcome: &Outcome,
    ) -> Result<(), StoreError> {
        self.queries.complete(response_id.as_str(), outcome).await
    }

    async fn ready(&self) -> Result<(), StoreError> {
        let latest = sqlx::migrate!("../migrations/sqlite")
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0);
        self.queries.schema_ready(latest).await
    }

    async fn delete_unanswered(
        &self,
        started_before: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64, StoreError> {
        self.queries.delete_unanswered(started_before).await
    }
}
