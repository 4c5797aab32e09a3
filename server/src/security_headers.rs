//! The headers every answer carries: a Content-Security-Policy that allows only what the app
//! loads, with a nonce per request for the one inline script Leptos writes (the hydration
//! loader, and the resource data of a page); who may frame the pages; HSTS when the public
//! origin is https; and `no-store` on everything that carries a resume token or a
//! respondent's answers.
//!
//! The nonce is minted here and put in the request's extensions; the app's context hands it
//! to Leptos (see `AppState::context`), so the page's scripts and this header agree.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Request, header};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;

use crate::config::HttpPolicy;

/// What the headers need from the configuration.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    frame_ancestors: String,
    hsts: bool,
}

impl SecurityHeaders {
    pub fn new(policy: &HttpPolicy) -> Arc<SecurityHeaders> {
        Arc::new(SecurityHeaders {
            frame_ancestors: policy.frame_ancestors.clone(),
            hsts: policy.hsts,
        })
    }

    /// The policy for an answer whose inline scripts carry `nonce`.
    ///
    /// - scripts: our own files, the nonce'd inline loader, and compiling our wasm;
    /// - styles: our stylesheet; `style` attributes (a progress bar's width, a scale's number
    ///   of points) are allowed, `<style>` elements are not;
    /// - images: ours and any http(s) origin (option and offer images may live on a brand's
    ///   site); everything else (fetches, fonts, forms) only to this origin; no plugins, no
    ///   `<base>`.
    pub fn content_security_policy(&self, nonce: &str) -> String {
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' https: http:; \
             connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
             form-action 'self'; frame-ancestors {}",
            self.frame_ancestors
        )
    }
}

/// Answers that must never be kept by a browser or a proxy: the resume pages, the API's
/// response routes (the start's answer carries the token) and the forms' server functions.
pub fn private(path: &str) -> bool {
    path.starts_with("/r/")
        || path.starts_with("/api/v1/responses/")
        || (path.starts_with("/api/v1/questionnaires/") && path.ends_with("/responses"))
        || (path.starts_with("/api/") && !path.starts_with("/api/v1/"))
}

/// The middleware.
pub async fn apply(
    State(headers): State<Arc<SecurityHeaders>>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let nonce = Nonce::new();
    let private = private(req.uri().path());
    req.extensions_mut().insert(nonce.clone());
    let mut res = next.run(req).await;
    let out = res.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&headers.content_security_policy(&nonce)) {
        out.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if headers.hsts {
        out.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if private {
        out.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Resume links carry the response token: never send them on to other sites.
    out.entry(header::REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    out.entry(header::X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_with_tokens_or_answers_are_private() {
        for path in [
            "/r/abc",
            "/r/abc/q/x",
            "/api/v1/responses/x/answers/y",
            "/api/v1/questionnaires/shoes/responses",
            "/api/answer",
        ] {
            assert!(private(path), "{path}");
        }
        for path in [
            "/",
            "/a/shoes",
            "/api/v1/questionnaires/shoes",
            "/pkg/x.wasm",
        ] {
            assert!(!private(path), "{path}");
        }
    }
}
