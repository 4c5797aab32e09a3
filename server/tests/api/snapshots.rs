//! The API's bodies as clients see them, pinned by snapshots (ids, tokens and times
//! redacted): a change of shape shows up in review as a changed `.snap` file.

use axum::http::StatusCode;
use serde_json::json;

use crate::client::*;
use crate::support::TestApp;

#[tokio::test]
async fn start_answer_complete_and_outcome_bodies() {
    let app = TestApp::new().await;
    let uri = format!("/api/v1/questionnaires/{SHOES}/responses");
    let body = json!({"locale": "en", "touchpoint": "kiosk", "consent": true}).to_string();
    let started = call(&app, "POST", &uri, None, &body).await;
    assert_eq!(started.status, StatusCode::CREATED);
    let started = started.json();
    insta::assert_json_snapshot!("start", started, {".id" => "[id]", ".token" => "[token]"});
    let id = started["id"].as_str().unwrap();
    let token = started["token"].as_str().unwrap();

    let answered = put_answer(&app, id, token, "current_shoes", json!("none_yet")).await;
    insta::assert_json_snapshot!("answer", answered.json());

    answer_everything(&app, id, token, answered.json()["next"].clone()).await;
    let completed = call(
        &app,
        "POST",
        &format!("/api/v1/responses/{id}/complete"),
        Some(token),
        "",
    )
    .await;
    assert_eq!(completed.status, StatusCode::OK);
    insta::assert_json_snapshot!("complete", completed.json(), {".completed_at" => "[time]"});
    let outcome = get(
        &app,
        &format!("/api/v1/responses/{id}/outcome"),
        Some(token),
    )
    .await;
    insta::assert_json_snapshot!("outcome", outcome.json(), {".completed_at" => "[time]"});

    let refused = put_answer(&app, id, token, "surface", json!("trail")).await;
    insta::assert_json_snapshot!("answer_after_completion", refused.json());
}
