//! Request bodies shared by the server functions and the REST API, with their validation
//! rules, so a form and an API client are held to the same rules. The REST extractor and the
//! server functions both run [`validated`]; a rule lives only here.

use serde::Deserialize;
use validator::{Validate, ValidationError, ValidationErrors};

use crate::error::AppError;

/// Longest touchpoint kept (utm sources are short names).
pub const MAX_TOUCHPOINT_LEN: usize = 64;

/// `{locale?, touchpoint?, consent}`: starting a response.
#[derive(Debug, Clone, Default, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    /// The language to answer in; the questionnaire's default when it does not have it.
    #[validate(length(min = 2, max = 3, message = "use a two- or three-letter language code"))]
    #[schema(example = "it")]
    pub locale: Option<String>,
    /// Where the respondent came from (a channel or utm source); kept only with consent.
    #[validate(custom(function = "touchpoint_rule"))]
    #[schema(example = "kiosk")]
    pub touchpoint: Option<String>,
    /// Whether the respondent agreed to the privacy notice.
    pub consent: bool,
}

impl StartRequest {
    /// The touchpoint as kept: trimmed and lowercase (valid once [`validated`]).
    pub fn touchpoint(&self) -> Option<String> {
        clean_touchpoint(self.touchpoint.as_deref())
    }
}

/// `{"value": …}`: one answer. The value's shape depends on the question's kind.
#[derive(Debug, Clone, Deserialize, Validate, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    /// An option key, a list of option keys, a number, a text, or `null` to skip.
    #[schema(value_type = Object)]
    pub value: serde_json::Value,
}

/// A touchpoint as kept: trimmed, lowercase, only letters, digits, `-`, `_` and `.`.
pub fn clean_touchpoint(raw: Option<&str>) -> Option<String> {
    let t = raw?.trim().to_ascii_lowercase();
    let ok = !t.is_empty()
        && t.len() <= MAX_TOUCHPOINT_LEN
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then_some(t)
}

fn touchpoint_rule(raw: &str) -> Result<(), ValidationError> {
    if clean_touchpoint(Some(raw)).is_some() {
        Ok(())
    } else {
        Err(ValidationError::new("touchpoint").with_message(
            format!("use 1 to {MAX_TOUCHPOINT_LEN} letters, digits, '-', '_' or '.'").into(),
        ))
    }
}

/// `request` if it passes its rules, else the first failing field as [`AppError::Invalid`].
pub fn validated<T: Validate>(request: T) -> Result<T, AppError> {
    request.validate().map_err(invalid_from)?;
    Ok(request)
}

fn invalid_from(errors: ValidationErrors) -> AppError {
    let mut fields: Vec<_> = errors.field_errors().into_iter().collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    let Some((field, errs)) = fields.first() else {
        return AppError::invalid("body", "invalid", "the request is not valid");
    };
    let first = errs.first();
    let code = first.map_or_else(|| "invalid".to_string(), |e| e.code.to_string());
    let message = first
        .and_then(|e| e.message.as_ref().map(ToString::to_string))
        .unwrap_or_else(|| format!("`{field}` is not valid"));
    AppError::invalid(field.to_string(), code, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touchpoint_is_trimmed_and_lowercased_and_odd_ones_are_refused() {
        let ok = StartRequest {
            touchpoint: Some(" QR-Code.2 ".into()),
            ..Default::default()
        };
        assert_eq!(
            validated(ok).unwrap().touchpoint().as_deref(),
            Some("qr-code.2")
        );
        let bad = StartRequest {
            touchpoint: Some("<script>".into()),
            ..Default::default()
        };
        match validated(bad) {
            Err(AppError::Invalid { field, code, .. }) => {
                assert_eq!(
                    (field.as_str(), code.as_str()),
                    ("touchpoint", "touchpoint")
                );
            }
            other => panic!("expected a located error, got {other:?}"),
        }
    }
}
