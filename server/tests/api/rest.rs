//! The REST API under `/api/v1` and `/healthz`, driven in-process, including bad input.

use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::client::*;
use crate::support::TestApp;

#[tokio::test]
async fn healthz_answers_when_the_database_does() {
    let app = TestApp::new().await;
    let r = get(&app, "/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
}

#[tokio::test]
async fn the_listing_shows_both_demos_in_the_language_asked_for() {
    let app = TestApp::new().await;
    let r = get(&app, "/api/v1/questionnaires", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let list = r.json();
    let slugs: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, vec![SHOES, SKIN]);
    assert_eq!(list[0]["locales"], json!(["en", "it"]));
    let en = list[0]["title"].as_str().unwrap().to_string();
    let it = get(&app, "/api/v1/questionnaires?locale=it", None)
        .await
        .json()[0]["title"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(en, it);
}

#[tokio::test]
async fn a_definition_is_served_and_an_unknown_one_is_404_json() {
    let app = TestApp::new().await;
    let r = get(&app, &format!("/api/v1/questionnaires/{SHOES}"), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers["x-questionnaire-version"], "1");
    let def = r.json();
    assert_eq!(
        (def["format"].as_u64(), def["slug"].as_str()),
        (Some(1), Some(SHOES))
    );
    let r = get(&app, "/api/v1/questionnaires/no-such-thing", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"], "not_found");
    let r = get(&app, "/api/v1/no/such/route", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"], "not_found");
}

#[tokio::test]
async fn starting_returns_an_id_a_token_and_the_first_question_in_the_locale_asked() {
    let app = TestApp::new().await;
    let (id, token, next) = start(
        &app,
        SHOES,
        json!({"locale": "it", "consent": true, "touchpoint": "kiosk"}),
    )
    .await;
    assert_eq!(token.len(), 48);
    assert!(!id.is_empty());
    assert!(next["key"].is_string() && next["prompt"].is_string() && next["kind"].is_string());
    let def = get(&app, &format!("/api/v1/questionnaires/{SHOES}"), None)
        .await
        .json();
    assert_eq!(next["prompt"], def["questions"][0]["prompt"]["it"]);
    let state = get(&app, &format!("/api/v1/responses/{id}"), Some(&token))
        .await
        .json();
    assert_eq!(
        (state["locale"].as_str(), state["touchpoint"].as_str()),
        (Some("it"), Some("kiosk"))
    );
    assert_eq!(state["completed"], false);
}

#[tokio::test]
async fn bad_start_requests_get_a_4xx_naming_the_field() {
    let app = TestApp::new().await;
    let uri = format!("/api/v1/questionnaires/{SHOES}/responses");
    let cases = [
        ("{}", StatusCode::BAD_REQUEST, "body"),
        (r#"{"consent": "yes"}"#, StatusCode::BAD_REQUEST, "consent"),
        (
            r#"{"consent": true, "colour": 1}"#,
            StatusCode::BAD_REQUEST,
            "colour",
        ),
        ("not json", StatusCode::BAD_REQUEST, "body"),
        ("", StatusCode::BAD_REQUEST, "body"),
        (
            r#"{"consent": true, "locale": "english"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "locale",
        ),
        (
            r#"{"consent": true, "touchpoint": "a b<c>"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
            "touchpoint",
        ),
    ];
    for (body, status, field) in cases {
        let r = call(&app, "POST", &uri, None, body).await;
        assert_eq!(r.status, status, "{body}: {}", r.text());
        let v = r.json();
        assert_eq!(v["error"], "invalid_input", "{body}");
        assert!(
            v["details"]["field"].as_str().unwrap().contains(field),
            "{body}: {v}"
        );
    }
    let r = call(
        &app,
        "POST",
        "/api/v1/questionnaires/nope/responses",
        None,
        r#"{"consent": true}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_full_run_through_the_api_ends_in_an_outcome_with_reasons() {
    for slug in [SHOES, SKIN] {
        let app = TestApp::new().await;
        let (id, token, next) = start(&app, slug, json!({"consent": true})).await;
        let early = call(
            &app,
            "POST",
            &format!("/api/v1/responses/{id}/complete"),
            Some(&token),
            "",
        )
        .await;
        assert_eq!(early.status, StatusCode::CONFLICT, "{slug}");
        let pending = get(
            &app,
            &format!("/api/v1/responses/{id}/outcome"),
            Some(&token),
        )
        .await;
        assert_eq!(pending.status, StatusCode::CONFLICT);
        assert!(
            answer_everything(&app, &id, &token, next).await >= 7,
            "{slug}"
        );
        // The last answer does not complete: completing is an explicit step.
        let state = get(&app, &format!("/api/v1/responses/{id}"), Some(&token)).await;
        assert_eq!(state.json()["completed"], false, "{slug}");
        assert!(state.json()["next"].is_null());
        let not_yet = get(
            &app,
            &format!("/api/v1/responses/{id}/outcome"),
            Some(&token),
        )
        .await;
        assert_eq!(not_yet.status, StatusCode::CONFLICT);
        let done = call(
            &app,
            "POST",
            &format!("/api/v1/responses/{id}/complete"),
            Some(&token),
            "",
        )
        .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.text());
        let outcome = done.json();
        assert!(outcome["persona"]["key"].is_string(), "{outcome}");
        let confidence = outcome["persona"]["confidence"].as_f64().unwrap();
        assert!(confidence > 0.0 && confidence <= 1.0);
        let traits = outcome["traits"].as_array().unwrap();
        assert!(traits.len() >= 3);
        assert!(
            traits
                .iter()
                .all(|t| t["key"].is_string() && t["score"].is_number())
        );
        let offers = outcome["offers"].as_array().unwrap();
        assert!(!offers.is_empty() && offers.len() <= 3);
        let scores: Vec<f64> = offers
            .iter()
            .map(|o| o["score"].as_f64().unwrap())
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "offers are ranked: {scores:?}"
        );
        assert!(
            offers
                .iter()
                .any(|o| !o["reasons"].as_array().unwrap().is_empty()),
            "{outcome}"
        );
        assert!(outcome["learning_path"]["steps"].as_array().unwrap().len() >= 3);
        let again = get(
            &app,
            &format!("/api/v1/responses/{id}/outcome"),
            Some(&token),
        )
        .await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.json()["offers"], outcome["offers"]);
        // Reasons are in the interface language asked for with `?locale=`, else the
        // response's own (English here), which comes before `Accept-Language`.
        let italian = get(
            &app,
            &format!("/api/v1/responses/{id}/outcome?locale=it"),
            Some(&token),
        )
        .await
        .json();
        let reasons = all_reasons(&italian);
        assert!(!reasons.is_empty());
        assert!(
            reasons.iter().all(|r| ["Hai ", "Pensato ", "Adatto "]
                .iter()
                .any(|start| r.starts_with(start))),
            "{reasons:?}"
        );
        let req = axum::http::Request::get(format!("/api/v1/responses/{id}/outcome"))
            .header("x-response-token", &token)
            .header(axum::http::header::ACCEPT_LANGUAGE, "it")
            .body(axum::body::Body::empty())
            .unwrap();
        assert_eq!(
            all_reasons(&send(&app, req).await.json()),
            all_reasons(&outcome)
        );
        let state = get(&app, &format!("/api/v1/responses/{id}"), Some(&token))
            .await
            .json();
        assert_eq!(
            (state["completed"].as_bool(), state["next"].is_null()),
            (Some(true), true)
        );
    }
}

#[tokio::test]
async fn tokens_guard_responses() {
    let app = TestApp::new().await;
    let (id, token, next) = start(&app, SHOES, json!({"consent": false})).await;
    let key = next["key"].as_str().unwrap();
    let wrong = "0".repeat(48);
    for (method, uri) in [
        ("GET", format!("/api/v1/responses/{id}")),
        ("PUT", format!("/api/v1/responses/{id}/answers/{key}")),
        ("POST", format!("/api/v1/responses/{id}/complete")),
        ("GET", format!("/api/v1/responses/{id}/outcome")),
        ("GET", "/api/v1/responses/not-an-id".to_string()),
    ] {
        let body = json!({"value": some_answer(&next)}).to_string();
        let r = call(&app, method, &uri, Some(&wrong), &body).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {uri}");
        assert_eq!(r.json()["error"], "not_found");
        let r = call(&app, method, &uri, None, &body).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{method} {uri}");
        assert_eq!(r.json()["details"]["field"], "X-Response-Token");
    }
    assert_eq!(
        get(&app, &format!("/api/v1/responses/{id}"), Some(&token))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn refused_answers_are_422_and_name_the_value() {
    let app = TestApp::new().await;
    let (id, token, next) = start(&app, SHOES, json!({"consent": true})).await;
    let key = next["key"].as_str().unwrap();
    let uri = format!("/api/v1/responses/{id}/answers/{key}");
    let wrong_type = if next["kind"] == "number" {
        json!("many")
    } else {
        json!(42)
    };
    for value in [json!("no-such-option"), wrong_type, json!(null)] {
        let r = call(
            &app,
            "PUT",
            &uri,
            Some(&token),
            &json!({"value": value}).to_string(),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{value}: {}",
            r.text()
        );
        assert_eq!(r.json()["details"]["field"], "value", "{value}");
    }
    let r = call(&app, "PUT", &uri, Some(&token), r#"{"valeu": 1}"#).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = call(
        &app,
        "PUT",
        &format!("/api/v1/responses/{id}/answers/nope"),
        Some(&token),
        r#"{"value": 1}"#,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["details"]["code"], "unknown_question");
    let state = get(&app, &format!("/api/v1/responses/{id}"), Some(&token))
        .await
        .json();
    assert_eq!(state["answers"], json!({}), "nothing refused was stored");
}

#[tokio::test]
async fn numbers_outside_their_range_are_refused() {
    let app = TestApp::new().await;
    let (id, token, mut next) = start(&app, SHOES, json!({"consent": true})).await;
    while next["kind"] != "number" {
        let key = next["key"].as_str().unwrap().to_string();
        let body = json!({"value": some_answer(&next)}).to_string();
        next = call(
            &app,
            "PUT",
            &format!("/api/v1/responses/{id}/answers/{key}"),
            Some(&token),
            &body,
        )
        .await
        .json()["next"]
            .clone();
        assert!(!next.is_null(), "the shoe finder has a number question");
    }
    let key = next["key"].as_str().unwrap();
    let too_big = next["max"].as_f64().unwrap() + 1.0;
    let r = call(
        &app,
        "PUT",
        &format!("/api/v1/responses/{id}/answers/{key}"),
        Some(&token),
        &json!({"value": too_big}).to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["details"]["code"], "out_of_range");
}

#[tokio::test]
async fn without_consent_free_text_and_touchpoint_are_not_kept() {
    let app = TestApp::new().await;
    let (id, token, next) = start(
        &app,
        SHOES,
        json!({"consent": false, "touchpoint": "newsletter"}),
    )
    .await;
    answer_everything(&app, &id, &token, next).await;
    let state = get(&app, &format!("/api/v1/responses/{id}"), Some(&token))
        .await
        .json();
    assert!(state["touchpoint"].is_null());
    let text = state["answers"]
        .as_object()
        .unwrap()
        .values()
        .filter(|v| v.is_string())
        .count();
    assert_eq!(text, 0, "no free text kept: {state}");
}

/// Every reason of an outcome: the persona's, the offers', the learning path's.
fn all_reasons(outcome: &Value) -> Vec<String> {
    let mut lists = vec![
        &outcome["persona"]["reasons"],
        &outcome["learning_path"]["reasons"],
    ];
    lists.extend(
        outcome["offers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| &o["reasons"]),
    );
    lists
        .into_iter()
        .filter_map(|l| l.as_array())
        .flatten()
        .map(|r| r.as_str().unwrap().to_string())
        .collect()
}
