//! What a recommendation produces: the outcome of a response and the evidence behind each
//! part of it. Stored with the response as JSON, so its shape is part of the record.

use serde::{Deserialize, Serialize};

use super::definition::Stage;

/// Evidence for a reason: an answer, by question and (for choices) option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
}

/// Why something was recommended, in structured form; [`crate::domain::explain`] resolves
/// what it cites and `crate::views::reasons` words it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The respondent's score on `trait_key` is close to the target; `high` says which end.
    Trait {
        trait_key: String,
        high: bool,
        evidence: Vec<Evidence>,
    },
    /// The respondent expressed these goals, which the target shares.
    Goals {
        goals: Vec<String>,
        evidence: Vec<Evidence>,
    },
    /// Made for the respondent's persona.
    Persona { persona: String },
    /// Meant for the respondent's journey stage.
    Stage {
        stage: Stage,
        evidence: Vec<Evidence>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonaMatch {
    pub key: String,
    pub confidence: f64,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedOffer {
    pub key: String,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathChoice {
    pub key: String,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// An insight the respondent earned, by the question that earned it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarnedInsight {
    pub question: String,
    pub text: super::definition::Text,
}

/// Everything the result page shows, as stored with the response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub traits: std::collections::BTreeMap<String, f64>,
    pub stage: Stage,
    pub goals: Vec<String>,
    pub persona: Option<PersonaMatch>,
    pub offers: Vec<RankedOffer>,
    pub learning_path: Option<PathChoice>,
    pub insights: Vec<EarnedInsight>,
}
