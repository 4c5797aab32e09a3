//! The storage contract. The server crate implements it for SQLite and PostgreSQL; one
//! contract test suite runs against both. Everything the product keeps goes through here.

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::answer::{AnswerValue, Answers};
use crate::domain::definition::Definition;
use crate::domain::ids::{ResponseId, ResumeToken, Slug};
use crate::domain::recommend::Outcome;
use crate::error::StoreError;

/// A published questionnaire, as listed on the home page and by the API.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedVersion {
    pub version_id: i64,
    /// 1 for the first published version of this questionnaire, then 2, 3…
    pub number: i32,
    /// Shared: a version is immutable, so every request on it can read one parsed copy.
    pub definition: Arc<Definition>,
    pub published_at: DateTime<Utc>,
}

/// The result of publishing a definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub version_id: i64,
    pub number: i32,
    /// False when the newest version already had exactly this content.
    pub created: bool,
}

/// A new response, before its first answer.
#[derive(Debug, Clone)]
pub struct NewResponse {
    pub id: ResponseId,
    /// The resume token, given to the respondent once; the store keeps only its hash.
    pub token: ResumeToken,
    pub version_id: i64,
    pub locale: String,
    pub touchpoint: Option<String>,
    pub consent: bool,
}

/// One respondent's run through one questionnaire version.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseRecord {
    pub id: ResponseId,
    /// [`token_hash`] of the resume token: the token itself is never stored, so a copy of the
    /// database does not let anyone resume someone else's response.
    pub token_hash: String,
    pub version_id: i64,
    pub slug: String,
    pub locale: String,
    pub touchpoint: Option<String>,
    pub consent: bool,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    pub outcome: Option<Outcome>,
}

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Succeeds when the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Publish `def` as the newest version of its questionnaire (creating the questionnaire on
    /// first publication), unless the newest version already has identical content.
    async fn publish(&self, def: &Definition) -> Result<Published, StoreError>;

    /// The newest published version of every questionnaire, ordered by slug.
    async fn list_published(&self) -> Result<Vec<PublishedVersion>, StoreError>;

    /// The newest published version of `slug`.
    async fn current_version(&self, slug: &Slug) -> Result<Option<PublishedVersion>, StoreError>;

    /// A version by id, current or not: responses keep pointing at the version they began on.
    async fn version(&self, version_id: i64) -> Result<Option<PublishedVersion>, StoreError>;

    async fn create_response(&self, new: &NewResponse) -> Result<ResponseRecord, StoreError>;

    async fn response(&self, id: &ResponseId) -> Result<Option<ResponseRecord>, StoreError>;

    /// The response and its answers, read together.
    async fn response_with_answers(
        &self,
        id: &ResponseId,
    ) -> Result<Option<(ResponseRecord, Answers)>, StoreError>;

    /// The response whose resume token is `token` (looked up by its hash).
    async fn response_by_token(
        &self,
        token: &ResumeToken,
    ) -> Result<Option<ResponseRecord>, StoreError>;

    async fn set_locale(&self, response_id: &ResponseId, locale: &str) -> Result<(), StoreError>;

    /// Store (or replace) one answer. Durable when this returns: the answer is acknowledged.
    async fn save_answer(
        &self,
        response_id: &ResponseId,
        question_key: &str,
        value: &AnswerValue,
    ) -> Result<(), StoreError>;

    async fn answers(&self, response_id: &ResponseId) -> Result<Answers, StoreError>;

    /// Record the outcome and the completion time (kept from the first completion).
    async fn complete(&self, response_id: &ResponseId, outcome: &Outcome)
    -> Result<(), StoreError>;

    /// Succeeds when the database answers and holds every migration this server ships.
    async fn ready(&self) -> Result<(), StoreError>;

    /// Delete the responses started before `started_before` that never got an answer (and so
    /// were never completed); returns how many.
    async fn delete_unanswered(&self, started_before: DateTime<Utc>) -> Result<u64, StoreError>;
}

/// The store as shared by handlers and server functions.
pub type SharedStore = Arc<dyn Store>;

/// How a resume token is kept: the lowercase hex SHA-256 of its text. Tokens are 192 random
/// bits, so an unsalted fast hash is enough: there is nothing to guess or look up.
pub fn token_hash(token: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::token_hash;

    #[test]
    fn a_token_is_kept_as_the_hex_sha256_of_its_text() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
