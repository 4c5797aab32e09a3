//! Server-only parts of the app crate: the storage contract and the journey operations that
//! server functions and REST handlers share.

pub mod journey;
pub mod store;

use crate::error::AppError;
use store::SharedStore;

/// The store, as provided to server functions through context.
pub fn store() -> Result<SharedStore, AppError> {
    leptos::prelude::use_context::<SharedStore>().ok_or_else(|| {
        tracing::error!("no store in the server-function context");
        AppError::Internal
    })
}

/// The visitor's preferred language among the interface's, from `Accept-Language`.
pub async fn accept_language() -> Option<String> {
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.ok()?;
    let header = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)?
        .to_str()
        .ok()?;
    crate::i18n::negotiate(header, &crate::i18n::LOCALES)
}

/// The configured public origin of the site (`PUBLIC_URL`), provided through context.
#[derive(Debug, Clone, Default)]
pub struct PublicUrl(pub Option<String>);

/// The site's origin as the visitor reached it, for links they can copy (`PUBLIC_URL` wins).
pub async fn public_origin() -> String {
    if let Some(PublicUrl(Some(url))) = leptos::prelude::use_context::<PublicUrl>() {
        return url.trim_end_matches('/').to_string();
    }
    let headers: axum::http::HeaderMap = leptos_axum::extract().await.unwrap_or_default();
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("http");
    format!("{proto}://{host}")
}
