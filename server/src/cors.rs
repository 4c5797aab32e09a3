//! Cross-origin access to the JSON API, for a brand's own app on another origin running the
//! quiz headless: only the origins in `CORS_ALLOWED_ORIGINS`, only under `/api/v1`, and none
//! when the list is empty (then a preflight is refused like any unknown method, with 405).

use std::time::Duration;

use axum::http::{HeaderName, HeaderValue, Method, header};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::config::HttpPolicy;
use crate::errors::is_api;
use crate::rest::TOKEN_HEADER;

/// The layer, when any origin is allowed.
pub fn layer(policy: &HttpPolicy) -> Option<CorsLayer> {
    let allowed: Vec<HeaderValue> = policy
        .cors_allowed_origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect();
    if allowed.is_empty() {
        return None;
    }
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::predicate(move |origin, parts| {
                is_api(parts.uri.path()) && allowed.contains(origin)
            }))
            .allow_methods([Method::GET, Method::POST, Method::PUT])
            .allow_headers([
                header::CONTENT_TYPE,
                header::ACCEPT_LANGUAGE,
                HeaderName::from_static(TOKEN_HEADER),
            ])
            .expose_headers([
                header::RETRY_AFTER,
                HeaderName::from_static("x-questionnaire-version"),
                HeaderName::from_static("x-request-id"),
            ])
            .max_age(Duration::from_secs(600)),
    )
}
