//! Database adapters: the [`Store`] contract implemented for SQLite and PostgreSQL, chosen at
//! run time from the `DATABASE_URL` scheme. All SQL of the product lives under this module.
//!
//! The two backends share their queries (both accept `$n` placeholders, `returning` and the
//! same upsert syntax), so the implementation is written once, in [`sql_store!`], and each
//! backend module adds only how it connects and migrates.

pub mod postgres;
pub mod sqlite;

use std::sync::Arc;

use app::error::StoreError;
use app::ssr::store::SharedStore;

/// Map a driver error to the storage contract's error.
pub(crate) fn store_error(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => {
            StoreError::Conflict(d.message().to_string())
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
            StoreError::Unavailable(e.to_string())
        }
        _ => StoreError::Other(e.to_string()),
    }
}

pub(crate) fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Other(format!("stored JSON does not decode: {e}"))
}

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Connect to the database at `url`, bring its schema up to date, and return the store.
pub async fn connect(url: &str) -> anyhow::Result<SharedStore> {
    match Backend::of(url) {
        Some(Backend::Sqlite) => Ok(Arc::new(sqlite::SqliteStore::connect(url).await?)),
        Some(Backend::Postgres) => Ok(Arc::new(postgres::PostgresStore::connect(url).await?)),
        None => anyhow::bail!("DATABASE_URL must start with sqlite: or postgres://"),
    }
}

