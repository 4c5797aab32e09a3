//! The API's response bodies, as types: what the OpenAPI document describes is what the
//! handlers send. Request bodies are shared with the forms (`app::ssr::requests`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use app::domain::answer::AnswerValue;
use app::views::{OutcomeView, QuestionView};

/// A published questionnaire in the listing.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct QuestionnaireSummary {
    pub slug: String,
    /// In the language asked for, or the questionnaire's default.
    pub title: String,
    pub locales: Vec<String>,
    /// The number of the current published version (1, 2, …).
    pub version: i32,
}

/// A new response: keep `token`, it authorises every later call.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Started {
    pub id: String,
    pub token: String,
    /// The language the response is in.
    pub locale: String,
    /// The first question.
    pub next: Option<QuestionView>,
}

/// What an answer produced.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Answered {
    /// The next question, or `null` when every shown question is answered: then complete.
    pub next: Option<QuestionView>,
    /// Reflective texts this answer earned, to show before moving on (often empty).
    pub insights: Vec<String>,
    /// `insights` joined by blank lines, or `null`. Deprecated: kept for one release for
    /// clients written against 0.1, removed in the next.
    #[schema(deprecated)]
    pub insight: Option<String>,
}

/// A response as it stands.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ResponseState {
    pub id: String,
    /// The questionnaire's slug.
    pub questionnaire: String,
    pub locale: String,
    pub consent: bool,
    pub touchpoint: Option<String>,
    pub started_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The answers that count (those to questions still shown), by question key.
    pub answers: BTreeMap<String, AnswerValue>,
    /// True once the response is completed; its answers are then final.
    pub completed: bool,
    pub next: Option<QuestionView>,
}

/// The outcome of a completed response, in its language.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct OutcomeBody {
    #[serde(flatten)]
    pub outcome: OutcomeView,
    pub completed_at: Option<DateTime<Utc>>,
}

/// `GET /healthz` and `GET /readyz`.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok` (`ready` for `/readyz`) or `unavailable`.
    pub status: String,
}
