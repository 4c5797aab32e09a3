//! Logging, on standard error, filtered by `RUST_LOG`: human-readable lines, or one JSON
//! object per line (`LOG_FORMAT=json`). Every request is logged in a span carrying its request
//! id (`x-request-id`: the client's, or one made up), which the response echoes.

use axum::http::Request;
use tracing::Span;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::util::SubscriberInitExt;

use crate::config::LogFormat;

pub fn init(format: LogFormat) {
    // Also takes in the records of crates that log through `log`.
    let _ = subscriber(format, std::io::stderr).try_init();
}

/// The log's subscriber, writing to `writer`.
fn subscriber<W>(format: LogFormat, writer: W) -> Box<dyn tracing::Subscriber + Send + Sync>
where
    W: for<'w> tracing_subscriber::fmt::MakeWriter<'w> + Send + Sync + 'static,
{
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    match format {
        LogFormat::Text => Box::new(builder.finish()),
        LogFormat::Json => Box::new(
            builder
                .json()
                .flatten_event(true)
                .with_current_span(true)
                .with_span_list(false)
                .finish(),
        ),
    }
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
    use std::sync::{Arc, Mutex};

    use super::*;

    #[test]
    fn json_lines_carry_the_request_s_span() {
        let out = Arc::new(Mutex::new(Vec::<u8>::new()));
        let sink = out.clone();
        let writer = move || Sink(sink.clone());
        let req = Request::get("/r/secret/q/age?x=1")
            .header("x-request-id", "abc-123")
            .body(())
            .unwrap();
        tracing::subscriber::with_default(subscriber(LogFormat::Json, writer), || {
            let _span = request_span(&req).entered();
            tracing::info!(answer = 3, "answered");
        });
        let text = String::from_utf8(out.lock().unwrap().clone()).unwrap();
        let line: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(line["message"], "answered");
        assert_eq!(line["span"]["request_id"], "abc-123");
        assert_eq!(line["span"]["path"], "/r/…/q/age");
        assert!(!text.contains("secret"), "{text}");
    }

    struct Sink(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn resume_tokens_stay_out_of_the_log() {
        assert_eq!(span_path("/r/secret/q/age"), "/r/…/q/age");
        assert_eq!(span_path("/r/secret"), "/r/…");
        assert_eq!(span_path("/a/shoes"), "/a/shoes");
    }
}
