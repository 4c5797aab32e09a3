//! What both backends do the same way, written once over any sqlx database that can run the
//! statements of [`super::sql`]. Each backend's `impl Store` calls into [`Queries`] method by
//! method, so a backend that needs another statement replaces one call, nothing more.

use app::domain::answer::{AnswerValue, Answers};
use app::domain::definition::Definition;
use app::domain::recommend::Outcome;
use app::error::StoreError;
use app::ssr::store::{NewResponse, Published, PublishedVersion, ResponseRecord, token_hash};
use chrono::{DateTime, Utc};
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Pool, Type};

use super::error::{DbResult, RESPONSE_CLOSED, TOKEN_IN_USE};
use super::group::{AnswerQueue, BatchSql};
use super::retry::write;
use super::rows::{
    self, AnswerRow, PlainTokenRow, ResponseAnswerRow, ResponseRow, VersionRow, json_error,
};
use super::sql;
use super::versions::VersionCache;

/// How many plain tokens the start-up backfill hashes per transaction.
const BACKFILL_BATCH: i64 = 500;

/// How a backend's [`Queries`] are set up.
pub(crate) struct Tuning {
    /// Writer tasks of the answer queue (see [`super::group`]), and their statements.
    pub answer_writers: usize,
    pub answer_batch: BatchSql,
    /// Bound of the parsed-version cache, in bytes of definition JSON.
    pub version_cache_bytes: u64,
}

/// How many unanswered responses the retention deletes per statement.
const RETENTION_BATCH: i64 = 1000;

/// The connection pool of one backend, and the queries every backend shares.
pub(crate) struct Queries<DB: Database> {
    pool: Pool<DB>,
    versions: VersionCache,
    answers: AnswerQueue,
}

