//! Per-client rate limits on starting responses and on answering, through REST and through
//! the forms alike: a client over its rate gets 429 with `Retry-After` (see
//! [`crate::errors::answer`] for the form). Clients are told apart by [`crate::client`].
//!
//! The counts live in this process (GCRA, `governor`): behind a load balancer each server
//! limits on its own, so a client's rate across N servers is at most N times the setting.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use app::error::AppError;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Method, Request};
use axum::middleware::Next;
use axum::response::Response;
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota};

use crate::config::{HttpPolicy, Rate};

/// How many clients' counts are kept before idle ones are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// What a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    Start,
    Answer,
}

impl Limited {
    /// The limit `method` on `path` counts against, if any: starting a response (REST or the
    /// start form's server function) or answering (REST or the answer form's).
    pub fn of(method: &Method, path: &str) -> Option<Limited> {
        if !path.starts_with("/api/") || !(method == Method::POST || method == Method::PUT) {
            return None;
        }
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        match (method, segments.as_slice()) {
            (&Method::POST, ["", "api", "v1", "questionnaires", _, "responses"])
            | (&Method::POST, ["", "api", "start"]) => Some(Limited::Start),
            (&Method::PUT, ["", "api", "v1", "responses", _, "answers", _])
            | (&Method::POST, ["", "api", "answer"]) => Some(Limited::Answer),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Limited::Start => "start",
            Limited::Answer => "answer",
        }
    }
}

/// The limits of one server.
pub struct RateLimits {
    starts: DefaultKeyedRateLimiter<IpAddr>,
    answers: DefaultKeyedRateLimiter<IpAddr>,
    trust_proxy: bool,
    checks: AtomicU64,
}

fn quota(rate: Rate) -> Quota {
    let per_minute = rate.per_minute.max(1);
    let period = Duration::from_secs(60) / per_minute;
    Quota::with_period(period)
        .unwrap_or_else(|| Quota::per_second(NonZeroU32::MAX))
        .allow_burst(NonZeroU32::new(rate.burst).unwrap_or(NonZeroU32::MIN))
}

impl RateLimits {
    pub fn new(policy: &HttpPolicy) -> Arc<RateLimits> {
        Arc::new(RateLimits {
            starts: DefaultKeyedRateLimiter::keyed(quota(policy.starts)),
            answers: DefaultKeyedRateLimiter::keyed(quota(policy.answers)),
            trust_proxy: policy.trust_proxy,
            checks: AtomicU64::new(0),
        })
    }

    /// Count one request of `client` against `limit`: `Err(seconds)` to wait when over it.
    pub fn check(&self, limit: Limited, client: IpAddr) -> Result<(), u64> {
        let limiter = match limit {
            Limited::Start => &self.starts,
            Limited::Answer => &self.answers,
        };
        let outcome = limiter.check_key(&client).map_err(|not_until| {
            let wait = not_until.wait_time_from(limiter.clock().now());
            // Whole seconds, rounded up: retrying after them always succeeds.
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        });
        // Every thousand checks, forget clients whose counts are back to full.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 1000 == 999 {
            for limiter in [&self.starts, &self.answers] {
                if limiter.len() > PRUNE_ABOVE {
                    limiter.retain_recent();
                    limiter.shrink_to_fit();
                }
            }
        }
        outcome
    }
}

/// The middleware: count the request against its limit, or refuse it.
pub async fn limit(
    State(limits): State<Arc<RateLimits>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let Some(limited) = Limited::of(req.method(), req.uri().path()) else {
        return next.run(req).await;
    };
    let (parts, body) = req.into_parts();
    let client = crate::client::rate_key(crate::client::address(&parts, limits.trust_proxy));
    if let Err(retry_after) = limits.check(limited, client) {
        metrics::counter!("percorso_rate_limited_total", "limit" => limited.name()).increment(1);
        tracing::info!(limit = limited.name(), retry_after, "client over its rate");
        return crate::errors::answer(
            AppError::RateLimited { retry_after },
            &parts.uri,
            &parts.headers,
        );
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_and_answers_are_told_apart_by_method_and_path() {
        let of = |m: Method, p: &str| Limited::of(&m, p);
        assert_eq!(
            of(Method::POST, "/api/v1/questionnaires/x/responses"),
            Some(Limited::Start)
        );
        assert_eq!(of(Method::POST, "/api/start"), Some(Limited::Start));
        assert_eq!(
            of(Method::PUT, "/api/v1/responses/r/answers/q"),
            Some(Limited::Answer)
        );
        assert_eq!(of(Method::POST, "/api/answer"), Some(Limited::Answer));
        assert_eq!(of(Method::GET, "/api/v1/questionnaires/x/responses"), None);
        assert_eq!(of(Method::GET, "/api/v1/responses/r"), None);
        assert_eq!(of(Method::POST, "/api/v1/responses/r/complete"), None);
    }

    #[test]
    fn a_burst_passes_then_the_client_waits_and_others_do_not() {
        let policy = HttpPolicy {
            starts: Rate {
                per_minute: 60,
                burst: 3,
            },
            ..Default::default()
        };
        let limits = RateLimits::new(&policy);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        for _ in 0..3 {
            assert_eq!(limits.check(Limited::Start, a), Ok(()));
        }
        assert_eq!(limits.check(Limited::Start, a), Err(1));
        assert_eq!(limits.check(Limited::Start, b), Ok(()));
        assert_eq!(limits.check(Limited::Answer, a), Ok(()));
    }
}
