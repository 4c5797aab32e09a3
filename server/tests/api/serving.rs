//! The serve loop on a real TCP listener: slow and idle clients are cut off, connections above
//! the cap wait their turn, and shutdown finishes what is in progress without waiting for
//! clients that never finish a request.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use server::config::ConnectionLimits;

use crate::client::SHOES;
use crate::support::TestApp;

/// A server on a free port over `app`, stopped by the sender it returns.
struct Running {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    done: JoinHandle<()>,
}

async fn run(app: &TestApp, limits: ConnectionLimits) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    let router = app.router.clone();
    let done = tokio::spawn(async move {
        server::serve::serve(listener, router, limits, async {
            let _ = stopped.await;
        })
        .await;
    });
    Running {
        addr,
        stop: Some(stop),
        done,
    }
}

fn limits(header: u64, idle: u64, max: usize, grace: u64) -> ConnectionLimits {
    ConnectionLimits {
        header_read_timeout: Duration::from_secs(header),
        idle_timeout: Duration::from_secs(idle),
        max_connections: max,
        shutdown_grace: Duration::from_secs(grace),
    }
}

/// Everything the server sends until it closes the connection (at most `within`).
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut out = Vec::new();
    match tokio::time::timeout(within, stream.read_to_end(&mut out)).await {
        Ok(_) => Some(String::from_utf8_lossy(&out).into_owned()),
        Err(_) => None,
    }
}

/// One request on a new connection, answered in full.
async fn exchange(addr: SocketAddr, request: &str) -> String {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    read_to_close(&mut s, Duration::from_secs(10))
        .await
        .expect("an answer")
}

fn start_request() -> String {
    let body = json!({"consent": true}).to_string();
    format!(
        "POST /api/v1/questionnaires/{SHOES}/responses HTTP/1.1\r\nHost: t\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[tokio::test]
async fn a_half_sent_request_head_is_cut_off_after_the_header_timeout() {
    let app = TestApp::new().await;
    let server = run(&app, limits(1, 60, 16, 5)).await;
    let mut slow = TcpStream::connect(server.addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n")
        .await
        .unwrap();
    let began = Instant::now();
    let closed = read_to_close(&mut slow, Duration::from_secs(5)).await;
    assert!(closed.is_some(), "still open after 5 s");
    assert!(began.elapsed() >= Duration::from_millis(800));
}

#[tokio::test]
async fn an_idle_connection_is_closed_whether_it_sent_nothing_or_was_kept_alive() {
    let app = TestApp::new().await;
    let server = run(&app, limits(60, 1, 16, 5)).await;
    let mut silent = TcpStream::connect(server.addr).await.unwrap();
    assert!(
        read_to_close(&mut silent, Duration::from_secs(5))
            .await
            .is_some()
    );
    let mut kept = TcpStream::connect(server.addr).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .unwrap();
    let answer = read_to_close(&mut kept, Duration::from_secs(5))
        .await
        .expect("closed after the answer, once idle");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn connections_above_the_cap_wait_for_a_free_one() {
    let app = TestApp::new().await;
    let server = run(&app, limits(60, 60, 1, 5)).await;
    let holder = TcpStream::connect(server.addr).await.unwrap();
    let mut waiting = TcpStream::connect(server.addr).await.unwrap();
    waiting
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    assert_eq!(
        read_to_close(&mut waiting, Duration::from_millis(700)).await,
        None,
        "served above the cap"
    );
    drop(holder);
    let answer = read_to_close(&mut waiting, Duration::from_secs(5))
        .await
        .expect("served once a connection closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn a_body_that_never_arrives_in_full_is_a_408_error() {
    let policy = server::config::HttpPolicy {
        request_timeout: Duration::from_secs(1),
        ..Default::default()
    };
    let app = TestApp::with_policy(
        crate::support::TestDb::new(crate::support::Backend::Sqlite).await,
        policy,
    )
    .await;
    let server = run(&app, limits(60, 60, 16, 5)).await;
    let mut s = TcpStream::connect(server.addr).await.unwrap();
    s.write_all(
        format!(
            "POST /api/v1/questionnaires/{SHOES}/responses HTTP/1.1\r\nHost: t\r\n\
             Content-Type: application/json\r\nContent-Length: 40\r\nConnection: close\r\n\r\n{{\"con"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let answer = read_to_close(&mut s, Duration::from_secs(5))
        .await
        .expect("an answer");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains(r#""error":"timeout""#), "{answer}");
}

#[tokio::test]
async fn a_long_address_on_the_wire_gets_the_api_s_414() {
    let app = TestApp::new().await;
    let server = run(&app, limits(60, 60, 16, 5)).await;
    let long = "a".repeat(10 * 1024);
    let answer = exchange(
        server.addr,
        &format!("GET /api/v1/questionnaires?locale={long} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 414"), "{answer}");
    assert!(answer.contains(r#""error":"too_large""#), "{answer}");
}

#[tokio::test]
async fn shutdown_finishes_requests_in_progress_and_leaves_half_heads_behind() {
    let app = TestApp::new().await;
    let mut server = run(&app, limits(60, 60, 16, 2)).await;
    let started = exchange(server.addr, &start_request()).await;
    assert!(started.starts_with("HTTP/1.1 201"), "{started}");
    let body: serde_json::Value =
        serde_json::from_str(started.split("\r\n\r\n").nth(1).unwrap()).unwrap();
    let (id, token) = (
        body["id"].as_str().unwrap(),
        body["token"].as_str().unwrap(),
    );
    let value = json!({"value": crate::client::some_answer(&body["next"])}).to_string();

    let mut half = TcpStream::connect(server.addr).await.unwrap();
    half.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n")
        .await
        .unwrap();
    let mut in_progress = TcpStream::connect(server.addr).await.unwrap();
    let (first, rest) = value.split_at(5);
    in_progress
        .write_all(
            format!(
                "PUT /api/v1/responses/{id}/answers/current_shoes HTTP/1.1\r\nHost: t\r\n\
                 Content-Type: application/json\r\nx-response-token: {token}\r\n\
                 Content-Length: {}\r\n\r\n{first}",
                value.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;

    let began = Instant::now();
    server.stop.take().unwrap().send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        TcpStream::connect(server.addr).await.is_err(),
        "no new connection is accepted"
    );
    in_progress.write_all(rest.as_bytes()).await.unwrap();
    let answer = read_to_close(&mut in_progress, Duration::from_secs(5))
        .await
        .expect("answered, then closed");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    tokio::time::timeout(Duration::from_secs(5), &mut server.done)
        .await
        .expect("the loop returns within the grace period")
        .unwrap();
    assert!(began.elapsed() < Duration::from_secs(4));
    let stored = app
        .store()
        .answers(&app::domain::ids::ResponseId::parse(id).unwrap())
        .await
        .unwrap();
    assert!(stored.contains_key("current_shoes"));
}
