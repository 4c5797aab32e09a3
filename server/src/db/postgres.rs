//! PostgreSQL, for deployments that run several stateless app servers against one database,
//! or against a distributed PostgreSQL (Citus): the schema keeps every unique constraint on
//! the distribution key, and every write is retried on serialization failures and deadlocks.

use std::time::Duration;

use app::domain::answer::{AnswerValue, Answers};
use app::domain::definition::Definition;
use app::domain::ids::{ResponseId, ResumeToken, Slug};
use app::domain::recommend::Outcome;
use app::error::StoreError;
use app::ssr::store::{NewResponse, Published, PublishedVersion, ResponseRecord, Store};
use async_trait::async_trait;
use sqlx::Postgres;
use sqlx::postgres::PgPoolOptions;

use super::group::BatchSql;
use super::shared::{Queries, Tuning};
use super::versions::DEFAULT_CAPACITY_BYTES;

/// The answer batch's statements (see `group::BatchSql`), over `jsonb` arrays.
const TOUCH_OPEN_RESPONSES: &str = "
    update responses set updated_at = $1
    where completed_at is null and id in (select jsonb_array_elements_text($2::jsonb))
    returning id";

const UPSERT_ANSWERS: &str = "
    insert into answers (response_id, question_key, value, answered_at)
    select e ->> 0, e ->> 1, e ->> 2, $1 from jsonb_array_elements($2::jsonb) e
    on conflict (response_id, question_key)
    do update set value = excluded.value, answered_at = excluded.answered_at";

pub struct PostgresStore {
    queries: Queries<Postgres>,
}

impl PostgresStore {
    /// Connect to `url` after migrating through `migration_url`, which may bypass a
    /// transaction-mode pooler in front of `url` (migrations need a session of their own).
    pub async fn connect(url: &str, migration_url: &str) -> anyhow::Result<Self> {
        let migrations = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect(migration_url)
            .await?;
        sqlx::migrate!("../migrations/postgres")
            .run(&migrations)
            .await?;
        migrations.close().await;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        Ok(PostgresStore {
            queries: Queries::open(
                pool,
                Tuning {
                    // A few writers: each fills its batch while another waits for its commit.
                    answer_writers: 4,
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
impl Store for PostgresStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.queries.ping().await
    }

    /// A plain `begin`: the questionnaire upsert locks the questionnaire's row until commit,
    /// so concurrent publishers of one slug take turns; under `serializable` the ones that
    /// waited fail with a serialization failure instead, and are run again.
    async fn publish(&self, def: &Definition) -> Result<Published, StoreError> {
        self.queries.publish(def, "begin").await
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
        let latest = sqlx::migrate!("../migrations/postgres")
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
