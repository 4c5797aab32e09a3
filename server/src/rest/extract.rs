//! The API's extractors. Every JSON body goes through [`ValidJson`], which requires
//! `application/json` (415), reads the whole body and nothing after it, names the field at
//! fault (400) and applies the request type's validation rules (422), so no handler can
//! forget a step. Echoed client input is bounded. [`Language`] reads what a client asks
//! for its texts in.

use std::convert::Infallible;

use app::domain::ids::ResumeToken;
use app::error::AppError;
use app::i18n::Locale;
use app::ssr::requests::validated;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use validator::Validate;

use super::error::ApiError;

/// The header that carries a response's token.
pub const TOKEN_HEADER: &str = "x-response-token";

/// Longest piece of client input repeated in an error.
const MAX_ECHO: usize = 120;

/// A JSON body of type `T`, parsed and validated.
pub struct ValidJson<T>(pub T);

impl<S, T> FromRequest<S> for ValidJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        if !is_json(req.headers()) {
            return Err(ApiError(AppError::UnsupportedMediaType).into_response());
        }
        // Too large a body is refused here with 413 by the body limit.
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let value = parse(&bytes).map_err(|e| ApiError(e).into_response())?;
        validated(value)
            .map(ValidJson)
            .map_err(|e| ApiError(e).into_response())
    }
}

/// `application/json`, with or without parameters, or a `+json` type.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Parse exactly one JSON value of type `T` from `body`, naming the field at fault.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::bad_request("body", "expected a JSON body"));
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "body".into()
        } else {
            bounded(&path)
        };
        AppError::bad_request(field, bounded(&e.into_inner().to_string()))
    })?;
    de.end()
        .map_err(|_| AppError::bad_request("body", "unexpected data after the JSON value"))?;
    Ok(value)
}

/// `text`, cut to [`MAX_ECHO`] characters.
fn bounded(text: &str) -> String {
    match text.char_indices().nth(MAX_ECHO) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The `X-Response-Token` header: 400 when it is missing, 404 when it cannot be a token (as
/// for a wrong one).
pub struct ResponseToken(pub ResumeToken);

impl<S: Send + Sync> FromRequestParts<S> for ResponseToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts
            .headers
            .get(TOKEN_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                AppError::bad_request("X-Response-Token", "send the response token in this header")
            })
            .and_then(|t| app::ssr::found(ResumeToken::parse(t)))
            .map(ResponseToken)
            .map_err(ApiError)
    }
}

/// `?locale=`, documented on the routes that take it.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct LocaleQuery {
    /// The language for texts: an interface language (`en`, `it`) for the API's own words,
    /// such as reasons, or any language a questionnaire has for its titles. Else
    /// `Accept-Language`; for a response, its own language comes before that.
    pub locale: Option<String>,
}

/// The language a client asks for: `?locale=` and `Accept-Language`, applied by
/// [`app::locale::choose`] as the pages apply `?lang=`. Never refuses a request: what cannot
/// be read is ignored.
pub struct Language {
    asked: Option<String>,
    accepted: Option<Locale>,
}

impl Language {
    /// The interface language for the API's texts; `response` is the language of the response
    /// they are about, if any.
    pub fn interface(&self, response: Option<&str>) -> Locale {
        app::locale::choose(self.asked.as_deref(), response, self.accepted)
    }

    /// The language to look for in questionnaires' own texts.
    pub fn content_wanted(&self) -> &str {
        app::locale::content_wanted(self.asked.as_deref(), self.interface(None))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Language {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        let asked = Query::<LocaleQuery>::try_from_uri(&parts.uri)
            .ok()
            .and_then(|Query(q)| q.locale);
        let accepted = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(app::locale::accepted);
        Ok(Language { asked, accepted })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        consent: bool,
    }

    #[test]
    fn trailing_data_is_refused() {
        assert!(parse::<Body>(br#"{"consent":true}"#).is_ok());
        assert!(parse::<Body>(b"{\"consent\":true}  \n").is_ok());
        assert_eq!(
            parse::<Body>(br#"{"consent":true} xx"#).unwrap_err(),
            AppError::bad_request("body", "unexpected data after the JSON value")
        );
    }

    #[test]
    fn an_unknown_key_is_echoed_only_in_part() {
        let key = "k".repeat(20_000);
        let body = format!(r#"{{"consent":true,"{key}":1}}"#);
        let AppError::BadRequest { message, .. } = parse::<Body>(body.as_bytes()).unwrap_err()
        else {
            panic!("expected a bad request");
        };
        assert!(message.chars().count() <= MAX_ECHO + 1, "{}", message.len());
    }

    #[test]
    fn only_json_content_types_are_accepted() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, v.parse().unwrap());
            is_json(&h)
        };
        assert!(with("application/json"));
        assert!(with("application/json; charset=utf-8"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!is_json(&HeaderMap::new()));
    }
}
