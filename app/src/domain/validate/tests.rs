//! Unit tests of [`super`].
use super::*;
use crate::domain::testing::SAMPLE;

fn errors_after(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let mut json: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    edit(&mut json);
    match parse_definition(&json.to_string()) {
        Ok(_) => vec![],
        Err(e) => e.0.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn the_sample_is_valid() {
    assert_eq!(errors_after(|_| {}), Vec::<String>::new());
}

#[test]
fn an_unknown_trait_in_an_option_effect_is_located() {
    let errors = errors_after(|j| j["questions"][2]["options"][1]["effects"]["speed"] = 1.into());
    assert_eq!(
        errors,
        vec!["questions[2].options[1].effects.speed: unknown trait"]
    );
}

#[test]
fn a_type_error_names_its_path() {
    let errors = errors_after(|j| j["questions"][1]["options"][0]["effects"] = "lots".into());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("questions[1].options[0].effects: invalid type"),
        "{errors:?}"
    );
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    let errors = errors_after(|j| j["personas"][0]["colour"] = "red".into());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("personas[0].colour: unknown field `colour`"),
        "{errors:?}"
    );
}

#[test]
fn a_missing_translation_is_reported_per_locale() {
    let errors = errors_after(|j| {
        j["offers"][1]["title"]
            .as_object_mut()
            .unwrap()
            .remove("it");
    });
    assert_eq!(
        errors,
        vec!["offers[1].title.it: missing text for this locale"]
    );
}

#[test]
fn conditions_may_only_look_at_earlier_questions() {
    let errors = errors_after(|j| {
        j["questions"][0]["show_if"] = serde_json::json!({"question": "pain", "includes": "knee"})
    });
    assert_eq!(
        errors,
        vec!["questions[0].show_if.question: `pain` is not an earlier question"]
    );
}

#[test]
fn a_condition_test_must_fit_the_question_kind_and_options() {
    let errors = errors_after(|j| {
        j["questions"][1]["show_if"] = serde_json::json!({"question": "surface", "includes": "mud"})
    });
    assert_eq!(
        errors,
        vec![
            "questions[1].show_if.includes: `includes` needs a multiple choice; `surface` is single_choice",
            "questions[1].show_if.includes: `surface` has no option `mud`",
        ]
    );
}

#[test]
fn duplicate_keys_and_unknown_references_are_all_reported() {
    let errors = errors_after(|j| {
        j["questions"][1]["key"] = "surface".into();
        j["offers"][0]["targeting"]["personas"] = serde_json::json!(["ghost"]);
        j["learning_paths"][0]["goals"] = serde_json::json!(["fame"]);
    });
    assert_eq!(
        errors,
        vec![
            "offers[0].targeting.personas[0]: unknown persona `ghost`",
            "learning_paths[0].goals[0]: unknown goal `fame`",
            "questions[1].key: duplicate key `surface`",
        ]
    );
}

#[test]
fn profiles_must_lie_between_zero_and_one() {
    let errors = errors_after(|j| j["personas"][2]["profile"]["grip"] = 1.5.into());
    assert_eq!(
        errors,
        vec!["personas[2].profile.grip: expected a number from 0 to 1"]
    );
}

#[test]
fn a_number_question_needs_a_range_and_other_kinds_refuse_one() {
    let errors = errors_after(|j| {
        j["questions"][3].as_object_mut().unwrap().remove("range");
        j["questions"][4]["range"] = serde_json::json!({"min": 0, "max": 5});
    });
    assert_eq!(
        errors,
        vec![
            "questions[3].range: a number question needs a range",
            "questions[4].range: a nps question takes no range"
        ]
    );
}

#[test]
fn an_unsupported_format_is_refused() {
    let errors = errors_after(|j| j["format"] = 2.into());
    assert_eq!(
        errors,
        vec!["format: unsupported format 2; this version reads format 1"]
    );
}

#[test]
fn a_range_the_exact_step_check_cannot_hold_is_refused() {
    let errors = errors_after(|j| {
        let q = j["questions"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|q| q["range"].is_object())
            .unwrap();
        q["range"]["step"] = serde_json::json!(0.0000000001);
        q["range"]["max"] = serde_json::json!(1e300);
    });
    assert!(errors.iter().any(|e| e.ends_with("range.step: use at most 9 decimal places and a size below 10^15")), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("range.max: use at most 9")),
        "{errors:?}"
    );
}
