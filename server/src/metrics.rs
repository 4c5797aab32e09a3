//! Prometheus metrics at `GET /metrics`. Any module records through the `metrics` facade
//! (`metrics::counter!`, `histogram!`); this module installs the process-wide recorder once,
//! times every request by its matched route (never the raw path: the number of series stays
//! bounded whatever clients send), and renders the text format.
//!
//! Series: `http_request_duration_seconds{method,route,status}` (histogram),
//! `percorso_responses_started_total`, `percorso_answers_stored_total`,
//! `percorso_rate_limited_total{limit}`, `percorso_retention_deleted_total`.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{Method, Request, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const DURATION: &str = "http_request_duration_seconds";

/// Upper bounds of the latency buckets, in seconds.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// The recorder's handle, installed on first use. Should another recorder be installed
/// already, this one still renders, only empty.
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let builder = || {
            PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(DURATION.into()), BUCKETS)
                .expect("bucket bounds are not empty")
        };
        builder()
            .install_recorder()
            .unwrap_or_else(|_| builder().build_recorder().handle())
    })
}

/// Keep the recorder's memory bounded: drain what histograms have collected into their
/// buckets. Run for as long as the server runs.
pub async fn upkeep() {
    let handle = handle();
    loop {
        tokio::time::sleep(Duration::from_secs(5)).await;
        handle.run_upkeep();
    }
}

/// `GET /metrics`.
pub async fn render() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle().render(),
    )
}

/// Inside routing (a route layer): hand the matched route to [`track`] outside it. The first
/// match set wins, so a nested router's full template is kept.
pub async fn matched_route(req: Request<Body>, next: Next) -> Response {
    let matched = req.extensions().get::<MatchedPath>().cloned();
    let mut res = next.run(req).await;
    if let Some(matched) = matched
        && res.extensions().get::<MatchedPath>().is_none()
    {
        res.extensions_mut().insert(matched);
    }
    res
}

/// Outside routing: time every request.
pub async fn track(req: Request<Body>, next: Next) -> Response {
    handle();
    let started = Instant::now();
    let method = method_label(req.method());
    let res = next.run(req).await;
    let route = res
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    metrics::histogram!(DURATION, "method" => method, "route" => route,
        "status" => res.status().as_str().to_owned())
    .record(started.elapsed().as_secs_f64());
    res
}

/// A method as a label: the standard ones by name, anything else as `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        _ => "other",
    }
}