impl<DB> Queries<DB>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> Option<&'q str>: Encode<'q, DB> + Type<DB>,
    for<'q> i32: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> bool: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'r> (i64,): FromRow<'r, DB::Row>,
    for<'r> (String,): FromRow<'r, DB::Row>,
    for<'r> VersionRow: FromRow<'r, DB::Row>,
    for<'r> ResponseRow: FromRow<'r, DB::Row>,
    for<'r> ResponseAnswerRow: FromRow<'r, DB::Row>,
    for<'r> AnswerRow: FromRow<'r, DB::Row>,
    for<'r> PlainTokenRow: FromRow<'r, DB::Row>,
{
    /// The queries over `pool`, whose schema is up to date, once older rows are brought
    /// in line with it.
    pub(crate) async fn open(pool: Pool<DB>, tuning: Tuning) -> Result<Self, StoreError> {
        let queries = Queries {
            versions: VersionCache::new(tuning.version_cache_bytes),
            answers: AnswerQueue::start(pool.clone(), tuning.answer_batch, tuning.answer_writers),
            pool,
        };
        queries.backfill_token_hashes().await?;
        Ok(queries)
    }

    pub async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query(sql::PING).execute(&self.pool).await.db()?;
        Ok(())
    }

    /// Publish `def` in a transaction begun with `begin`: the backend's statement that makes
    /// concurrent publishers of one questionnaire take turns (see each backend's `publish`).
    pub async fn publish(
        &self,
        def: &Definition,
        begin: &'static str,
    ) -> Result<Published, StoreError> {
        let json = serde_json::to_string(def).map_err(json_error)?;
        let (json, slug, pool) = (json.as_str(), def.slug.as_str(), &self.pool);
        write(|| async move {
            let now = Utc::now();
            let mut tx = pool.begin_with(begin).await?;
            let questionnaire_id: i64 = sqlx::query_scalar(sql::UPSERT_QUESTIONNAIRE)
                .bind(slug)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            let newest: Option<VersionRow> = sqlx::query_as(sql::NEWEST_VERSION)
                .bind(questionnaire_id)
                .fetch_optional(&mut *tx)
                .await?;
            let number = match newest {
                Some(v) if v.definition == json => {
                    // Nothing to publish; dropping `tx` rolls back the no-op upsert.
                    return Ok(Published {
                        version_id: v.id,
                        number: v.number,
                        created: false,
                    });
                }
                Some(v) => v.number + 1,
                None => 1,
            };
            let version_id: i64 = sqlx::query_scalar(sql::INSERT_VERSION)
                .bind(questionnaire_id)
                .bind(number)
                .bind(json)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(sql::TOUCH_QUESTIONNAIRE)
                .bind(now)
                .bind(questionnaire_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok(Published {
                version_id,
                number,
                created: true,
            })
        })
        .await
    }

    pub async fn list_published(&self) -> Result<Vec<PublishedVersion>, StoreError> {
        let ids: Vec<(i64,)> = sqlx::query_as(sql::LIST_PUBLISHED_IDS)
            .fetch_all(&self.pool)
            .await
            .db()?;
        let mut versions = Vec::with_capacity(ids.len());
        for (id,) in ids {
            // A version is never deleted, so one listed a moment ago is still there.
            versions.extend(self.version(id).await?);
        }
        Ok(versions)
    }

    pub async fn current_version(
        &self,
        slug: &str,
    ) -> Result<Option<PublishedVersion>, StoreError> {
        let id: Option<(i64,)> = sqlx::query_as(sql::CURRENT_VERSION_ID)
            .bind(slug)
            .fetch_optional(&self.pool)
            .await
            .db()?;
        match id {
            Some((id,)) => self.version(id).await,
            None => Ok(None),
        }
    }

    /// A version by id: parsed once, then from memory (versions never change).
    pub async fn version(&self, version_id: i64) -> Result<Option<PublishedVersion>, StoreError> {
        self.versions
            .get_or_load(version_id, || async move {
                let row: Option<VersionRow> = sqlx::query_as(sql::VERSION)
                    .bind(version_id)
                    .fetch_optional(&self.pool)
                    .await
                    .db()?;
                row.map(|row| {
                    let weight = row.definition.len() as u64;
                    PublishedVersion::try_from(row).map(|v| (v, weight))
                })
                .transpose()
            })
            .await
    }

    pub async fn create_response(&self, new: &NewResponse) -> Result<ResponseRecord, StoreError> {
        let hash = token_hash(new.token.as_str());
        let (hash, pool) = (hash.as_str(), &self.pool);
        let inserted: Option<String> = write(|| async move {
            sqlx::query_scalar(sql::INSERT_RESPONSE)
                .bind(new.id.as_str())
                .bind(hash)
                .bind(new.version_id)
                .bind(new.locale.as_str())
                .bind(new.touchpoint.as_deref())
                .bind(new.consent)
                .bind(Utc::now())
                .fetch_optional(pool)
                .await
        })
        .await?;
        if inserted.is_none() {
            return Err(StoreError::Conflict(TOKEN_IN_USE.into()));
        }
        self.response(new.id.as_str())
            .await?
            .ok_or_else(|| StoreError::Other("response vanished after insert".into()))
    }

    pub async fn response(&self, id: &str) -> Result<Option<ResponseRecord>, StoreError> {
        self.one_response(sql::RESPONSE_BY_ID, id).await
    }

    pub async fn response_with_answers(
        &self,
        id: &str,
    ) -> Result<Option<(ResponseRecord, Answers)>, StoreError> {
        let rows: Vec<ResponseAnswerRow> = sqlx::query_as(sql::RESPONSE_WITH_ANSWERS)
            .bind(id)
            .fetch_all(&self.pool)
            .await
            .db()?;
        rows::response_with_answers(rows)
    }

    pub async fn response_by_token(
        &self,
        token: &str,
    ) -> Result<Option<ResponseRecord>, StoreError> {
        self.one_response(sql::RESPONSE_BY_TOKEN_HASH, &token_hash(token))
            .await
    }

    async fn one_response(
        &self,
        statement: &'static str,
        key: &str,
    ) -> Result<Option<ResponseRecord>, StoreError> {
        let row: Option<ResponseRow> = sqlx::query_as(statement)
            .bind(key)
            .fetch_optional(&self.pool)
            .await
            .db()?;
        row.map(ResponseRecord::try_from).transpose()
    }

    pub async fn set_locale(&self, response_id: &str, locale: &str) -> Result<(), StoreError> {
        let pool = &self.pool;
        write(|| async move {
            sqlx::query(sql::SET_LOCALE)
                .bind(locale)
                .bind(Utc::now())
                .bind(response_id)
                .execute(pool)
                .await
        })
        .await?;
        Ok(())
    }

    /// Through the answer queue: durable, and sharing its commit with concurrent answers.
    pub async fn save_answer(
        &self,
        response_id: &str,
        question_key: &str,
        value: &AnswerValue,
    ) -> Result<(), StoreError> {
        let json = serde_json::to_string(value).map_err(json_error)?;
        if self.answers.save(response_id, question_key, json).await? {
            Ok(())
        } else {
            Err(StoreError::Conflict(RESPONSE_CLOSED.into()))
        }
    }

    pub async fn answers(&self, response_id: &str) -> Result<Answers, StoreError> {
        let rows: Vec<AnswerRow> = sqlx::query_as(sql::ANSWERS)
            .bind(response_id)
            .fetch_all(&self.pool)
            .await
            .db()?;
        rows::answers(rows)
    }

    pub async fn complete(&self, response_id: &str, outcome: &Outcome) -> Result<(), StoreError> {
        let json = serde_json::to_string(outcome).map_err(json_error)?;
        let (json, pool) = (json.as_str(), &self.pool);
        write(|| async move {
            sqlx::query(sql::COMPLETE)
                .bind(json)
                .bind(Utc::now())
                .bind(response_id)
                .execute(pool)
                .await
        })
        .await?;
        Ok(())
    }

    /// Hash the plain tokens of responses created before migration 0002 and clear them, so
    /// those responses can still be resumed. Run at start-up, after migrations; once none is
    /// left it costs one lookup in an empty partial index.
    async fn backfill_token_hashes(&self) -> Result<(), StoreError> {
        let mut hashed = 0usize;
        loop {
            // Read outside the transaction, so that it begins with a write (SQLite then takes
            // its write lock first); hashing a row twice, should two servers start at once,
            // writes the same value.
            let rows: Vec<PlainTokenRow> = sqlx::query_as(sql::PLAIN_TOKENS)
                .bind(BACKFILL_BATCH)
                .fetch_all(&self.pool)
                .await
                .db()?;
            if rows.is_empty() {
                if hashed > 0 {
                    tracing::info!(hashed, "plain resume tokens replaced by their hashes");
                }
                return Ok(());
            }
            let (rows, pool) = (&rows, &self.pool);
            write(|| async move {
                let mut tx = pool.begin().await?;
                for row in rows {
                    sqlx::query(sql::HASH_PLAIN_TOKEN)
                        .bind(token_hash(&row.token).as_str())
                        .bind(row.id.as_str())
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await
            })
            .await?;
            hashed += rows.len();
        }
    }

    /// Whether the newest migration applied is at least `latest`.
    pub async fn schema_ready(&self, latest: i64) -> Result<(), StoreError> {
        let applied: i64 = sqlx::query_scalar(sql::LATEST_MIGRATION)
            .fetch_one(&self.pool)
            .await
            .db()?;
        if applied >= latest {
            Ok(())
        } else {
            Err(StoreError::Unavailable(format!(
                "the schema is at migration {applied}; this server needs {latest}"
            )))
        }
    }

    /// Delete never-answered responses started before `started_before`, a batch at a time.
    pub async fn delete_unanswered(
        &self,
        started_before: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let pool = &self.pool;
        let mut deleted = 0u64;
        loop {
            let ids: Vec<String> = write(|| async move {
                sqlx::query_scalar(sql::DELETE_UNANSWERED)
                    .bind(started_before)
                    .bind(RETENTION_BATCH)
                    .fetch_all(pool)
                    .await
            })
            .await?;
            deleted += ids.len() as u64;
            if (ids.len() as i64) < RETENTION_BATCH {
                return Ok(deleted);
            }
        }
    }
}
