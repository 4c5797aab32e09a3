//! What an operator watches: liveness, readiness, Prometheus metrics, and the process's
//! answer to SIGTERM.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::json;

use crate::client::*;
use crate::support::{Backend, TestApp, TestDb};

#[tokio::test]
async fn ready_means_the_database_answers_with_every_migration_applied() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend).await;
        let url = db.url.clone();
        let app = TestApp::with(db).await;
        let r = get(&app, "/readyz", None).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["status"], "ready");
        // A database behind this server's schema (restored from an old backup, say).
        let rewind = "delete from _sqlx_migrations where version = \
                      (select max(version) from _sqlx_migrations)";
        rewind_with_backend(&url, rewind).await;
        let r = get(&app, "/readyz", None).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
        assert_eq!(r.json()["status"], "unavailable");
        assert_eq!(get(&app, "/healthz", None).await.status, StatusCode::OK);
    }
}

async fn rewind_with_backend(url: &str, statement: &str) {
    if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query(statement).execute(&pool).await.unwrap();
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query(statement).execute(&pool).await.unwrap();
    }
}

/// The value of the first series of `metrics` whose line starts with `prefix`.
fn value(metrics: &str, prefix: &str) -> f64 {
    metrics
        .lines()
        .find(|l| l.starts_with(prefix))
        .and_then(|l| l.rsplit(' ').next())
        .map(|v| v.parse().unwrap())
        .unwrap_or(0.0)
}

#[tokio::test]
async fn metrics_count_starts_and_answers_and_time_requests_by_route() {
    let app = TestApp::new().await;
    let before = get(&app, "/metrics", None).await.text();
    let (id, token, next) = start(&app, SHOES, json!({"consent": true})).await;
    let r = put_answer(&app, &id, &token, "current_shoes", some_answer(&next)).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = get(&app, "/metrics", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let after = r.text();
    for counter in [
        "percorso_responses_started_total",
        "percorso_answers_stored_total",
    ] {
        // Other tests in this process count too: at least ours.
        assert!(
            value(&after, counter) >= value(&before, counter) + 1.0,
            "{counter}: {after}"
        );
    }
    let route = "route=\"/api/v1/responses/{id}/answers/{question_key}\"";
    assert!(
        after
            .lines()
            .any(|l| l.starts_with("http_request_duration_seconds_bucket")
                && l.contains(route)
                && l.contains("method=\"PUT\"")),
        "{after}"
    );
    // The raw path, with its id, is never a label.
    assert!(!after.contains(&id), "{after}");
}

#[test]
fn sigterm_stops_the_server_even_with_a_half_sent_request() {
    let dir = std::env::temp_dir().join(format!("percorso-term-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/term.db", dir.display()),
        )
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LOAD_DEMO", "false")
        .env("SHUTDOWN_GRACE_SECONDS", "2")
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server");
    let mut ready = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut ready)
        .unwrap();
    assert!(ready.contains("is ready"), "{ready}");
    let mut half = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n").unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let began = Instant::now();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if began.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("still running 10 s after SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(
        began.elapsed() < Duration::from_secs(5),
        "{:?}",
        began.elapsed()
    );
    drop(half);
    std::fs::remove_dir_all(&dir).ok();
}
