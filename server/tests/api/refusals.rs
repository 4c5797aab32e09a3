//! What the server refuses before a route answers, in the API's JSON on `/api/v1` and as a
//! readable page elsewhere: methods, sizes, unreadable addresses, rates, cross-origin calls.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use serde_json::json;
use tower::ServiceExt;

use crate::client::*;
use crate::support::{Backend, TestApp, TestDb};

/// An API error body: `{error, details}` with the given `error`.
fn assert_api_error(r: &Reply, status: StatusCode, error: &str) {
    assert_eq!(r.status, status, "{}", r.text());
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(r.json()["error"], error, "{}", r.text());
    assert!(r.json()["details"].is_object());
}

/// A readable page with `status`.
fn assert_page(r: &Reply, status: StatusCode) {
    assert_eq!(r.status, status, "{}", r.text());
    let content_type = r.headers[header::CONTENT_TYPE].to_str().unwrap();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(r.text().contains("<h1>"), "{}", r.text());
}

#[tokio::test]
async fn a_method_a_route_does_not_take_is_a_405_error_with_allow() {
    let app = TestApp::new().await;
    let r = call(&app, "DELETE", "/api/v1/questionnaires", None, "").await;
    assert_api_error(&r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    assert!(r.headers[header::ALLOW].to_str().unwrap().contains("GET"));
    let r = call(&app, "OPTIONS", "/api/v1/questionnaires", None, "").await;
    assert_api_error(&r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    let page = send(
        &app,
        Request::delete("/")
            .header(header::ACCEPT, "text/html")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_page(&page, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn an_unknown_api_route_is_a_404_error() {
    let app = TestApp::new().await;
    let r = get(&app, "/api/v1/no/such/thing", None).await;
    assert_api_error(&r, StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn too_large_a_body_is_a_413_error_declared_or_not() {
    let app = TestApp::new().await;
    let uri = format!("/api/v1/questionnaires/{SHOES}/responses");
    let big = format!(
        r#"{{"consent":true,"touchpoint":"{}"}}"#,
        "x".repeat(70 * 1024)
    );
    let r = call(&app, "POST", &uri, None, &big).await;
    assert_api_error(&r, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    assert_eq!(r.json()["details"]["field"], "body");
    // Without a length, the body is cut while it is read.
    let streamed = Request::post(&uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from_stream(futures_stream(big)))
        .unwrap();
    let r = send(&app, streamed).await;
    assert_api_error(&r, StatusCode::PAYLOAD_TOO_LARGE, "too_large");
    // A browser's form post declares its length.
    let body = format!("token=x&question=q&value={}", "y".repeat(70 * 1024));
    let form = Request::post("/api/answer")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, body.len())
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body))
        .unwrap();
    assert_page(&send(&app, form).await, StatusCode::PAYLOAD_TOO_LARGE);
}

/// `text` as a body of unknown length, in chunks.
fn futures_stream(
    text: String,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = text
        .into_bytes()
        .chunks(8 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    futures_util::stream::iter(chunks)
}

#[tokio::test]
async fn too_long_an_address_is_414_and_too_many_headers_431() {
    let app = TestApp::new().await;
    let long = format!("/api/v1/questionnaires?locale={}", "a".repeat(9 * 1024));
    assert_api_error(
        &get(&app, &long, None).await,
        StatusCode::URI_TOO_LONG,
        "too_large",
    );
    let page = browse(&app, &format!("/?lang={}", "a".repeat(9 * 1024))).await;
    assert_page(&page, StatusCode::URI_TOO_LONG);
    let mut req = Request::get("/api/v1/questionnaires");
    for n in 0..120 {
        req = req.header(format!("x-filler-{n}"), "x");
    }
    let r = send(&app, req.body(Body::empty()).unwrap()).await;
    assert_api_error(&r, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "too_large");
    assert_eq!(r.json()["details"]["field"], "headers");
    let huge = Request::get("/api/v1/questionnaires")
        .header("x-filler", "x".repeat(40 * 1024))
        .body(Body::empty())
        .unwrap();
    let r = send(&app, huge).await;
    assert_api_error(&r, StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE, "too_large");
}

#[tokio::test]
async fn an_address_a_route_cannot_read_is_a_400_error() {
    let app = TestApp::new().await;
    let r = get(&app, "/api/v1/questionnaires/%FF%FE", None).await;
    assert_api_error(&r, StatusCode::BAD_REQUEST, "invalid_input");
    assert_eq!(r.json()["details"]["field"], "uri");
}

/// A request from `peer`, as the serve loop records it.
fn from(peer: &str, mut req: Request<Body>) -> Request<Body> {
    let peer: SocketAddr = peer.parse().unwrap();
    req.extensions_mut().insert(ConnectInfo(peer));
    req
}

fn start_request(peer: &str) -> Request<Body> {
    from(
        peer,
        Request::post(format!("/api/v1/questionnaires/{SHOES}/responses"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json!({"consent": true}).to_string()))
            .unwrap(),
    )
}

async fn limited_app(trust_proxy: bool) -> TestApp {
    let policy = server::config::OperationArgs {
        start_rate_per_minute: 60,
        start_burst: 5,
        answer_burst: 2,
        trust_proxy,
        ..Default::default()
    }
    .policy(None);
    TestApp::with_policy(TestDb::new(Backend::Sqlite).await, policy).await
}

#[tokio::test]
async fn a_flood_of_starts_is_stopped_with_429_and_retry_after() {
    let app = limited_app(false).await;
    for _ in 0..5 {
        assert_eq!(
            send(&app, start_request("10.1.1.1:4000")).await.status,
            StatusCode::CREATED
        );
    }
    let refused = send(&app, start_request("10.1.1.1:4001")).await;
    assert_api_error(&refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    let wait: u64 = refused.headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Another client is served; so is this one's form, refused with a page.
    assert_eq!(
        send(&app, start_request("10.1.1.2:4000")).await.status,
        StatusCode::CREATED
    );
    let form = from(
        "10.1.1.1:4002",
        Request::post("/api/start")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(format!("slug={SHOES}&consent=true")))
            .unwrap(),
    );
    let page = send(&app, form).await;
    assert_page(&page, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn the_default_limits_allow_sixty_starts_and_stop_a_flood_long_before_four_hundred() {
    let db = TestDb::new(Backend::Sqlite).await;
    let app = TestApp::with_policy(db, server::config::HttpPolicy::default()).await;
    let mut created = 0;
    for _ in 0..400 {
        match send(&app, start_request("10.2.2.2:5000")).await.status {
            StatusCode::CREATED => created += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("{other}"),
        }
    }
    assert!((60..=70).contains(&created), "{created} started");
}

#[tokio::test]
async fn answers_have_their_own_limit() {
    let app = limited_app(false).await;
    let r = send(&app, start_request("10.3.3.3:1")).await;
    let body = r.json();
    let (id, token) = (
        body["id"].as_str().unwrap(),
        body["token"].as_str().unwrap(),
    );
    let answer = || {
        from(
            "10.3.3.3:2",
            Request::put(format!("/api/v1/responses/{id}/answers/current_shoes"))
                .header(header::CONTENT_TYPE, "application/json")
                .header("x-response-token", token)
                .body(Body::from(
                    json!({"value": some_answer(&body["next"])}).to_string(),
                ))
                .unwrap(),
        )
    };
    assert_eq!(send(&app, answer()).await.status, StatusCode::OK);
    assert_eq!(send(&app, answer()).await.status, StatusCode::OK);
    let refused = send(&app, answer()).await;
    assert_api_error(&refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited");
}

#[tokio::test]
async fn behind_a_trusted_proxy_clients_are_told_apart_by_the_last_forwarded_hop() {
    for trust_proxy in [false, true] {
        let app = limited_app(trust_proxy).await;
        let mut created = 0;
        for n in 0..10 {
            let mut req = start_request("10.9.9.9:443");
            req.headers_mut().insert(
                "x-forwarded-for",
                format!("6.6.6.6, 192.0.2.{n}").parse().unwrap(),
            );
            if send(&app, req).await.status == StatusCode::CREATED {
                created += 1;
            }
        }
        // One address behind an untrusted proxy: 5; ten trusted clients: all.
        assert_eq!(
            created,
            if trust_proxy { 10 } else { 5 },
            "trust_proxy={trust_proxy}"
        );
    }
}

#[tokio::test]
async fn allowed_origins_may_call_the_api_and_no_one_else() {
    let policy = server::config::OperationArgs {
        cors_allowed_origins: vec!["https://brand.example".into()],
        ..Default::default()
    }
    .policy(None);
    let app = TestApp::with_policy(TestDb::new(Backend::Sqlite).await, policy).await;
    let preflight = |origin: &str, path: &str| {
        Request::builder()
            .method("OPTIONS")
            .uri(path)
            .header(header::ORIGIN, origin)
            .header(header::ACCESS_CONTROL_REQUEST_METHOD, "PUT")
            .header(
                header::ACCESS_CONTROL_REQUEST_HEADERS,
                "content-type,x-response-token",
            )
            .body(Body::empty())
            .unwrap()
    };
    let path = "/api/v1/responses/x/answers/y";
    let ok = app
        .router
        .clone()
        .oneshot(preflight("https://brand.example", path))
        .await
        .unwrap();
    assert!(ok.status().is_success(), "{}", ok.status());
    let h = ok.headers();
    assert_eq!(
        h[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://brand.example"
    );
    let allowed = h[header::ACCESS_CONTROL_ALLOW_HEADERS].to_str().unwrap();
    assert!(
        allowed.contains("x-response-token") && allowed.contains("content-type"),
        "{allowed}"
    );
    assert!(
        h[header::ACCESS_CONTROL_ALLOW_METHODS]
            .to_str()
            .unwrap()
            .contains("PUT")
    );
    for (origin, path) in [
        ("https://evil.example", path),
        ("https://brand.example", "/a/x"),
    ] {
        let r = app
            .router
            .clone()
            .oneshot(preflight(origin, path))
            .await
            .unwrap();
        assert!(
            !r.headers()
                .contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN),
            "{origin}{path}"
        );
    }
    let listed = send(
        &app,
        Request::get("/api/v1/questionnaires")
            .header(header::ORIGIN, "https://brand.example")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        listed.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN],
        "https://brand.example"
    );
}
