//! The questionnaire definition: the versioned JSON format (`"format": 1`) that marketers
//! author, as Rust types. `serde` reads it, `schemars` derives the published JSON Schema from
//! the same types, and [`crate::domain::validate`] checks what the types cannot express.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

mod catalogue;
pub use catalogue::*;

/// The only format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A text in every locale of the questionnaire, keyed by language code (`"en"`, `"it"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `locale`, falling back to `fallback`, then to any text there is.
    pub fn get<'a>(&'a self, locale: &str, fallback: &str) -> &'a str {
        self.0
            .get(locale)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A whole questionnaire as authored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// Format version; must be 1.
    pub format: u32,
    /// URL name: lowercase letters, digits and dashes.
    pub slug: String,
    /// Language codes this questionnaire is written in; the first is the default.
    pub locales: Vec<String>,
    pub title: Text,
    /// One or two sentences shown on the start screen.
    pub description: Text,
    /// How many offers the result page shows (default 3).
    #[serde(default = "default_max_offers")]
    pub max_offers: usize,
    /// The journey stage assumed when no answer sets one.
    #[serde(default)]
    pub default_stage: Stage,
    /// The dimensions the questionnaire measures.
    pub traits: Vec<TraitDef>,
    /// The goals a respondent can pick up through their answers.
    #[serde(default)]
    pub goals: Vec<Goal>,
    pub personas: Vec<Persona>,
    pub offers: Vec<Offer>,
    pub learning_paths: Vec<LearningPath>,
    pub questions: Vec<Question>,
}

fn default_max_offers() -> usize {
    3
}

/// Where the customer is in their relationship with the brand.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema, utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    #[default]
    Onboarding,
    Usage,
    Retention,
    Renewal,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Onboarding => "onboarding",
            Stage::Usage => "usage",
            Stage::Retention => "retention",
            Stage::Renewal => "renewal",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema, utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice,
    MultipleChoice,
    ImageChoice,
    Scale,
    Nps,
    Csat,
    Ces,
    Number,
    Text,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::ImageChoice => "image_choice",
            QuestionKind::Scale => "scale",
            QuestionKind::Nps => "nps",
            QuestionKind::Csat => "csat",
            QuestionKind::Ces => "ces",
            QuestionKind::Number => "number",
            QuestionKind::Text => "text",
        }
    }

    /// Kinds answered by picking from `options`.
    pub fn has_options(self) -> bool {
        matches!(
            self,
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::ImageChoice
        )
    }

    /// Kinds answered with a number on a fixed or authored range.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            QuestionKind::Scale
                | QuestionKind::Nps
                | QuestionKind::Csat
                | QuestionKind::Ces
                | QuestionKind::Number
        )
    }

    /// The fixed range of the standard CX metrics, if this kind is one.
    pub fn fixed_range(self) -> Option<(f64, f64)> {
        match self {
            QuestionKind::Nps => Some((0.0, 10.0)),
            QuestionKind::Csat => Some((1.0, 5.0)),
            QuestionKind::Ces => Some((1.0, 7.0)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable key; answers are stored under it. Lowercase letters, digits and `_`.
    pub key: String,
    pub kind: QuestionKind,
    pub prompt: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    #[serde(default = "yes")]
    pub required: bool,
    /// Choices, for single, multiple and image choice.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// Bounds for scale and number questions (NPS, CSAT and CES have fixed ranges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Range>,
    /// For numeric kinds: trait deltas at the top of the range; the bottom gives the
    /// opposite, the middle nothing.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub effects: BTreeMap<String, f64>,
    /// Show this question only when the condition holds on earlier answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<Condition>,
    /// Reflective texts shown after the answer when their condition holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub insights: Vec<Insight>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    #[serde(default = "one")]
    pub step: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_label: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_label: Option<Text>,
    /// Unit shown beside a number input, e.g. "km".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Text>,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub key: String,
    pub label: Text,
    /// Image URL, for image choice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Multiple choice only: this option ("none of these") cannot be chosen with others.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
    /// Trait deltas this answer adds.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub effects: BTreeMap<String, f64>,
    /// Goals this answer expresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// The journey stage this answer places the respondent at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// Reflective text shown after this option is chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub insight: Option<Text>,
}

/// A reflective text shown after an answer when `when` holds (always, if absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Insight {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    pub text: Text,
}

/// A test on earlier answers. Exactly one of `all`, `any`, `not` or `question` is set; with
/// `question`, exactly one of the tests (`equals`, `one_of`, `includes`, `min`/`max`,
/// `answered`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<Condition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Condition>>,
    /// The key of an earlier question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The chosen option key (single/image choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// The chosen option is one of these (single/image choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<String>>,
    /// The chosen options include this one (multiple choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub includes: Option<String>,
    /// The number answered is at least this (numeric kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// The number answered is at most this (numeric kinds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The question was (true) or was not (false) answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered: Option<bool>,
}

impl Definition {
    pub fn default_locale(&self) -> &str {
        self.locales.first().map(String::as_str).unwrap_or("en")
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.key == key)
    }

    pub fn question_index(&self, key: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.key == key)
    }

    pub fn trait_def(&self, key: &str) -> Option<&TraitDef> {
        self.traits.iter().find(|t| t.key == key)
    }

    pub fn goal(&self, key: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.key == key)
    }

    pub fn persona(&self, key: &str) -> Option<&Persona> {
        self.personas.iter().find(|p| p.key == key)
    }

    pub fn offer(&self, key: &str) -> Option<&Offer> {
        self.offers.iter().find(|o| o.key == key)
    }

    pub fn learning_path(&self, key: &str) -> Option<&LearningPath> {
        self.learning_paths.iter().find(|p| p.key == key)
    }

    /// The locale to use for a visitor who prefers `wanted`: it if offered, else the default.
    pub fn pick_locale(&self, wanted: &str) -> String {
        if self.locales.iter().any(|l| l == wanted) {
            wanted.to_string()
        } else {
            self.default_locale().to_string()
        }
    }
}

impl Question {
    pub fn option(&self, key: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.key == key)
    }

    /// The answerable range of a numeric question.
    pub fn bounds(&self) -> Option<(f64, f64, f64)> {
        if let Some((min, max)) = self.kind.fixed_range() {
            return Some((min, max, 1.0));
        }
        self.range.as_ref().map(|r| (r.min, r.max, r.step))
    }
}

/// The JSON Schema of the definition format, derived from these types.
#[cfg(feature = "ssr")]
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Definition);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
