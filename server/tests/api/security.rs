//! Defects an outside review found, each pinned by a test that failed before its fix.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use crate::client::*;
use crate::support::TestApp;

const PAYLOAD: &str = "</textarea><script>alert('owned')</script>";

#[tokio::test]
async fn a_stored_text_answer_is_escaped_in_the_question_page() {
    let app = TestApp::new().await;
    let (id, token, next) = start(&app, SKIN, json!({"consent": true})).await;
    let notes = answer_until(&app, &id, &token, next, "notes").await;
    assert_eq!(notes["kind"], "text");
    let r = put_answer(&app, &id, &token, "notes", json!(PAYLOAD)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let page = get(&app, &format!("/r/{token}/q/notes"), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(!html.contains("<script>alert"), "the script is inert");
    assert!(
        html.contains("&lt;/textarea&gt;&lt;script&gt;alert("),
        "the answer is shown as text"
    );
}

#[tokio::test]
async fn control_characters_in_a_form_post_never_reach_a_header() {
    let app = TestApp::new().await;
    let (_, token, _) = start(&app, SHOES, json!({"consent": true})).await;
    for bad in [
        "a%0Ab",
        "a%0D%0ASet-Cookie:%20x=1",
        "%00",
        "%7F",
        "..%2F..%2Fx",
    ] {
        let r = post_form(
            &app,
            "/api/answer",
            &format!("token={token}&question={bad}&value=x"),
        )
        .await;
        assert_eq!(r.status, StatusCode::FOUND, "{bad}: {}", r.text());
        assert_eq!(r.location(), format!("/r/{token}"), "{bad}");
    }
    // A refused value of a real question comes back to it, with the code in the query.
    let r = post_form(
        &app,
        "/api/answer",
        &format!("token={token}&question=current_shoes&value=%0D%0A"),
    )
    .await;
    assert_eq!(
        r.location(),
        format!("/r/{token}/q/current_shoes?error=required")
    );
}

#[tokio::test]
async fn a_completed_response_refuses_new_answers_and_keeps_its_outcome() {
    let app = TestApp::new().await;
    let (id, token, next) = start(&app, SHOES, json!({"consent": true})).await;
    answer_everything(&app, &id, &token, next).await;
    let uri = format!("/api/v1/responses/{id}/complete");
    let done = call(&app, "POST", &uri, Some(&token), "").await;
    assert_eq!(done.status, StatusCode::OK);
    let changed = put_answer(&app, &id, &token, "surface", json!("trail")).await;
    assert_eq!(changed.status, StatusCode::CONFLICT, "{}", changed.text());
    assert!(
        changed.json()["details"]["message"]
            .as_str()
            .unwrap()
            .contains("completed")
    );
    let outcome = get(
        &app,
        &format!("/api/v1/responses/{id}/outcome"),
        Some(&token),
    )
    .await;
    assert_eq!(outcome.json(), done.json(), "the outcome did not move");
    // The form is refused the same way, and the question page leads to the result.
    let r = post_form(
        &app,
        "/api/answer",
        &format!("token={token}&question=surface&value=trail"),
    )
    .await;
    assert_eq!(r.location(), format!("/r/{token}/result"));
    let page = browse(&app, &format!("/r/{token}/q/surface")).await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.location(), format!("/r/{token}/result"));
    let state = get(&app, &format!("/api/v1/responses/{id}"), Some(&token)).await;
    assert_ne!(state.json()["answers"]["surface"], "trail");
}

#[tokio::test]
async fn unsafe_links_in_a_stored_definition_never_reach_a_page_or_the_api() {
    let app = TestApp::new().await;
    // An old version may hold what today's validation refuses: publish one past it.
    let mut def: app::domain::definition::Definition =
        serde_json::from_str(server::demo::DEMOS[0].1).unwrap();
    for offer in &mut def.offers {
        offer.url = Some("javascript:alert(document.cookie)".into());
    }
    for path in &mut def.learning_paths {
        for step in &mut path.steps {
            step.url = Some("data:text/html,<script>alert(1)</script>".into());
        }
    }
    app.store().publish(&def).await.unwrap();
    let (id, token, next) = start(&app, &def.slug, json!({"consent": true})).await;
    answer_everything(&app, &id, &token, next).await;
    let page = get(&app, &format!("/r/{token}/result"), None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text());
    let html = page.text();
    assert!(!html.contains("javascript:") && !html.contains("data:text"));
    let outcome = get(
        &app,
        &format!("/api/v1/responses/{id}/outcome"),
        Some(&token),
    )
    .await;
    let body = outcome.json();
    assert!(body["offers"][0]["url"].is_null(), "{body}");
    let served = get(&app, &format!("/api/v1/questionnaires/{}", def.slug), None).await;
    assert_eq!(served.status, StatusCode::OK);
    assert!(!served.text().contains("javascript:") && !served.text().contains("data:text"));
    // And a definition carrying one is refused at import.
    let mut json: serde_json::Value = serde_json::from_str(server::demo::DEMOS[0].1).unwrap();
    json["offers"][0]["url"] = json!("javascript:alert(1)");
    let errors = app::domain::validate::parse_definition(&json.to_string()).unwrap_err();
    assert!(errors.to_string().contains("offers[0].url"), "{errors}");
}

#[tokio::test]
async fn json_bodies_are_strict_and_errors_echo_little() {
    let app = TestApp::new().await;
    let uri = format!("/api/v1/questionnaires/{SHOES}/responses");
    let trailing = call(&app, "POST", &uri, None, r#"{"consent":true} xx"#).await;
    assert_eq!(trailing.status, StatusCode::BAD_REQUEST);
    // A cross-site form can send text/plain without a preflight: it must not start anything.
    let plain = Request::post(&uri)
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(r#"{"consent":true}"#))
        .unwrap();
    let r = send(&app, plain).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{}", r.text());
    assert_eq!(r.json()["error"], "unsupported_media_type");
    let none = Request::post(&uri)
        .body(Body::from(r#"{"consent":true}"#))
        .unwrap();
    assert_eq!(
        send(&app, none).await.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    let key = "k".repeat(20_000);
    let r = call(
        &app,
        "POST",
        &uri,
        None,
        &format!(r#"{{"consent":true,"{key}":1}}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.len() < 1_000, "echoed {} bytes", r.body.len());
}

#[tokio::test]
async fn steps_are_exact_and_an_exclusive_option_stands_alone() {
    let app = TestApp::new().await;
    let (id, token, next) = start(&app, SHOES, json!({"consent": true})).await;
    let km = answer_until(&app, &id, &token, next, "weekly_km").await;
    for tiny in [json!(1e-300), json!(5.000000001), json!("1e-300")] {
        let r = put_answer(&app, &id, &token, "weekly_km", tiny.clone()).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{tiny}");
        assert_eq!(r.json()["details"]["code"], "off_step");
    }
    let pain = answer_until(&app, &id, &token, km, "pain_areas").await;
    let other = pain["options"][0]["key"].as_str().unwrap();
    let r = put_answer(&app, &id, &token, "pain_areas", json!(["none", other])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.text());
    assert_eq!(r.json()["details"]["code"], "exclusive_option");
    let r = put_answer(&app, &id, &token, "pain_areas", json!(["none"])).await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test]
async fn a_later_question_waits_its_turn() {
    let app = TestApp::new().await;
    let (id, token, next) = start(&app, SHOES, json!({"consent": true})).await;
    assert_eq!(next["key"], "current_shoes");
    let r = put_answer(&app, &id, &token, "cushion_feel", json!(3)).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert!(
        r.json()["details"]["message"]
            .as_str()
            .unwrap()
            .contains("current_shoes")
    );
    let r = post_form(
        &app,
        "/api/answer",
        &format!("token={token}&question=cushion_feel&value=3"),
    )
    .await;
    assert_eq!(
        r.location(),
        format!("/r/{token}/q/current_shoes?error=out_of_order")
    );
    let page = browse(&app, &r.location()).await;
    assert!(page.text().contains("Please answer this question first."));
    let page = browse(&app, &format!("/r/{token}/q/cushion_feel")).await;
    assert_eq!(page.status, StatusCode::FOUND);
    assert_eq!(page.location(), format!("/r/{token}/q/current_shoes"));
    // Going back to an answered question is always allowed.
    let first = next.clone();
    let second = answer_until(&app, &id, &token, next, "surface").await;
    assert_eq!(second["key"], "surface");
    let again = put_answer(&app, &id, &token, "current_shoes", some_answer(&first)).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
}

#[tokio::test]
async fn questionnaire_text_in_the_page_title_stays_text() {
    let app = TestApp::new().await;
    let mut def: app::domain::definition::Definition =
        serde_json::from_str(server::demo::DEMOS[0].1).unwrap();
    let evil = "</title><script>alert('title')</script>";
    for text in def.title.0.values_mut() {
        *text = evil.to_string();
    }
    for text in def.questions[0].prompt.0.values_mut() {
        *text = evil.to_string();
    }
    app.store().publish(&def).await.unwrap();
    let (_, token, _) = start(&app, &def.slug, json!({"consent": true})).await;
    for page in [format!("/a/{}", def.slug), format!("/r/{token}")] {
        let r = browse(&app, &page).await;
        assert_eq!(r.status, StatusCode::OK, "{page}");
        let html = r.text();
        assert!(!html.contains("<script>alert('title')"), "{page}");
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;"), "{page}");
    }
}
