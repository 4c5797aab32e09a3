//! Rows as the queries in [`super::sql`] return them, and their conversion into the types of
//! the storage contract. JSON columns are decoded here, so a stored value that no longer
//! decodes is reported in one way.

use std::sync::Arc;

use app::domain::answer::{AnswerValue, Answers};
use app::domain::ids::ResponseId;
use app::error::StoreError;
use app::ssr::store::{PublishedVersion, ResponseRecord};
use chrono::{DateTime, Utc};

/// A stored JSON value that does not decode is a fault on our side, never the client's.
pub(crate) fn json_error(e: serde_json::Error) -> StoreError {
    StoreError::Other(format!("stored JSON does not decode: {e}"))
}

#[derive(sqlx::FromRow)]
pub(crate) struct VersionRow {
    pub id: i64,
    pub number: i32,
    /// Canonical JSON, compared as text to tell whether a publication changes anything.
    pub definition: String,
    pub published_at: DateTime<Utc>,
}

impl TryFrom<VersionRow> for PublishedVersion {
    type Error = StoreError;

    fn try_from(row: VersionRow) -> Result<Self, StoreError> {
        Ok(PublishedVersion {
            version_id: row.id,
            number: row.number,
            definition: Arc::new(serde_json::from_str(&row.definition).map_err(json_error)?),
            published_at: row.published_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ResponseRow {
    pub id: String,
    /// Empty only for a row written by an older server after the start-up backfill (during a
    /// rolling upgrade); such a row then matches no token until the next start.
    pub token_hash: Option<String>,
    pub version_id: i64,
    pub slug: String,
    pub locale: String,
    pub touchpoint: Option<String>,
    pub consent: bool,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub outcome: Option<String>,
}

impl TryFrom<ResponseRow> for ResponseRecord {
    type Error = StoreError;

    fn try_from(row: ResponseRow) -> Result<Self, StoreError> {
        let id = ResponseId::parse(&row.id).ok_or_else(|| {
            StoreError::Other(format!("stored response id {:?} is malformed", row.id))
        })?;
        Ok(ResponseRecord {
            id,
            token_hash: row.token_hash.unwrap_or_default(),
            version_id: row.version_id,
            slug: row.slug,
            locale: row.locale,
            touchpoint: row.touchpoint,
            consent: row.consent,
            started_at: row.started_at,
            completed_at: row.completed_at,
            outcome: row
                .outcome
                .map(|o| serde_json::from_str(&o))
                .transpose()
                .map_err(json_error)?,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AnswerRow {
    pub question_key: String,
    pub value: String,
}

/// The answers of one response, keyed by question.
pub(crate) fn answers(rows: Vec<AnswerRow>) -> Result<Answers, StoreError> {
    rows.into_iter()
        .map(|row| {
            let value: AnswerValue = serde_json::from_str(&row.value).map_err(json_error)?;
            Ok((row.question_key, value))
        })
        .collect()
}

/// A row of [`super::sql::RESPONSE_WITH_ANSWERS`].
#[derive(sqlx::FromRow)]
pub(crate) struct ResponseAnswerRow {
    #[sqlx(flatten)]
    pub response: ResponseRow,
    pub answer_key: Option<String>,
    pub answer_value: Option<String>,
}

/// The response and its answers, from the rows of one response (none: no such response).
pub(crate) fn response_with_answers(
    rows: Vec<ResponseAnswerRow>,
) -> Result<Option<(ResponseRecord, Answers)>, StoreError> {
    let mut answers = Answers::new();
    let mut response = None;
    for row in rows {
        if let (Some(key), Some(value)) = (row.answer_key, row.answer_value) {
            answers.insert(key, serde_json::from_str(&value).map_err(json_error)?);
        }
        response.get_or_insert(row.response);
    }
    response
        .map(|r| Ok((ResponseRecord::try_from(r)?, answers)))
        .transpose()
}

/// A response that still holds the plain token it was created with before migration 0002.
#[derive(sqlx::FromRow)]
pub(crate) struct PlainTokenRow {
    pub id: String,
    pub token: String,
}
