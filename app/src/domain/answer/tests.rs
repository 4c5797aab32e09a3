//! Unit tests of [`super`].
use super::*;
use crate::domain::definition::{ChoiceOption, Range, Text};

fn question(kind: QuestionKind) -> Question {
    Question {
        key: "q".into(),
        kind,
        prompt: Text::default(),
        help: None,
        required: true,
        options: ["a", "b"]
            .iter()
            .map(|k| ChoiceOption {
                key: (*k).into(),
                label: Text::default(),
                image: None,
                exclusive: *k == "b",
                effects: Default::default(),
                goals: vec![],
                stage: None,
                insight: None,
            })
            .collect(),
        range: Some(Range {
            min: 0.0,
            max: 100.0,
            step: 5.0,
            min_label: None,
            max_label: None,
            unit: None,
        }),
        effects: Default::default(),
        show_if: None,
        insights: vec![],
    }
}

#[test]
fn single_choice_accepts_a_known_option_and_refuses_others() {
    let q = question(QuestionKind::SingleChoice);
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!("a")),
        Ok(AnswerValue::Keys(vec!["a".into()]))
    );
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!("z")),
        Err(AnswerError::UnknownOption("z".into()))
    );
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(["a", "b"])),
        Err(AnswerError::WrongType {
            expected: "an option key"
        })
    );
}

#[test]
fn multiple_choice_refuses_duplicates() {
    let q = question(QuestionKind::MultipleChoice);
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(["a", "a"])),
        Err(AnswerError::DuplicateOption("a".into()))
    );
}

#[test]
fn an_exclusive_option_stands_alone() {
    let q = question(QuestionKind::MultipleChoice);
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(["a", "b"])),
        Err(AnswerError::ExclusiveOption("b".into()))
    );
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(["b"])),
        Ok(AnswerValue::Keys(vec!["b".into()]))
    );
}

#[test]
fn steps_are_checked_exactly() {
    let mut q = question(QuestionKind::Number);
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(1e-300)),
        Err(AnswerError::OffStep { step: 5.0 })
    );
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(5.000000001)),
        Err(AnswerError::OffStep { step: 5.0 })
    );
    q.range.as_mut().unwrap().step = 0.1;
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(0.3)),
        Ok(AnswerValue::Number(0.3))
    );
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(99.9)),
        Ok(AnswerValue::Number(99.9))
    );
    let r = q.range.as_mut().unwrap();
    r.min = -2.5;
    r.step = 0.5;
    assert!(AnswerValue::from_json(&q, &serde_json::json!(-1)).is_ok());
    assert!(AnswerValue::from_json(&q, &serde_json::json!(-1.25)).is_err());
}

#[test]
fn nps_has_a_fixed_zero_to_ten_range() {
    let q = question(QuestionKind::Nps);
    assert!(AnswerValue::from_json(&q, &serde_json::json!(10)).is_ok());
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(11)),
        Err(AnswerError::OutOfRange {
            min: 0.0,
            max: 10.0
        })
    );
}

#[test]
fn numbers_respect_step_and_accept_a_decimal_comma() {
    let q = question(QuestionKind::Number);
    assert_eq!(
        AnswerValue::from_form(&q, Some("15"), &[]),
        Ok(AnswerValue::Number(15.0))
    );
    assert_eq!(
        AnswerValue::from_form(&q, Some("12"), &[]),
        Err(AnswerError::OffStep { step: 5.0 })
    );
    let mut q = q;
    q.range.as_mut().unwrap().step = 0.5;
    assert_eq!(
        AnswerValue::from_form(&q, Some("12,5"), &[]),
        Ok(AnswerValue::Number(12.5))
    );
    assert_eq!(
        AnswerValue::from_form(&q, Some("dodici"), &[]),
        Err(AnswerError::NotANumber)
    );
}

#[test]
fn skipping_is_allowed_only_for_optional_questions() {
    let mut q = question(QuestionKind::Text);
    assert_eq!(
        AnswerValue::from_form(&q, Some("  "), &[]),
        Err(AnswerError::Required)
    );
    q.required = false;
    assert_eq!(
        AnswerValue::from_form(&q, Some(""), &[]),
        Ok(AnswerValue::Skipped)
    );
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::Value::Null),
        Ok(AnswerValue::Skipped)
    );
}

#[test]
fn overlong_text_is_refused() {
    let q = question(QuestionKind::Text);
    let long = "x".repeat(MAX_TEXT_LEN + 1);
    assert_eq!(
        AnswerValue::from_json(&q, &serde_json::json!(long)),
        Err(AnswerError::TooLong { max: MAX_TEXT_LEN })
    );
}

#[test]
fn answers_round_trip_through_json() {
    for value in [
        AnswerValue::Skipped,
        AnswerValue::Number(7.0),
        AnswerValue::Keys(vec!["a".into()]),
        AnswerValue::Text("ciao".into()),
    ] {
        let json = serde_json::to_string(&value).unwrap();
        assert_eq!(serde_json::from_str::<AnswerValue>(&json).unwrap(), value);
    }
}
