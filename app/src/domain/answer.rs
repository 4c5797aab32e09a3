//! Answers: the value a respondent gives to one question, parsed and checked against the
//! question's kind, options and bounds.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::definition::{Question, QuestionKind};

/// One answer. In JSON: an option key (string), a list of option keys, a number, a text, or
/// `null` for an optional question the respondent skipped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum AnswerValue {
    Skipped,
    Number(f64),
    Keys(Vec<String>),
    Text(String),
}

/// All answers of a response so far, by question key.
pub type Answers = BTreeMap<String, AnswerValue>;

/// Why an answer was refused. The message is for the respondent; `code` is stable for clients.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum AnswerError {
    #[error("an answer is required")]
    Required,
    #[error("choose one of the options")]
    UnknownOption(String),
    #[error("choose exactly one option")]
    NotOneOption,
    #[error("each option can be chosen once")]
    DuplicateOption(String),
    #[error("this option cannot be combined with others")]
    ExclusiveOption(String),
    #[error("enter a number")]
    NotANumber,
    #[error("enter a number between {min} and {max}")]
    OutOfRange { min: f64, max: f64 },
    #[error("enter a multiple of {step}")]
    OffStep { step: f64 },
    #[error("the text is too long (at most {max} characters)")]
    TooLong { max: usize },
    #[error("expected {expected}")]
    WrongType { expected: &'static str },
}

impl AnswerError {
    pub fn code(&self) -> &'static str {
        match self {
            AnswerError::Required => "required",
            AnswerError::UnknownOption(_) => "unknown_option",
            AnswerError::NotOneOption => "not_one_option",
            AnswerError::DuplicateOption(_) => "duplicate_option",
            AnswerError::ExclusiveOption(_) => "exclusive_option",
            AnswerError::NotANumber => "not_a_number",
            AnswerError::OutOfRange { .. } => "out_of_range",
            AnswerError::OffStep { .. } => "off_step",
            AnswerError::TooLong { .. } => "too_long",
            AnswerError::WrongType { .. } => "wrong_type",
        }
    }
}

/// Longest free-text answer kept.
pub const MAX_TEXT_LEN: usize = 2000;

impl AnswerValue {
    pub fn is_skipped(&self) -> bool {
        matches!(self, AnswerValue::Skipped)
    }

    /// The chosen option keys (one for single/image choice), empty for other kinds.
    pub fn keys(&self) -> &[String] {
        match self {
            AnswerValue::Keys(keys) => keys,
            _ => &[],
        }
    }

    pub fn number(&self) -> Option<f64> {
        match self {
            AnswerValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// Parse a JSON value given by a client for `question`.
    pub fn from_json(question: &Question, value: &serde_json::Value) -> Result<Self, AnswerError> {
        use serde_json::Value;
        let parsed = match (question.kind, value) {
            (_, Value::Null) => AnswerValue::Skipped,
            (QuestionKind::MultipleChoice, Value::Array(items)) => {
                let mut keys = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => keys.push(s.clone()),
                        _ => {
                            return Err(AnswerError::WrongType {
                                expected: "a list of option keys",
                            });
                        }
                    }
                }
                AnswerValue::Keys(keys)
            }
            (QuestionKind::MultipleChoice, Value::String(s)) => AnswerValue::Keys(vec![s.clone()]),
            (QuestionKind::MultipleChoice, _) => {
                return Err(AnswerError::WrongType {
                    expected: "a list of option keys",
                });
            }
            (QuestionKind::SingleChoice | QuestionKind::ImageChoice, Value::String(s)) => {
                AnswerValue::Keys(vec![s.clone()])
            }
            (QuestionKind::SingleChoice | QuestionKind::ImageChoice, _) => {
                return Err(AnswerError::WrongType {
                    expected: "an option key",
                });
            }
            (QuestionKind::Text, Value::String(s)) => AnswerValue::Text(s.clone()),
            (QuestionKind::Text, _) => return Err(AnswerError::WrongType { expected: "a text" }),
            (_, Value::Number(n)) => {
                AnswerValue::Number(n.as_f64().ok_or(AnswerError::NotANumber)?)
            }
            (_, Value::String(s)) => AnswerValue::Number(parse_number(s)?),
            _ => {
                return Err(AnswerError::WrongType {
                    expected: "a number",
                });
            }
        };
        parsed.check(question)
    }

