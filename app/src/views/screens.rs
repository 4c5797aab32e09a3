//! What each screen of the journey needs, already in the reader's language. Built on the
//! server from the definition and the stored response, sent to the page as JSON; the
//! question and outcome views are also the REST API's bodies, so they carry an OpenAPI schema.

use serde::{Deserialize, Serialize};

use crate::domain::answer::AnswerValue;
use crate::domain::definition::{QuestionKind, Stage, StepKind};
use crate::i18n::Locale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentCard {
    pub slug: String,
    pub title: String,
    pub description: String,
    pub questions: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HomeScreen {
    /// The interface's language (see [`crate::locale::choose`]).
    pub ui: Locale,
    /// The language asked for the questionnaires' texts, carried on to the start links.
    pub locale: String,
    pub cards: Vec<AssessmentCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartScreen {
    /// The interface's language; `locale` is the questionnaire texts'.
    pub ui: Locale,
    pub locale: String,
    pub locales: Vec<String>,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub questions: usize,
    pub touchpoint: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OptionView {
    pub key: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// A question as a respondent sees it; also the `next` of the REST API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct QuestionView {
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionScreen {
    /// The interface's language; `locale` is the questionnaire texts'.
    pub ui: Locale,
    pub locale: String,
    pub locales: Vec<String>,
    pub token: String,
    pub title: String,
    pub question: QuestionView,
    /// 1-based position among the questions shown, and their count.
    pub position: usize,
    pub total: usize,
    /// The key of the previous question, for the back link.
    pub previous: Option<String>,
    /// The answer already given, to pre-fill the form when going back.
    pub answer: Option<AnswerValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InsightScreen {
    /// The interface's language; `locale` is the questionnaire texts'.
    pub ui: Locale,
    pub locale: String,
    pub locales: Vec<String>,
    pub token: String,
    pub title: String,
    pub question: String,
    pub insights: Vec<String>,
    pub position: usize,
    pub total: usize,
    /// Where "Continue" leads: the next question, or the result.
    pub next_href: String,
    pub finished: bool,
}

/// A step of the journey: a question to answer, or the page to go to instead (the result
/// when there is none left, the next question when the one asked for must wait).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Screen {
    Question(Box<QuestionScreen>),
    Elsewhere { href: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EmpathyView {
    pub thinks: String,
    pub feels: String,
    pub says: String,
    pub does: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonaView {
    pub key: String,
    pub name: String,
    pub description: String,
    pub confidence: f64,
    pub empathy: EmpathyView,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TraitView {
    pub key: String,
    pub name: String,
    pub score: f64,
    pub low: String,
    pub high: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OfferView {
    pub key: String,
    pub title: String,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    pub score: f64,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StepView {
    pub kind: StepKind,
    pub title: String,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PathView {
    pub key: String,
    pub title: String,
    pub description: String,
    pub steps: Vec<StepView>,
    pub reasons: Vec<String>,
}

/// The outcome in words; the result page and `GET …/outcome` both show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct OutcomeView {
    pub persona: Option<PersonaView>,
    /// Every trait of the questionnaire, in its order, scored 0…1.
    pub traits: Vec<TraitView>,
    /// Where the respondent is in their journey with the brand.
    pub stage: Stage,
    /// The goals they expressed, in questionnaire order.
    pub goals: Vec<String>,
    pub insights: Vec<String>,
    pub offers: Vec<OfferView>,
    pub learning_path: Option<PathView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultScreen {
    /// The interface's language; `locale` is the questionnaire texts'.
    pub ui: Locale,
    pub locale: String,
    pub locales: Vec<String>,
    pub slug: String,
    pub token: String,
    pub title: String,
    pub outcome: OutcomeView,
}
