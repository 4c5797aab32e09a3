//! What the server's own layers answer when they refuse a request before a route does: a
//! method a route does not take, too large an address or header section, a request that takes
//! too long, a client over its rate. The status is [`AppError::status`]'s, as everywhere; the
//! form follows the address: the API's JSON error on `/api/v1`, the error a server function
//! sends on its own calls, and a readable page for a browser anywhere else.

use std::time::Duration;

use app::error::{AppError, RequestPart};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Request, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

use crate::rest::error::{ApiError, retry_after};

/// Longest request target accepted (path and query).
pub const MAX_URI: usize = 8 * 1024;
/// Largest header section accepted (names and values), and the most headers.
pub const MAX_HEADER_BYTES: usize = 32 * 1024;
pub const MAX_HEADERS: usize = 100;

/// Whether `path` is the JSON API's.
pub fn is_api(path: &str) -> bool {
    path == "/api/v1" || path.starts_with("/api/v1/")
}

/// `error` in the form the request at `uri` expects.
pub fn answer(error: AppError, uri: &Uri, headers: &HeaderMap) -> Response {
    let path = uri.path();
    if is_api(path) {
        return ApiError(error).into_response();
    }
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let mut res = if path.starts_with("/api/") && !wants_html {
        // A server function's own call: the error it would have sent itself.
        (status, axum::Json(&error)).into_response()
    } else {
        let accepted = headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(app::locale::accepted);
        let ui = app::locale::choose(None, None, accepted);
        (status, Html(app::ssr::error_page::error_page(ui, &error))).into_response()
    };
    retry_after(&error, &mut res);
    res
}

/// Refuse too long an address (414) or too large a header section (431), and answer within
/// `timeout` (`REQUEST_TIMEOUT_SECONDS`, else 408). The connection's own parser has larger
/// limits, as a backstop that answers without a body.
pub async fn bounds(State(timeout): State<Duration>, req: Request<Body>, next: Next) -> Response {
    let uri = req.uri();
    let target = uri.path().len() + uri.query().map_or(0, |q| q.len() + 1);
    let too_large = if target > MAX_URI {
        Some(RequestPart::Uri)
    } else if req.headers().len() > MAX_HEADERS || header_bytes(req.headers()) > MAX_HEADER_BYTES {
        Some(RequestPart::Headers)
    } else {
        None
    };
    if let Some(part) = too_large {
        return answer(AppError::TooLarge(part), req.uri(), req.headers());
    }
    let (uri, headers) = (req.uri().clone(), negotiation(req.headers()));
    match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(res) => res,
        Err(_) => answer(AppError::Timeout, &uri, &headers),
    }
}

/// The headers [`answer`] reads, kept aside while a request is in progress (cheaper than
/// all of them).
fn negotiation(headers: &HeaderMap) -> HeaderMap {
    let mut kept = HeaderMap::with_capacity(2);
    for name in [header::ACCEPT, header::ACCEPT_LANGUAGE] {
        if let Some(value) = headers.get(&name) {
            kept.insert(name, value.clone());
        }
    }
    kept
}

fn header_bytes(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

/// What the framework answers by itself, as plain text or nothing: a body over the limit
/// (413), a method a route does not take (405), on the API an address the route could not
/// read (400), and a panic caught (500) anywhere but a server function's call (whose errors
/// are its own). Each is replaced by our error in the right form; every other answer passes
/// untouched.
pub async fn framework_refusals(req: Request<Body>, next: Next) -> Response {
    let (uri, headers) = (req.uri().clone(), negotiation(req.headers()));
    let res = next.run(req).await;
    let plain = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    if !plain {
        return res;
    }
    let allow = res.headers().get(header::ALLOW).cloned();
    let error = match res.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge(RequestPart::Body),
        StatusCode::METHOD_NOT_ALLOWED => AppError::MethodNotAllowed,
        StatusCode::BAD_REQUEST if is_api(uri.path()) => {
            let text = axum::body::to_bytes(res.into_body(), 1024)
                .await
                .unwrap_or_default();
            AppError::bad_request("uri", String::from_utf8_lossy(&text).into_owned())
        }
        StatusCode::INTERNAL_SERVER_ERROR
            if is_api(uri.path()) || !uri.path().starts_with("/api/") =>
        {
            AppError::Internal
        }
        _ => return res,
    };
    let mut answer = answer(error, &uri, &headers);
    if let Some(allow) = allow {
        answer.headers_mut().insert(header::ALLOW, allow);
    }
    answer
}
