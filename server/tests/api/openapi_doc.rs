//! The OpenAPI document itself: served, complete, and its checker catches what it should.

use axum::http::{Method, StatusCode};
use utoipa::OpenApi;

use crate::openapi::check;

fn document() -> serde_json::Value {
    serde_json::to_value(server::rest::ApiDoc::openapi()).unwrap()
}

#[tokio::test]
async fn the_document_is_served_and_lists_every_route() {
    let app = crate::support::TestApp::new().await;
    let r = crate::client::get(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let served = r.json();
    assert_eq!(served, document());
    assert!(served["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths: Vec<&String> = served["paths"].as_object().unwrap().keys().collect();
    for expected in [
        "/api/v1/questionnaires",
        "/api/v1/questionnaires/{slug}",
        "/api/v1/questionnaires/{slug}/responses",
        "/api/v1/responses/{id}",
        "/api/v1/responses/{id}/answers/{question_key}",
        "/api/v1/responses/{id}/complete",
        "/api/v1/responses/{id}/outcome",
        "/api/v1/openapi.json",
        "/healthz",
    ] {
        assert!(paths.iter().any(|p| *p == expected), "{expected} missing");
    }
}

#[test]
fn an_undocumented_status_is_caught() {
    let caught = std::panic::catch_unwind(|| {
        check(
            &Method::GET,
            "/api/v1/questionnaires",
            StatusCode::IM_A_TEAPOT,
        )
    });
    assert!(caught.is_err());
    let caught =
        std::panic::catch_unwind(|| check(&Method::GET, "/api/v1/not-a-route", StatusCode::OK));
    assert!(caught.is_err());
    check(&Method::GET, "/api/v1/not-a-route", StatusCode::NOT_FOUND);
    check(
        &Method::PUT,
        "/api/v1/responses/x/answers/y",
        StatusCode::CONFLICT,
    );
}

#[test]
fn every_route_of_the_router_is_documented_with_its_method() {
    let doc = document();
    for (method, path, _) in server::rest::routes() {
        let full = format!("/api/v1{path}");
        let operation = &doc["paths"][&full][method.as_str().to_ascii_lowercase()];
        assert!(
            !operation.is_null(),
            "{method} {full} is not in the OpenAPI document"
        );
    }
}
