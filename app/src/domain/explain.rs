//! Reasons in words. A [`Reason`] is stored in structured form; it is worded here, in the
//! reader's language, citing the answers behind it in the questionnaire's own words.

use super::answer::Answers;
use super::definition::{Definition, Stage};
use super::recommend::{Evidence, Reason};

/// The languages the product speaks. Questionnaires may add others for their own texts.
fn is_italian(locale: &str) -> bool {
    locale == "it"
}

pub fn stage_label(stage: Stage, locale: &str) -> &'static str {
    match (stage, is_italian(locale)) {
        (Stage::Onboarding, false) => "getting started",
        (Stage::Onboarding, true) => "per iniziare",
        (Stage::Usage, false) => "getting more from what you have",
        (Stage::Usage, true) => "sfruttare al meglio ciò che hai",
        (Stage::Retention, false) => "keeping it going",
        (Stage::Retention, true) => "mantenere l'abitudine",
        (Stage::Renewal, false) => "time for a new one",
        (Stage::Renewal, true) => "è ora di rinnovare",
    }
}

/// An answer as the respondent would recognise it: the option's label, or the number given.
fn cite(def: &Definition, answers: &Answers, e: &Evidence, locale: &str) -> Option<String> {
    let fallback = def.default_locale();
    let q = def.question(&e.question)?;
    let said = match &e.option {
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
    };
    Some(format!("“{said}”"))
}

/// A label in mid-sentence: authored labels start with a capital ("Soft landings").
fn mid_sentence(label: &str) -> String {
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

fn join(items: &[String], locale: &str) -> String {
    let and = if is_italian(locale) { " e " } else { " and " };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
    }
}

fn cites(def: &Definition, answers: &Answers, evidence: &[Evidence], locale: &str) -> String {
    let cited: Vec<String> = evidence
        .iter()
        .filter_map(|e| cite(def, answers, e, locale))
        .collect();
    join(&cited, locale)
}

/// One reason as a sentence in `locale`.
pub fn explain(def: &Definition, answers: &Answers, reason: &Reason, locale: &str) -> String {
    let fallback = def.default_locale();
    let it = is_italian(locale);
    match reason {
        Reason::Trait {
            trait_key,
            high,
            evidence,
        } => {
            let Some(t) = def.trait_def(trait_key) else {
                return String::new();
            };
            let end = if *high { &t.high } else { &t.low };
            let name = t.name.get(locale, fallback);
            let end = mid_sentence(end.get(locale, fallback));
            let said = cites(def, answers, evidence, locale);
            if it {
                format!(
                    "Hai risposto {said}: per {} conta {end} → fa per te.",
                    name.to_lowercase()
                )
            } else {
                format!(
                    "You answered {said}, so for {} you need {end} → this fits.",
                    name.to_lowercase()
                )
            }
        }
        Reason::Goals { goals, evidence } => {
            let names: Vec<String> = goals
                .iter()
                .filter_map(|g| def.goal(g))
                .map(|g| g.name.get(locale, fallback).to_string())
                .collect();
            let said = cites(def, answers, evidence, locale);
            if it {
                format!(
                    "Hai scelto {said}: ti aiuta nel tuo obiettivo ({}).",
                    join(&names, locale)
                )
            } else {
                format!(
                    "You chose {said}: this helps with your goal ({}).",
                    join(&names, locale)
                )
            }
        }
        Reason::Persona { persona } => {
            let name = def
                .persona(persona)
                .map(|p| p.name.get(locale, fallback))
                .unwrap_or(persona);
            if it {
                format!("Pensato per chi ha un profilo come il tuo: {name}.")
            } else {
                format!("Made for people with a profile like yours: {name}.")
            }
        }
        Reason::Stage { stage, evidence } => {
            let label = stage_label(*stage, locale);
            if evidence.is_empty() {
                if it {
                    format!("Adatto alla fase in cui sei: {label}.")
                } else {
                    format!("Right for where you are now: {label}.")
                }
            } else {
                let said = cites(def, answers, evidence, locale);
                if it {
                    format!("Hai risposto {said}: adatto alla fase in cui sei ({label}).")
                } else {
                    format!("You answered {said}: right for where you are now ({label}).")
                }
            }
        }
    }
}

/// Every reason of a list, worded, skipping any that no longer apply to the definition.
pub fn explain_all(
    def: &Definition,
    answers: &Answers,
    reasons: &[Reason],
    locale: &str,
) -> Vec<String> {
    reasons
        .iter()
        .map(|r| explain(def, answers, r, locale))
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::answer::AnswerValue;
    use crate::domain::recommend::recommend;
    use crate::domain::testing::sample;

    #[test]
    fn an_offer_reason_cites_the_answers_in_the_readers_language() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), AnswerValue::Keys(vec!["trail".into()]));
        answers.insert(
            "terrain".into(),
            AnswerValue::Keys(vec!["technical".into()]),
        );
        let out = recommend(&def, &answers);
        let mud = out.offers.iter().find(|o| o.key == "mud").unwrap();
        let en = explain_all(&def, &answers, &mud.reasons, "en");
        assert!(en.contains(&"You answered “Trail” and “Technical”, so for grip you need loose ground → this fits.".to_string()), "{en:?}");
        let it = explain_all(&def, &answers, &mud.reasons, "it");
        assert!(
            it.contains(
                &"Hai scelto “Sentiero”: ti aiuta nel tuo obiettivo (avventura).".to_string()
            ),
            "{it:?}"
        );
    }

    #[test]
    fn labels_are_lowercased_mid_sentence_but_acronyms_are_kept() {
        assert_eq!(mid_sentence("Soft landings"), "soft landings");
        assert_eq!(mid_sentence("SPF every day"), "SPF every day");
        assert_eq!(mid_sentence("Èlite"), "èlite");
    }

    #[test]
    fn a_numeric_answer_is_cited_with_its_value() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("weekly_km".into(), AnswerValue::Number(80.0));
        let reason = Reason::Trait {
            trait_key: "cushioning".into(),
            high: true,
            evidence: vec![Evidence {
                question: "weekly_km".into(),
                option: None,
            }],
        };
        assert_eq!(
            explain(&def, &answers, &reason, "en"),
            "You answered “80”, so for cushioning you need soft landings → this fits."
        );
    }
}
