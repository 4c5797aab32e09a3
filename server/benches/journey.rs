//! How fast the journey is where it matters: scoring an outcome (pure domain), and the
//! answer round-trip through the real router and database (each answer is written to disk
//! before it is acknowledged). Run with `cargo bench -p server`; set `BENCH_POSTGRES_URL`
//! to also measure PostgreSQL (a scratch database is created and dropped).

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::domain::answer::{AnswerValue, Answers};
use app::domain::recommend::recommend;
use app::domain::validate::parse_definition;
use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

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

async fn call(
    router: &axum::Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Value,
) -> Value {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json");
    if let Some(t) = token {
        req = req.header("x-response-token", t);
    }
    let res = router
        .clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    assert!(
        res.status().is_success(),
        "{method} {uri}: {}",
        res.status()
    );
    serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes())
        .unwrap_or(Value::Null)
}

async fn bench_http(label: &str, url: &str, sets: &[Value]) {
    let store = server::db::connect(url).await.expect("database");
    server::demo::load(store.as_ref()).await.unwrap();
    let conf = leptos::config::get_configuration(None).unwrap();
    let state = server::AppState {
        leptos_options: conf.leptos_options,
        store: Arc::clone(&store),
        public_url: app::ssr::PublicUrl::default(),
    };
    let router = server::router(state);
    let (mut starts, mut answers, mut completes) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..25 {
        for set in sets {
            let slug = set["questionnaire"].as_str().unwrap();
            let t = Instant::now();
            let started = call(
                &router,
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
                let r = call(
                    &router,
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
            call(
                &router,
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

    let dir = std::env::temp_dir().join(format!("percorso-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    bench_http(
        "sqlite",
        &format!("sqlite://{}/bench.db", dir.display()),
        &sets,
    )
    .await;
    std::fs::remove_dir_all(&dir).ok();

    if let Ok(admin) = std::env::var("BENCH_POSTGRES_URL") {
        let name = format!("percorso_bench_{}", std::process::id());
        let pool = sqlx::PgPool::connect(&admin).await.unwrap();
        sqlx::query(&format!("create database {name}"))
            .execute(&pool)
            .await
            .unwrap();
        let (base, _) = admin.rsplit_once('/').unwrap();
        bench_http("postgres", &format!("{base}/{name}"), &sets).await;
        sqlx::query(&format!("drop database {name} with (force)"))
            .execute(&pool)
            .await
            .unwrap();
    }
}
