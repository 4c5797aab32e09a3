//! The bundled demo assessments: complete, bilingual, and every persona reachable.

use app::domain::answer::{AnswerValue, Answers};
use app::domain::definition::{Definition, QuestionKind};
use app::domain::flow::{is_complete, next_question};
use app::domain::recommend::recommend;
use app::domain::validate::parse_definition;
use serde_json::Value;

fn demo(slug: &str) -> Definition {
    let (_, json) = server::demo::DEMOS
        .iter()
        .find(|(name, _)| name.starts_with(slug))
        .unwrap();
    parse_definition(json).unwrap()
}

fn answers(def: &Definition, given: Value) -> Answers {
    let mut out = Answers::new();
    for (key, value) in given.as_object().unwrap() {
        let q = def
            .question(key)
            .unwrap_or_else(|| panic!("no question {key}"));
        out.insert(
            key.clone(),
            AnswerValue::from_json(q, value).unwrap_or_else(|e| panic!("{key}: {e}")),
        );
    }
    out
}

/// Answer sets that stand for each persona, shared with the browser journeys.
const PERSONA_ANSWERS: &str = include_str!("../../../end2end/fixtures/persona-answers.json");

fn persona_answers() -> Vec<(String, String, Value)> {
    let sets: Vec<Value> = serde_json::from_str(PERSONA_ANSWERS).unwrap();
    sets.into_iter()
        .map(|s| {
            (
                s["questionnaire"].as_str().unwrap().into(),
                s["persona"].as_str().unwrap().into(),
                s["answers"].clone(),
            )
        })
        .collect()
}

#[test]
fn each_demo_is_complete_and_bilingual() {
    for slug in ["running-shoe-finder", "skin-care-routine"] {
        let def = demo(slug);
        assert_eq!(def.locales, vec!["en", "it"]);
        assert!(
            def.personas.len() >= 3 && def.offers.len() >= 6 && def.learning_paths.len() >= 3,
            "{slug}"
        );
        assert!(
            def.questions
                .iter()
                .any(|q| !q.insights.is_empty() || q.options.iter().any(|o| o.insight.is_some()))
        );
        assert!(
            def.questions.iter().any(|q| q.show_if.is_some()),
            "{slug} has conditional questions"
        );
    }
    let kinds: Vec<QuestionKind> = ["running-shoe-finder", "skin-care-routine"]
        .iter()
        .flat_map(|s| demo(s).questions.into_iter().map(|q| q.kind))
        .collect();
    for kind in [
        QuestionKind::SingleChoice,
        QuestionKind::MultipleChoice,
        QuestionKind::ImageChoice,
        QuestionKind::Scale,
        QuestionKind::Nps,
        QuestionKind::Csat,
        QuestionKind::Ces,
        QuestionKind::Number,
        QuestionKind::Text,
    ] {
        assert!(kinds.contains(&kind), "the demos show a {kind:?} question");
    }
}

#[test]
fn every_persona_is_reached_by_its_answers() {
    for (slug, persona, given) in persona_answers() {
        let def = demo(&slug);
        let answers = answers(&def, given);
        assert!(
            is_complete(&def, &answers),
            "{persona}: unanswered {:?}",
            next_question(&def, &answers).map(|q| &q.key)
        );
        let outcome = recommend(&def, &answers);
        assert_eq!(
            outcome.persona.as_ref().map(|p| p.key.as_str()),
            Some(persona.as_str()),
            "{slug}: {:?}",
            outcome.traits
        );
        assert!(
            !outcome.offers.is_empty() && outcome.learning_path.is_some(),
            "{persona}"
        );
        assert!(
            outcome.offers[0].reasons.iter().any(|r| matches!(
                r,
                app::domain::recommend::Reason::Trait { .. }
                    | app::domain::recommend::Reason::Goals { .. }
            )),
            "{persona}: {:?}",
            outcome.offers[0]
        );
    }
    for slug in ["running-shoe-finder", "skin-care-routine"] {
        let def = demo(slug);
        for p in &def.personas {
            assert!(
                persona_answers()
                    .iter()
                    .any(|(s, k, _)| s == slug && *k == p.key),
                "{slug}: {} has an answer set",
                p.key
            );
        }
    }
}

#[test]
fn the_committed_json_schema_matches_the_types() {
    let committed = include_str!("../../../app/schema/definition.schema.json");
    assert_eq!(
        committed.trim(),
        app::domain::definition::json_schema().trim(),
        "regenerate it: cargo run -p server -- schema > app/schema/definition.schema.json"
    );
}
