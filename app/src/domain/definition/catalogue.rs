//! What a questionnaire measures and can recommend: traits, goals, personas, offers and
//! learning paths.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Stage, Text};

/// A measured dimension. Scores are normalised to 0..=1; `low` and `high` name the ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TraitDef {
    pub key: String,
    pub name: Text,
    /// What a low score means, e.g. "neutral stride".
    pub low: Text,
    /// What a high score means, e.g. "needs support".
    pub high: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub key: String,
    pub name: Text,
}

/// The four quadrants of an empathy map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EmpathyMap {
    pub thinks: Text,
    pub feels: Text,
    pub says: Text,
    pub does: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub key: String,
    pub name: Text,
    pub description: Text,
    #[serde(default)]
    pub goals: Vec<String>,
    pub empathy: EmpathyMap,
    /// The persona's centre: a 0..=1 score per trait. Traits left out count as 0.5.
    pub profile: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Offer {
    pub key: String,
    pub title: Text,
    pub description: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default)]
    pub targeting: Targeting,
}

/// Who an offer is for. Every part is optional; an empty targeting fits everyone a little.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Targeting {
    /// The ideal 0..=1 score per trait.
    #[serde(default)]
    pub traits: BTreeMap<String, f64>,
    #[serde(default)]
    pub personas: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    /// Journey stages the offer is shown at; empty means all.
    #[serde(default)]
    pub stages: Vec<Stage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningPath {
    pub key: String,
    pub title: Text,
    pub description: Text,
    #[serde(default)]
    pub personas: Vec<String>,
    #[serde(default)]
    pub goals: Vec<String>,
    pub stage: Stage,
    pub steps: Vec<Step>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema, utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    Article,
    Video,
    Exercise,
    Checklist,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub kind: StepKind,
    pub title: Text,
    pub body: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}
