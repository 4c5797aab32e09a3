//! Reasons, resolved for wording. A [`Reason`] is stored in structured form; here it is looked
//! up in the definition and becomes what its sentence cites ([`Cited`]): the respondent's
//! answers, the trait, goals or persona, in the questionnaire's own words for the reader's
//! language. The sentence around them belongs to the interface and lives in its translation
//! files (`crate::views::reasons` writes it), so this module holds no English or Italian.

use super::answer::Answers;
use super::definition::{Definition, Stage};
use super::recommend::{Evidence, Reason};

/// What one reason's sentence cites, every text already in the reader's language and ready
/// to stand mid-sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Cited {
    /// The answers point one way on a trait: `name` (lowercased) calls for `end`.
    Trait {
        answers: Vec<String>,
        name: String,
        end: String,
    },
    /// The answers chose goals the recommendation serves.
    Goals {
        answers: Vec<String>,
        goals: Vec<String>,
    },
    /// Made for the persona the respondent matched.
    Persona { name: String },
    /// Fits the journey stage the respondent is at, with the answers that told it, if any.
    Stage { stage: Stage, answers: Vec<String> },
}

/// An answer as the respondent would recognise it: the option's label, or the number given
/// with its unit.
fn answer(def: &Definition, answers: &Answers, e: &Evidence, locale: &str) -> Option<String> {
    let fallback = def.default_locale();
    let q = def.question(&e.question)?;
    Some(match &e.option {
        Some(key) => q.option(key)?.label.get(locale, fallback).to_string(),
        None => {
            let n = answers.get(&e.question)?.number()?;
            let unit = q
                .range
                .as_ref()
                .and_then(|r| r.unit.as_ref())
                .map(|u| u.get(locale, fallback));
            match unit {
                Some(u) => format!("{n} {u}"),
                None => format!("{n}"),
            }
        }
    })
}

fn answers_cited(
    def: &Definition,
    answers: &Answers,
    evidence: &[Evidence],
    locale: &str,
) -> Vec<String> {
    evidence
        .iter()
        .filter_map(|e| answer(def, answers, e, locale))
        .collect()
}

/// A label in mid-sentence: authored labels start with a capital ("Soft landings").
pub fn mid_sentence(label: &str) -> String {
    let mut chars = label.chars();
    match (chars.next(), chars.next()) {
        // Keep acronyms such as "SPF" as they are.
        (Some(first), Some(second)) if !second.is_uppercase() => first
            .to_lowercase()
            .chain(label[first.len_utf8()..].chars())
            .collect(),
        _ => label.to_string(),
    }
}

/// What `reason` cites, in `locale`; `None` when it no longer applies to the definition.
pub fn cite(def: &Definition, answers: &Answers, reason: &Reason, locale: &str) -> Option<Cited> {
    let fallback = def.default_locale();
    Some(match reason {
        Reason::Trait {
            trait_key,
            high,
            evidence,
        } => {
            let t = def.trait_def(trait_key)?;
            let end = if *high { &t.high } else { &t.low };
            Cited::Trait {
                answers: answers_cited(def, answers, evidence, locale),
                name: t.name.get(locale, fallback).to_lowercase(),
                end: mid_sentence(end.get(locale, fallback)),
            }
        }
        Reason::Goals { goals, evidence } => Cited::Goals {
            answers: answers_cited(def, answers, evidence, locale),
            goals: goals
                .iter()
                .filter_map(|g| def.goal(g))
                .map(|g| g.name.get(locale, fallback).to_string())
                .collect(),
        },
        Reason::Persona { persona } => Cited::Persona {
            name: def
                .persona(persona)
                .map(|p| p.name.get(locale, fallback))
                .unwrap_or(persona)
                .to_string(),
        },
        Reason::Stage { stage, evidence } => Cited::Stage {
            stage: *stage,
            answers: answers_cited(def, answers, evidence, locale),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    #[test]
    fn labels_are_lowercased_mid_sentence_but_acronyms_are_kept() {
        assert_eq!(mid_sentence("Soft landings"), "soft landings");
        assert_eq!(mid_sentence("SPF every day"), "SPF every day");
        assert_eq!(mid_sentence("Èlite"), "èlite");
    }

    #[test]
    fn a_numeric_answer_is_cited_with_its_value_and_the_trait_mid_sentence() {
        let def = sample();
        let (answers, reason) = crate::domain::testing::weekly_km_reason();
        assert_eq!(
            cite(&def, &answers, &reason, "en"),
            Some(Cited::Trait {
                answers: vec!["80".into()],
                name: "cushioning".into(),
                end: "soft landings".into(),
            })
        );
    }

    #[test]
    fn a_reason_about_a_trait_the_definition_no_longer_has_cites_nothing() {
        let reason = Reason::Trait {
            trait_key: "gone".into(),
            high: true,
            evidence: vec![],
        };
        assert_eq!(cite(&sample(), &Answers::new(), &reason, "en"), None);
    }
}
