//! How fast the journey is where it matters: scoring an outcome (pure domain), and the
//! answer round-trip through the real router and database (each answer is written to disk
//! before it is acknowledged). Run with `cargo bench -p server`; set `BENCH_POSTGRES_URL`
//! to also measure PostgreSQL (a scratch database is created and dropped).

use std::time::{Duration, Instant};

use app::domain::answer::{AnswerValue, Answers};
use app::domain::recommend::recommend;
use app::domain::validate::parse_definition;
use serde_json::{Value, json};

// The integration tests' client and fixtures, shared rather than copied; not every helper
// is used here.
#[allow(dead_code)]
#[path = "../tests/api/client.rs"]
mod client;
#[allow(dead_code)]
#[path = "../tests/api/openapi.rs"]
mod openapi;
#[allow(dead_code)]
#[path = "../tests/api/support.rs"]
mod support;

/// `method uri` through the router; the body of a successful answer.
async fn ok(
    router: &axum::Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Value,
) -> Value {
    let r = client::call(router, method, uri, token, &body.to_string()).await;
    assert!(r.status.is_success(), "{method} {uri}: {}", r.status);
    if r.body.is_empty() {
        Value::Null
    } else {
        r.json()
    }
}

const FIXTURES: &str = include_str!("../../end2end/fixtures/persona-answers.json");

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let total: Duration = samples.iter().sum();
    println!(
        "{name:<44} n={:<6} mean={:>9.1?} p50={:>9.1?} p95={:>9.1?} p99={:>9.1?}",
        samples.len(),
        total / samples.len() as u32,
        percentile(&samples, 0.5),
        percentile(&samples, 0.95),
        percentile(&samples, 0.99),
    );
}

fn bench_scoring(sets: &[Value]) {
    let mut samples = Vec::new();
    for set in sets {
        let slug = set["questionnaire"].as_str().unwrap();
        let (_, json) = server::demo::DEMOS
            .iter()
            .find(|(n, _)| n.starts_with(slug))
            .unwrap();
        let def = parse_definition(json).unwrap();
        let mut answers = Answers::new();
        for (k, v) in set["answers"].as_object().unwrap() {
            answers.insert(
                k.clone(),
                AnswerValue::from_json(def.question(k).unwrap(), v).unwrap(),
            );
        }
        for _ in 0..2_000 {
            let t = Instant::now();
            std::hint::black_box(recommend(&def, std::hint::black_box(&answers)));
            samples.push(t.elapsed());
        }
    }
    report("recommend() on a demo, all persona sets", samples);
}

async fn bench_http(label: &str, app: support::TestApp, sets: &[Value]) {
    let router = &app.router;
    let (mut starts, mut answers, mut completes) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..25 {
        for set in sets {
            let slug = set["questionnaire"].as_str().unwrap();
            let t = Instant::now();
            let started = ok(
                router,
                "POST",
                &format!("/api/v1/questionnaires/{slug}/responses"),
                None,
                json!({"consent": round % 2 == 0}),
            )
            .await;
            starts.push(t.elapsed());
            let (id, token) = (
                started["id"].as_str().unwrap().to_string(),
                started["token"].as_str().unwrap().to_string(),
            );
            let mut next = started["next"].clone();
            while !next.is_null() {
                let key = next["key"].as_str().unwrap().to_string();
                let value = set["answers"][&key].clone();
                let t = Instant::now();
                let r = ok(
                    router,
                    "PUT",
                    &format!("/api/v1/responses/{id}/answers/{key}"),
                    Some(&token),
                    json!({"value": value}),
                )
                .await;
                answers.push(t.elapsed());
                next = r["next"].clone();
            }
            let t = Instant::now();
            ok(
                router,
                "POST",
                &format!("/api/v1/responses/{id}/complete"),
                Some(&token),
                Value::Null,
            )
            .await;
            completes.push(t.elapsed());
        }
    }
    report(&format!("{label}: POST …/responses"), starts);
    report(
        &format!("{label}: PUT …/answers/{{key}} (durable)"),
        answers,
    );
    report(&format!("{label}: POST …/complete"), completes);
}

#[tokio::main]
async fn main() {
    let sets: Vec<Value> = serde_json::from_str(FIXTURES).unwrap();
    bench_scoring(&sets);
    bench_http(
        "sqlite",
        support::TestApp::on(support::Backend::Sqlite).await,
        &sets,
    )
    .await;
    if let Ok(admin) = std::env::var("BENCH_POSTGRES_URL") {
        let db = support::TestDb::postgres_at(&admin).await;
        bench_http("postgres", support::TestApp::with(db).await, &sets).await;
    }
}