    /// Parse what an HTML form sent: `choices` for checkboxes, `value` for everything else.
    /// An empty submission of an optional question is a skip.
    pub fn from_form(
        question: &Question,
        value: Option<&str>,
        choices: &[String],
    ) -> Result<Self, AnswerError> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        let parsed = match question.kind {
            QuestionKind::MultipleChoice if choices.is_empty() => AnswerValue::Skipped,
            QuestionKind::MultipleChoice => AnswerValue::Keys(choices.to_vec()),
            _ => match value {
                None => AnswerValue::Skipped,
                Some(v) if question.kind == QuestionKind::Text => AnswerValue::Text(v.to_string()),
                Some(v) if question.kind.has_options() => AnswerValue::Keys(vec![v.to_string()]),
                Some(v) => AnswerValue::Number(parse_number(v)?),
            },
        };
        parsed.check(question)
    }

    /// Check a parsed value against the question's options, bounds and `required`.
    pub fn check(self, question: &Question) -> Result<Self, AnswerError> {
        match &self {
            AnswerValue::Skipped => {
                if question.required {
                    return Err(AnswerError::Required);
                }
            }
            AnswerValue::Keys(keys) => {
                if !question.kind.has_options() {
                    return Err(AnswerError::WrongType {
                        expected: "a number or a text",
                    });
                }
                if question.kind != QuestionKind::MultipleChoice && keys.len() != 1 {
                    return Err(AnswerError::NotOneOption);
                }
                for (i, key) in keys.iter().enumerate() {
                    let Some(option) = question.option(key) else {
                        return Err(AnswerError::UnknownOption(key.clone()));
                    };
                    if keys[..i].contains(key) {
                        return Err(AnswerError::DuplicateOption(key.clone()));
                    }
                    if option.exclusive && keys.len() > 1 {
                        return Err(AnswerError::ExclusiveOption(key.clone()));
                    }
                }
                if keys.is_empty() && question.required {
                    return Err(AnswerError::Required);
                }
            }
            AnswerValue::Number(n) => {
                let Some((min, max, step)) = question.bounds() else {
                    return Err(AnswerError::WrongType {
                        expected: "an option key or a text",
                    });
                };
                if !n.is_finite() {
                    return Err(AnswerError::NotANumber);
                }
                if *n < min || *n > max {
                    return Err(AnswerError::OutOfRange { min, max });
                }
                if step > 0.0 && !on_step(*n, min, step) {
                    return Err(AnswerError::OffStep { step });
                }
            }
            AnswerValue::Text(text) => {
                if question.kind != QuestionKind::Text {
                    return Err(AnswerError::WrongType {
                        expected: "an option key or a number",
                    });
                }
                if text.chars().count() > MAX_TEXT_LEN {
                    return Err(AnswerError::TooLong { max: MAX_TEXT_LEN });
                }
            }
        }
        // An empty multiple choice on an optional question is the same as skipping it.
        if let AnswerValue::Keys(keys) = &self
            && keys.is_empty()
        {
            return Ok(AnswerValue::Skipped);
        }
        Ok(self)
    }
}

/// Most decimal places a bound, step or answer may have for the step check.
const MAX_DECIMALS: usize = 9;
/// Largest size of a bound or step, so the scaled integers stay far inside `i128`.
const MAX_MAGNITUDE: f64 = 1e15;

/// Whether `x` can take part in the exact step check: finite, below [`MAX_MAGNITUDE`], with at
/// most [`MAX_DECIMALS`] decimal places. Definitions are validated against it.
pub fn is_exact_decimal(x: f64) -> bool {
    x.is_finite()
        && x.abs() < MAX_MAGNITUDE
        && format!("{x}")
            .split_once('.')
            .is_none_or(|(_, frac)| frac.len() <= MAX_DECIMALS)
}

/// Whether `n` is exactly `min + k × step` for a whole `k`, in decimal arithmetic: binary
/// floating point would let `0.3` miss a step of `0.1` and `1e-300` pass a step of 5.
fn on_step(n: f64, min: f64, step: f64) -> bool {
    let decimals = |x: f64| {
        let s = format!("{x}");
        s.split_once('.').map_or(0, |(_, frac)| frac.len())
    };
    let places = decimals(n).max(decimals(min)).max(decimals(step));
    if places > MAX_DECIMALS {
        return false;
    }
    // Rust prints floats without an exponent, as the shortest text that reads back the same.
    let scaled = |x: f64| -> Option<i128> {
        let s = format!("{x}");
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let digits = format!("{int}{frac:0<places$}");
        digits.parse().ok()
    };
    match (scaled(n), scaled(min), scaled(step)) {
        (Some(n), Some(min), Some(step)) if step > 0 => (n - min) % step == 0,
        _ => false,
    }
}

fn parse_number(s: &str) -> Result<f64, AnswerError> {
    // Italian keyboards and locales write a decimal comma.
    let n: f64 = s
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| AnswerError::NotANumber)?;
    if n.is_finite() {
        Ok(n)
    } else {
        Err(AnswerError::NotANumber)
    }
}

#[cfg(test)]
mod tests;
