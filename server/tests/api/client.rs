//! A small HTTP client over the in-process router, shared by the tests and the benchmark.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

pub const SHOES: &str = "running-shoe-finder";
pub const SKIN: &str = "skin-care-routine";

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .map(|l| l.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

/// Send `req` through the router; API exchanges are checked against the OpenAPI document.
pub async fn send(router: &axum::Router, req: Request<Body>) -> Reply {
    let (method, uri) = (req.method().clone(), req.uri().to_string());
    let res = router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    crate::openapi::check(&method, &uri, status);
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

pub async fn get(router: &axum::Router, uri: &str, token: Option<&str>) -> Reply {
    let mut req = Request::get(uri);
    if let Some(t) = token {
        req = req.header("x-response-token", t);
    }
    send(router, req.body(Body::empty()).unwrap()).await
}

pub async fn call(
    router: &axum::Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: &str,
) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(t) = token {
        req = req.header("x-response-token", t);
    }
    send(router, req.body(Body::from(body.to_string())).unwrap()).await
}

pub async fn start(router: &axum::Router, slug: &str, body: Value) -> (String, String, Value) {
    let r = call(
        router,
        "POST",
        &format!("/api/v1/questionnaires/{slug}/responses"),
        None,
        &body.to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let v = r.json();
    (
        v["id"].as_str().unwrap().to_string(),
        v["token"].as_str().unwrap().to_string(),
        v["next"].clone(),
    )
}

/// A valid answer for any question: the first option, the lowest number, a short text.
pub fn some_answer(next: &Value) -> Value {
    match next["kind"].as_str().unwrap() {
        "single_choice" | "image_choice" => next["options"][0]["key"].clone(),
        "multiple_choice" => json!([next["options"][0]["key"]]),
        "text" => json!("I run in the mornings."),
        _ => next["min"].clone(),
    }
}

pub async fn answer_everything(
    router: &axum::Router,
    id: &str,
    token: &str,
    mut next: Value,
) -> usize {
    let mut count = 0;
    while !next.is_null() {
        let key = next["key"].as_str().unwrap().to_string();
        let body = json!({ "value": some_answer(&next) }).to_string();
        let r = call(
            router,
            "PUT",
            &format!("/api/v1/responses/{id}/answers/{key}"),
            Some(token),
            &body,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "answering {key}: {}", r.text());
        next = r.json()["next"].clone();
        count += 1;
        assert!(count < 50, "the questionnaire never ends");
    }
    count
}

/// Answer with [`some_answer`] until the next question is `key`; returns that question.
pub async fn answer_until(
    router: &axum::Router,
    id: &str,
    token: &str,
    mut next: Value,
    key: &str,
) -> Value {
    while next["key"] != key {
        assert!(!next.is_null(), "never reached `{key}`");
        let current = next["key"].as_str().unwrap().to_string();
        let r = put_answer(router, id, token, &current, some_answer(&next)).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "answering {current}: {}",
            r.text()
        );
        next = r.json()["next"].clone();
    }
    next
}

/// `PUT /api/v1/responses/{id}/answers/{key}` with `{"value": value}`.
pub async fn put_answer(
    router: &axum::Router,
    id: &str,
    token: &str,
    key: &str,
    value: Value,
) -> Reply {
    let body = json!({ "value": value }).to_string();
    let uri = format!("/api/v1/responses/{id}/answers/{key}");
    call(router, "PUT", &uri, Some(token), &body).await
}

/// A form post, as a browser without JavaScript sends it.
pub async fn post_form(router: &axum::Router, uri: &str, body: &str) -> Reply {
    let req = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(router, req).await
}

/// A page load as a browser makes it (redirects are answered with 302 only then).
pub async fn browse(router: &axum::Router, uri: &str) -> Reply {
    let req = Request::get(uri)
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    send(router, req).await
}
