//! The headers every answer carries: a Content-Security-Policy whose nonce is the one on the
//! page's inline scripts, framing from configuration, HSTS for an https origin, `no-store`
//! where a resume token or answers travel, and a request id.

use axum::http::{HeaderMap, StatusCode, header};
use serde_json::json;

use crate::client::*;
use crate::support::{Backend, TestApp, TestDb};

fn csp(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_SECURITY_POLICY)
        .expect("a Content-Security-Policy")
        .to_str()
        .unwrap()
        .to_string()
}

/// Every `nonce="…"` in `html`.
fn nonces(html: &str) -> Vec<String> {
    html.split("nonce=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_page_s_inline_scripts_carry_the_nonce_its_policy_allows() {
    let app = TestApp::new().await;
    let mut seen = Vec::new();
    for page in ["/", &format!("/a/{SHOES}"), "/no/such/page"] {
        let r = browse(&app, page).await;
        let policy = csp(&r.headers);
        let html = r.text();
        let found = nonces(&html);
        assert!(!found.is_empty(), "{page}: no nonce'd script in {html}");
        for nonce in &found {
            assert!(
                policy.contains(&format!("'nonce-{nonce}'")),
                "{page}: {nonce} not in {policy}"
            );
        }
        // Every inline script is nonce'd (empty ones never run).
        for script in html.split("<script").skip(1) {
            let open = script.split('>').next().unwrap();
            let body = script[open.len() + 1..].split("</script>").next().unwrap();
            assert!(
                open.contains("nonce=") || open.contains("src=") || body.trim().is_empty(),
                "{page}: an inline script without the nonce: <script{open}>"
            );
        }
        assert!(policy.contains("script-src 'self' 'nonce-"), "{policy}");
        assert!(policy.contains("object-src 'none'"), "{policy}");
        assert!(policy.contains("frame-ancestors 'self'"), "{policy}");
        seen.push(found[0].clone());
    }
    seen.dedup();
    assert_eq!(seen.len(), 3, "a new nonce for every request");
}

#[tokio::test]
async fn api_answers_and_errors_carry_the_headers_too() {
    let app = TestApp::new().await;
    for r in [
        get(&app, "/api/v1/questionnaires", None).await,
        get(&app, "/api/v1/nothing", None).await,
        get(&app, "/healthz", None).await,
    ] {
        assert!(csp(&r.headers).contains("default-src 'self'"));
        assert_eq!(r.headers["x-content-type-options"], "nosniff");
        assert_eq!(r.headers["referrer-policy"], "same-origin");
        assert!(r.headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    }
}

#[tokio::test]
async fn framing_follows_the_configuration_and_hsts_an_https_origin() {
    let policy = server::config::OperationArgs {
        frame_ancestors: "'self' https://brand.example".into(),
        ..Default::default()
    }
    .policy(Some("https://quiz.example"));
    let app = TestApp::with_policy(TestDb::new(Backend::Sqlite).await, policy).await;
    let r = browse(&app, "/").await;
    assert!(
        csp(&r.headers).ends_with("frame-ancestors 'self' https://brand.example"),
        "{}",
        csp(&r.headers)
    );
    assert_eq!(
        r.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn what_carries_a_token_or_answers_is_never_stored() {
    let app = TestApp::new().await;
    let uri = format!("/api/v1/questionnaires/{SHOES}/responses");
    let started = call(
        &app,
        "POST",
        &uri,
        None,
        &json!({"consent": true}).to_string(),
    )
    .await;
    assert_eq!(started.status, StatusCode::CREATED);
    assert_eq!(started.headers[header::CACHE_CONTROL], "no-store");
    let body = started.json();
    let (id, token) = (
        body["id"].as_str().unwrap(),
        body["token"].as_str().unwrap(),
    );
    let answered = put_answer(&app, id, token, "current_shoes", some_answer(&body["next"])).await;
    assert_eq!(answered.status, StatusCode::OK);
    assert_eq!(answered.headers[header::CACHE_CONTROL], "no-store");
    let state = get(&app, &format!("/api/v1/responses/{id}"), Some(token)).await;
    assert_eq!(state.headers[header::CACHE_CONTROL], "no-store");
    let page = browse(&app, &format!("/r/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    let home = browse(&app, "/").await;
    assert_ne!(
        home.headers
            .get(header::CACHE_CONTROL)
            .map(|v| v.to_str().unwrap()),
        Some("no-store")
    );
}

#[tokio::test]
async fn a_request_id_is_echoed_or_made_up() {
    let app = TestApp::new().await;
    let req = axum::http::Request::get("/healthz")
        .header("x-request-id", "kiosk-7-000123")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.headers["x-request-id"], "kiosk-7-000123");
    let r = get(&app, "/healthz", None).await;
    let made = r.headers["x-request-id"].to_str().unwrap();
    assert_eq!(made.len(), 36, "a UUID: {made}");
}
