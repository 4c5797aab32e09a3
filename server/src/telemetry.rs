//! Logging, on standard error, filtered by `RUST_LOG`: human-readable lines, or one JSON
//! object per line (`LOG_FORMAT=json`). Every request is logged in a span carrying its request
//! id (`x-request-id`: the client's, or one made up), which the response echoes.

use axum::http::Request;
use tracing::Span;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .try_init(),
    };
}

/// The span of one request: method, path (without the query) and request id.
pub fn request_span<B>(req: &Request<B>) -> Span {
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %req.method(),
        path = %span_path(req.uri().path()),
        request_id,
    )
}

/// A path as logged: a resume page's token is cut out, since it opens someone's answers.
fn span_path(path: &str) -> String {
    match path.strip_prefix("/r/") {
        Some(rest) => match rest.split_once('/') {
            Some((_, tail)) => format!("/r/…/{tail}"),
            None => "/r/…".to_string(),
        },
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::span_path;

    #[test]
    fn resume_tokens_stay_out_of_the_log() {
        assert_eq!(span_path("/r/secret/q/age"), "/r/…/q/age");
        assert_eq!(span_path("/r/secret"), "/r/…");
        assert_eq!(span_path("/a/shoes"), "/a/shoes");
    }
}
