//! Unit tests of [`super`].
use super::*;
use crate::domain::testing::sample;

fn keys(k: &[&str]) -> AnswerValue {
    AnswerValue::Keys(k.iter().map(|s| s.to_string()).collect())
}

fn trail_runner() -> Answers {
    let mut a = Answers::new();
    a.insert("surface".into(), keys(&["trail"]));
    a.insert("terrain".into(), keys(&["technical"]));
    a.insert("pain".into(), keys(&["none"]));
    a.insert("weekly_km".into(), AnswerValue::Number(40.0));
    a
}

fn injured_road_runner() -> Answers {
    let mut a = Answers::new();
    a.insert("surface".into(), keys(&["road"]));
    a.insert("pain".into(), keys(&["knee", "ankle"]));
    a.insert("weekly_km".into(), AnswerValue::Number(60.0));
    a
}

#[test]
fn a_technical_trail_runner_is_an_explorer_and_gets_the_mud_shoe_first() {
    let def = sample();
    let out = recommend(&def, &trail_runner());
    let persona = out.persona.unwrap();
    assert_eq!(persona.key, "explorer");
    assert!(persona.confidence > 1.0 / 3.0 && persona.confidence <= 1.0);
    assert_eq!(out.offers[0].key, "mud");
    assert_eq!(out.learning_path.unwrap().key, "trail_basics");
    assert_eq!(out.goals, vec!["adventure"]);
}

#[test]
fn an_injured_road_runner_is_careful_and_gets_support() {
    let def = sample();
    let out = recommend(&def, &injured_road_runner());
    assert_eq!(out.persona.unwrap().key, "careful");
    assert_eq!(out.offers[0].key, "guide");
    assert_eq!(out.learning_path.as_ref().unwrap().key, "strength");
}

#[test]
fn reasons_cite_the_answers_behind_them() {
    let def = sample();
    let out = recommend(&def, &trail_runner());
    let mud = &out.offers[0];
    assert!(mud.reasons.contains(&Reason::Trait {
        trait_key: "grip".into(),
        high: true,
        evidence: vec![
            Evidence {
                question: "surface".into(),
                option: Some("trail".into())
            },
            Evidence {
                question: "terrain".into(),
                option: Some("technical".into())
            },
        ],
    }));
    assert!(mud.reasons.contains(&Reason::Goals {
        goals: vec!["adventure".into()],
        evidence: vec![Evidence {
            question: "surface".into(),
            option: Some("trail".into())
        }],
    }));
    assert!(mud.reasons.contains(&Reason::Persona {
        persona: "explorer".into()
    }));
}

#[test]
fn offers_for_another_stage_are_left_out() {
    let def = sample();
    let out = recommend(&def, &trail_runner());
    assert!(out.offers.iter().all(|o| o.key != "insoles"));
    assert_eq!(out.stage, Stage::Onboarding);
}

#[test]
fn the_first_declared_persona_wins_a_tie() {
    let mut def = sample();
    let twin = def.personas[0].profile.clone();
    def.personas[1].profile = twin;
    // Everything neutral: explorer and cruiser are now equally far; explorer comes first.
    let out = recommend(&def, &Answers::new());
    assert_eq!(out.persona.unwrap().key, "explorer");
    def.personas.swap(0, 1);
    let out = recommend(&def, &Answers::new());
    assert_eq!(out.persona.unwrap().key, "cruiser");
}

#[test]
fn offers_with_equal_scores_keep_declaration_order() {
    let mut def = sample();
    for o in &mut def.offers {
        o.targeting = Targeting::default();
    }
    let out = recommend(&def, &trail_runner());
    let keys: Vec<_> = out.offers.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, vec!["mud", "cloud", "guide"]);
}

#[test]
fn the_same_answers_always_give_the_same_outcome() {
    let def = sample();
    let first = recommend(&def, &injured_road_runner());
    for _ in 0..20 {
        assert_eq!(recommend(&def, &injured_road_runner()), first);
    }
}

#[test]
fn an_exact_profile_match_has_full_confidence() {
    let mut def = sample();
    let scores = score(&def, &trail_runner()).scores;
    def.personas[2].profile = scores;
    let out = recommend(&def, &trail_runner());
    let persona = out.persona.unwrap();
    assert_eq!((persona.key.as_str(), persona.confidence), ("careful", 1.0));
}

#[test]
fn insights_earned_are_collected_in_question_order() {
    // Two questions contribute; `pain` sorts before `surface` by key but comes after it in
    // the questionnaire, so an order by key or by map would show here.
    let mut def = sample();
    let pain = def.questions.iter_mut().find(|q| q.key == "pain").unwrap();
    let none = pain.options.iter_mut().find(|o| o.key == "none").unwrap();
    none.insight = Some(crate::domain::definition::Text(
        [("en".to_string(), "Pain-free: keep it that way.".to_string())].into(),
    ));
    let out = recommend(&def, &trail_runner());
    let questions: Vec<&str> = out.insights.iter().map(|i| i.question.as_str()).collect();
    assert_eq!(questions, ["surface", "surface", "pain"]);
}
