//! Reasons in words: the sentence around what a reason cites ([`crate::domain::explain`]),
//! in the interface's language, from its translation files (`reason.*` and `stage.*`).

use leptos_i18n::td_string;

use crate::domain::answer::Answers;
use crate::domain::definition::{Definition, Stage};
use crate::domain::explain::{Cited, cite};
use crate::domain::recommend::Reason;
use crate::i18n::Locale;

/// The journey stage as a phrase that fits mid-sentence.
pub fn stage_label(ui: Locale, stage: Stage) -> &'static str {
    match stage {
        Stage::Onboarding => td_string!(ui, stage.onboarding),
        Stage::Usage => td_string!(ui, stage.usage),
        Stage::Retention => td_string!(ui, stage.retention),
        Stage::Renewal => td_string!(ui, stage.renewal),
    }
}

/// "A, B and C", each item as given.
fn list(ui: Locale, items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => {
            let rest = rest.join(td_string!(ui, reason.list_separator));
            td_string!(ui, reason.list_last, rest, last)
        }
    }
}

/// The respondent's answers, each in quotation marks, as a list.
fn said(ui: Locale, answers: &[String]) -> String {
    let quoted: Vec<String> = answers
        .iter()
        .map(|said| td_string!(ui, reason.quoted, said))
        .collect();
    list(ui, &quoted)
}

/// One reason as a sentence in the interface language `ui`.
pub fn word(ui: Locale, cited: &Cited) -> String {
    match cited {
        Cited::Trait { answers, name, end } => {
            td_string!(ui, reason.for_trait, said = said(ui, answers), name, end)
        }
        Cited::Goals { answers, goals } => td_string!(
            ui,
            reason.for_goals,
            said = said(ui, answers),
            goals = list(ui, goals)
        ),
        Cited::Persona { name } => td_string!(ui, reason.for_persona, name),
        Cited::Stage { stage, answers } if answers.is_empty() => {
            td_string!(ui, reason.for_stage, stage = stage_label(ui, *stage))
        }
        Cited::Stage { stage, answers } => td_string!(
            ui,
            reason.for_stage_answered,
            said = said(ui, answers),
            stage = stage_label(ui, *stage)
        ),
    }
}

/// Every reason of a list as a sentence: the questionnaire's texts in `locale`, the sentence
/// in `ui`. Reasons that no longer apply to the definition are left out.
pub fn explain_all(
    def: &Definition,
    answers: &Answers,
    reasons: &[Reason],
    locale: &str,
    ui: Locale,
) -> Vec<String> {
    reasons
        .iter()
        .filter_map(|r| cite(def, answers, r, locale))
        .map(|c| word(ui, &c))
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
        let en = explain_all(&def, &answers, &mud.reasons, "en", Locale::en);
        assert!(en.contains(&"You answered “Trail” and “Technical”, so for grip you need loose ground → this fits.".to_string()), "{en:?}");
        let it = explain_all(&def, &answers, &mud.reasons, "it", Locale::it);
        assert!(
            it.contains(
                &"Hai scelto “Sentiero”: ti aiuta nel tuo obiettivo (avventura).".to_string()
            ),
            "{it:?}"
        );
    }

    #[test]
    fn a_numeric_answer_is_cited_with_its_value() {
        let def = sample();
        let (answers, reason) = crate::domain::testing::weekly_km_reason();
        assert_eq!(
            explain_all(&def, &answers, &[reason], "en", Locale::en),
            ["You answered “80”, so for cushioning you need soft landings → this fits."]
        );
    }

    #[test]
    fn lists_of_three_use_commas_then_the_word_for_and() {
        let items = ["a".to_string(), "b".into(), "c".into()];
        assert_eq!(list(Locale::en, &items), "a, b and c");
        assert_eq!(list(Locale::it, &items), "a, b e c");
        assert_eq!(list(Locale::it, &items[..1]), "a");
    }

    #[test]
    fn stages_and_personas_are_worded_in_each_language() {
        let stage = Cited::Stage {
            stage: Stage::Onboarding,
            answers: vec![],
        };
        assert_eq!(
            word(Locale::en, &stage),
            "Right for where you are now: getting started."
        );
        assert_eq!(
            word(Locale::it, &stage),
            "Adatto alla fase in cui sei: per iniziare."
        );
        let persona = Cited::Persona {
            name: "Trail explorer".into(),
        };
        assert_eq!(
            word(Locale::it, &persona),
            "Pensato per chi ha un profilo come il tuo: Trail explorer."
        );
    }
}
