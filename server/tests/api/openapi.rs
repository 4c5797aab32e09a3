//! The OpenAPI document is checked against what the API really does: every request the tests
//! send to `/api/v1` or `/healthz` must hit a documented route and answer a documented status,
//! so adding a route or a status without documenting it fails the test that exercises it.

use std::sync::OnceLock;

use axum::http::{Method, StatusCode};
use serde_json::Value;
use utoipa::OpenApi;

fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_value(server::rest::ApiDoc::openapi()).unwrap())
}

/// The documented path template that `path` matches (`{name}` matches one segment).
fn template_for(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    document()["paths"].as_object()?.keys().find_map(|t| {
        let parts: Vec<&str> = t.split('/').collect();
        (parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(p, s)| p.starts_with('{') || p == s))
        .then_some(t.as_str())
    })
}

/// Panics when the exchange is not described by the document.
pub fn check(method: &Method, uri: &str, status: StatusCode) {
    let path = uri.split('?').next().unwrap_or(uri);
    if !(path.starts_with("/api/v1/") || path == "/healthz") {
        return;
    }
    let Some(template) = template_for(path) else {
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{method} {path} answered {status} but no route like it is in the OpenAPI document"
        );
        return;
    };
    let operation = &document()["paths"][template][method.as_str().to_ascii_lowercase()];
    if operation.is_null() {
        assert_eq!(
            status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {template} answered {status} but is not in the OpenAPI document"
        );
        return;
    }
    assert!(
        !operation["responses"][status.as_str()].is_null(),
        "{method} {template} answered {status}, which its OpenAPI entry does not list"
    );
}