/// Implements [`app::ssr::store::Store`] for a struct with a `pool` field of the given pool
/// type. Every query here must run unchanged on SQLite and PostgreSQL.
macro_rules! sql_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::ssr::store::Store for $store {
            async fn ping(&self) -> Result<(), app::error::StoreError> {
                sqlx::query("select 1").execute(&self.pool).await.map_err($crate::db::store_error)?;
                Ok(())
            }

            async fn publish(
                &self,
                def: &app::domain::definition::Definition,
            ) -> Result<app::ssr::store::Published, app::error::StoreError> {
                use sqlx::Row;
                let json = serde_json::to_string(def).map_err($crate::db::json_error)?;
                let now = chrono::Utc::now();
                let mut tx = self.pool.begin().await.map_err($crate::db::store_error)?;
                let existing: Option<i64> = sqlx::query_scalar("select id from questionnaires where slug = $1")
                    .bind(&def.slug)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err($crate::db::store_error)?;
                let questionnaire_id = match existing {
                    Some(id) => id,
                    None => sqlx::query_scalar(
                        "insert into questionnaires (slug, created_at, updated_at) values ($1, $2, $2) returning id",
                    )
                    .bind(&def.slug)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await
                    .map_err($crate::db::store_error)?,
                };
                let newest = sqlx::query(
                    "select id, number, definition from questionnaire_versions
                     where questionnaire_id = $1 order by number desc limit 1",
                )
                .bind(questionnaire_id)
                .fetch_optional(&mut *tx)
                .await
                .map_err($crate::db::store_error)?;
                let mut number = 1;
                if let Some(row) = newest {
                    let id: i64 = row.try_get("id").map_err($crate::db::store_error)?;
                    let last: i32 = row.try_get("number").map_err($crate::db::store_error)?;
                    let stored: String = row.try_get("definition").map_err($crate::db::store_error)?;
                    if stored == json {
                        return Ok(app::ssr::store::Published { version_id: id, number: last, created: false });
                    }
                    number = last + 1;
                }
                let version_id: i64 = sqlx::query_scalar(
                    "insert into questionnaire_versions (questionnaire_id, number, definition, published_at)
                     values ($1, $2, $3, $4) returning id",
                )
                .bind(questionnaire_id)
                .bind(number)
                .bind(&json)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::db::store_error)?;
                sqlx::query("update questionnaires set updated_at = $1 where id = $2")
                    .bind(now)
                    .bind(questionnaire_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::db::store_error)?;
                tx.commit().await.map_err($crate::db::store_error)?;
                Ok(app::ssr::store::Published { version_id, number, created: true })
            }

            async fn list_published(
                &self,
            ) -> Result<Vec<app::ssr::store::PublishedVersion>, app::error::StoreError> {
                let rows = sqlx::query(
                    "select v.id, v.number, v.definition, v.published_at
                     from questionnaire_versions v join questionnaires q on q.id = v.questionnaire_id
                     where v.number = (select max(number) from questionnaire_versions w where w.questionnaire_id = q.id)
                     order by q.slug",
                )
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::store_error)?;
                rows.iter().map(|r| Self::version_from_row(r)).collect()
            }

            async fn current_version(
                &self,
                slug: &str,
            ) -> Result<Option<app::ssr::store::PublishedVersion>, app::error::StoreError> {
                let row = sqlx::query(
                    "select v.id, v.number, v.definition, v.published_at
                     from questionnaire_versions v join questionnaires q on q.id = v.questionnaire_id
                     where q.slug = $1 order by v.number desc limit 1",
                )
                .bind(slug)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::db::store_error)?;
                row.as_ref().map(Self::version_from_row).transpose()
            }

            async fn version(
                &self,
                version_id: i64,
            ) -> Result<Option<app::ssr::store::PublishedVersion>, app::error::StoreError> {
                let row = sqlx::query(
                    "select id, number, definition, published_at from questionnaire_versions where id = $1",
                )
                .bind(version_id)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::db::store_error)?;
                row.as_ref().map(Self::version_from_row).transpose()
            }

            async fn create_response(
                &self,
                new: &app::ssr::store::NewResponse,
            ) -> Result<app::ssr::store::ResponseRecord, app::error::StoreError> {
                let now = chrono::Utc::now();
                sqlx::query(
                    "insert into responses (id, token, version_id, locale, touchpoint, consent, started_at, updated_at)
                     values ($1, $2, $3, $4, $5, $6, $7, $7)",
                )
                .bind(&new.id)
                .bind(&new.token)
                .bind(new.version_id)
                .bind(&new.locale)
                .bind(&new.touchpoint)
                .bind(new.consent)
                .bind(now)
                .execute(&self.pool)
                .await
                .map_err($crate::db::store_error)?;
                self.response(&new.id)
                    .await?
                    .ok_or_else(|| app::error::StoreError::Other("response vanished after insert".into()))
            }

            async fn response(
                &self,
                id: &str,
            ) -> Result<Option<app::ssr::store::ResponseRecord>, app::error::StoreError> {
                self.response_where("r.id = $1", id).await
            }

            async fn response_by_token(
                &self,
                token: &str,
            ) -> Result<Option<app::ssr::store::ResponseRecord>, app::error::StoreError> {
                self.response_where("r.token = $1", token).await
            }

            async fn set_locale(&self, response_id: &str, locale: &str) -> Result<(), app::error::StoreError> {
                sqlx::query("update responses set locale = $1, updated_at = $2 where id = $3")
                    .bind(locale)
                    .bind(chrono::Utc::now())
                    .bind(response_id)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::db::store_error)?;
                Ok(())
            }

            async fn save_answer(
                &self,
                response_id: &str,
                question_key: &str,
                value: &app::domain::answer::AnswerValue,
            ) -> Result<(), app::error::StoreError> {
                let json = serde_json::to_string(value).map_err($crate::db::json_error)?;
                let now = chrono::Utc::now();
                let mut tx = self.pool.begin().await.map_err($crate::db::store_error)?;
                sqlx::query(
                    "insert into answers (response_id, question_key, value, answered_at) values ($1, $2, $3, $4)
                     on conflict (response_id, question_key) do update set value = excluded.value, answered_at = excluded.answered_at",
                )
                .bind(response_id)
                .bind(question_key)
                .bind(&json)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err($crate::db::store_error)?;
                sqlx::query("update responses set updated_at = $1 where id = $2")
                    .bind(now)
                    .bind(response_id)
                    .execute(&mut *tx)
                    .await
                    .map_err($crate::db::store_error)?;
                tx.commit().await.map_err($crate::db::store_error)
            }

            async fn answers(&self, response_id: &str) -> Result<app::domain::answer::Answers, app::error::StoreError> {
                use sqlx::Row;
                let rows = sqlx::query("select question_key, value from answers where response_id = $1")
                    .bind(response_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::store_error)?;
                let mut out = app::domain::answer::Answers::new();
                for row in rows {
                    let key: String = row.try_get("question_key").map_err($crate::db::store_error)?;
                    let value: String = row.try_get("value").map_err($crate::db::store_error)?;
                    out.insert(key, serde_json::from_str(&value).map_err($crate::db::json_error)?);
                }
                Ok(out)
            }

            async fn complete(
                &self,
                response_id: &str,
                outcome: &app::domain::recommend::Outcome,
            ) -> Result<(), app::error::StoreError> {
                let json = serde_json::to_string(outcome).map_err($crate::db::json_error)?;
                let now = chrono::Utc::now();
                sqlx::query(
                    "update responses set outcome = $1, updated_at = $2, completed_at = coalesce(completed_at, $2)
                     where id = $3",
                )
                .bind(&json)
                .bind(now)
                .bind(response_id)
                .execute(&self.pool)
                .await
                .map_err($crate::db::store_error)?;
                Ok(())
            }
        }

        impl $store {
            fn version_from_row<R: sqlx::Row>(row: &R) -> Result<app::ssr::store::PublishedVersion, app::error::StoreError>
            where
                for<'c> &'c str: sqlx::ColumnIndex<R>,
                i64: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
                i32: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
                String: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
                chrono::DateTime<chrono::Utc>: sqlx::Type<R::Database> + for<'r> sqlx::Decode<'r, R::Database>,
            {
                let definition: String = row.try_get("definition").map_err($crate::db::store_error)?;
                Ok(app::ssr::store::PublishedVersion {
                    version_id: row.try_get("id").map_err($crate::db::store_error)?,
                    number: row.try_get("number").map_err($crate::db::store_error)?,
                    definition: serde_json::from_str(&definition).map_err($crate::db::json_error)?,
                    published_at: row.try_get("published_at").map_err($crate::db::store_error)?,
                })
            }

            async fn response_where(
                &self,
                condition: &'static str,
                value: &str,
            ) -> Result<Option<app::ssr::store::ResponseRecord>, app::error::StoreError> {
                use sqlx::Row;
                let sql = format!(
                    "select r.id, r.token, r.version_id, q.slug, r.locale, r.touchpoint, r.consent,
                            r.started_at, r.completed_at, r.outcome
                     from responses r
                     join questionnaire_versions v on v.id = r.version_id
                     join questionnaires q on q.id = v.questionnaire_id
                     where {condition}"
                );
                let Some(row) = sqlx::query(&sql).bind(value).fetch_optional(&self.pool).await.map_err($crate::db::store_error)? else {
                    return Ok(None);
                };
                let outcome: Option<String> = row.try_get("outcome").map_err($crate::db::store_error)?;
                Ok(Some(app::ssr::store::ResponseRecord {
                    id: row.try_get("id").map_err($crate::db::store_error)?,
                    token: row.try_get("token").map_err($crate::db::store_error)?,
                    version_id: row.try_get("version_id").map_err($crate::db::store_error)?,
                    slug: row.try_get("slug").map_err($crate::db::store_error)?,
                    locale: row.try_get("locale").map_err($crate::db::store_error)?,
                    touchpoint: row.try_get("touchpoint").map_err($crate::db::store_error)?,
                    consent: row.try_get("consent").map_err($crate::db::store_error)?,
                    started_at: row.try_get("started_at").map_err($crate::db::store_error)?,
                    completed_at: row.try_get("completed_at").map_err($crate::db::store_error)?,
                    outcome: outcome.map(|o| serde_json::from_str(&o)).transpose().map_err($crate::db::json_error)?,
                }))
            }
        }
    };
}

pub(crate) use sql_store;
