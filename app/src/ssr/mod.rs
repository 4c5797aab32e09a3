//! Server-only parts of the app crate: the storage contract, the request types, the journey
//! operations and screens that server functions and REST handlers share, and the little they
//! read from the request.

pub mod error_page;
pub mod journey;
pub mod requests;
pub mod screens;
pub mod store;

use axum::http::{HeaderMap, HeaderValue, header};

use crate::error::AppError;
use crate::i18n::Locale;
use store::SharedStore;

/// The store, as provided to server functions through context.
pub fn store() -> Result<SharedStore, AppError> {
    leptos::prelude::use_context::<SharedStore>().ok_or_else(|| {
        tracing::error!("no store in the server-function context");
        AppError::Internal
    })
}

/// Text from a URL or header that cannot be an identifier names nothing that exists: 404.
pub fn found<T>(parsed: Option<T>) -> Result<T, AppError> {
    parsed.ok_or(AppError::NotFound)
}

/// Redirect the browser to `path`, a path built by [`crate::paths`]. Never panics: a path
/// that could not be a header value (it cannot, when built there) goes to the home page.
pub fn redirect(path: &str) {
    if HeaderValue::from_str(path).is_ok() {
        leptos_axum::redirect(path);
    } else {
        tracing::error!(
            ?path,
            "refused to redirect to a path that is not a valid header"
        );
        leptos_axum::redirect("/");
    }
}

/// What the request's `Accept-Language` negotiates to among the interface's languages. The
/// request is the one in context: the page being rendered, or the server function's call.
pub fn accepted_locale() -> Option<Locale> {
    let parts = leptos::prelude::use_context::<axum::http::request::Parts>()?;
    let header = parts.headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    crate::locale::accepted(header)
}

/// The interface language for this request, by [`crate::locale::choose`]: `lang` from the
/// URL, then the language of the `response` shown, then `Accept-Language`, then English.
pub fn interface_locale(lang: Option<&str>, response: Option<&str>) -> Locale {
    crate::locale::choose(lang, response, accepted_locale())
}

/// How the site's origin is found for links people copy, provided through context.
#[derive(Debug, Clone, Default)]
pub struct PublicUrl {
    /// `PUBLIC_URL`: when set, the only origin used.
    pub url: Option<String>,
    /// `TRUST_FORWARDED_PROTO`: believe `X-Forwarded-Proto` (behind a proxy that sets it).
    pub trust_forwarded_proto: bool,
}

/// The site's origin as the visitor reached it, for links they can copy.
pub async fn public_origin() -> String {
    let config = leptos::prelude::use_context::<PublicUrl>().unwrap_or_default();
    let headers: HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    origin_for(&config, &headers)
}

/// `PUBLIC_URL` when configured; else `Host`, accepted only when it is a plain host name or
/// address with an optional port, and the scheme from `X-Forwarded-Proto` only when trusted
/// and only `http` or `https`. Anything else falls back to `http://localhost`.
pub fn origin_for(config: &PublicUrl, headers: &HeaderMap) -> String {
    if let Some(url) = &config.url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| is_plain_host(h))
        .unwrap_or("localhost");
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|_| config.trust_forwarded_proto)
        .map(|p| p.trim().to_ascii_lowercase())
        .filter(|p| p == "http" || p == "https")
        .unwrap_or_else(|| "http".into());
    format!("{proto}://{host}")
}

/// `example.com`, `example.com:8080`, `127.0.0.1:3000` or `[::1]:3000`: nothing that could
/// carry a path, credentials or markup.
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_static(v),
                )
            })
            .collect()
    }

    #[test]
    fn forwarded_proto_is_believed_only_when_trusted_and_only_for_http_s() {
        let h = headers(&[("host", "quiz.example.com"), ("x-forwarded-proto", "https")]);
        let untrusted = PublicUrl::default();
        assert_eq!(origin_for(&untrusted, &h), "http://quiz.example.com");
        let trusted = PublicUrl {
            trust_forwarded_proto: true,
            ..Default::default()
        };
        assert_eq!(origin_for(&trusted, &h), "https://quiz.example.com");
        let evil = headers(&[
            ("host", "quiz.example.com"),
            ("x-forwarded-proto", "javascript"),
        ]);
        assert_eq!(origin_for(&trusted, &evil), "http://quiz.example.com");
    }

    #[test]
    fn an_odd_host_header_is_not_used_and_public_url_wins() {
        let h = headers(&[("host", "evil.example/<x>")]);
        assert_eq!(origin_for(&PublicUrl::default(), &h), "http://localhost");
        let h = headers(&[("host", "[::1]:3000")]);
        assert_eq!(origin_for(&PublicUrl::default(), &h), "http://[::1]:3000");
        let configured = PublicUrl {
            url: Some("https://quiz.example.com/".into()),
            trust_forwarded_proto: false,
        };
        assert_eq!(origin_for(&configured, &h), "https://quiz.example.com");
    }
}
