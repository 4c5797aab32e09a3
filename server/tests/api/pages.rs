//! Server-rendered pages, the no-JavaScript form posts and the server functions.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;

use crate::client::*;
use crate::support::TestApp;

#[tokio::test]
async fn pages_render_on_the_server_in_the_visitors_language() {
    let app = TestApp::new().await;
    let r = get(&app, "/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.headers[header::REFERRER_POLICY],
        "same-origin",
        "tokens in URLs stay on this site"
    );
    let def: Value = serde_json::from_str(server::demo::DEMOS[0].1).unwrap();
    assert!(r.text().contains(def["title"]["en"].as_str().unwrap()));
    let req = Request::get(format!("/a/{SHOES}"))
        .header(header::ACCEPT_LANGUAGE, "it-IT,it;q=0.9,en;q=0.5")
        .body(Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::OK);
    let html = r.text();
    assert!(
        html.contains(def["title"]["it"].as_str().unwrap()),
        "Italian title"
    );
    assert!(html.contains("lang=\"it\""));
    assert_eq!(
        get(&app, "/a/no-such-thing", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &format!("/r/{}", "f".repeat(48)), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/nowhere", None).await.status,
        StatusCode::NOT_FOUND
    );
}

/// The no-JavaScript flow at the HTTP level: forms post, the server redirects.
#[tokio::test]
async fn plain_forms_start_and_answer_with_redirects() {
    let app = TestApp::new().await;
    let form = |uri: &str, body: String| {
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from(body))
            .unwrap()
    };
    let r = send(
        &app,
        form(
            "/api/start",
            format!("slug={SHOES}&locale=en&consent=yes&touchpoint=qr"),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    let resume = r.location();
    let token = resume.strip_prefix("/r/").unwrap().to_string();
    let page = get(&app, &resume, None).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    let key = html
        .split("name=\"question\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // Nothing chosen: back to the question with the reason.
    let r = send(
        &app,
        form(
            "/api/answer",
            format!("token={token}&question={key}&intent=next"),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.location(), format!("/r/{token}/q/{key}?error=required"));
    let page = get(&app, &r.location(), None).await;
    assert!(page.text().contains("role=\"alert\""));
    // The result of an unfinished response sends the respondent back to their next question.
    let browser = Request::get(format!("/r/{token}/result"))
        .header(header::ACCEPT, "text/html")
        .body(Body::empty())
        .unwrap();
    let early = send(&app, browser).await;
    assert_eq!(early.status, StatusCode::FOUND);
    assert_eq!(early.location(), format!("/r/{token}"));
}

#[tokio::test]
async fn server_functions_answer_client_mistakes_with_4xx() {
    let app = TestApp::new().await;
    let post = |uri: &str, body: &str| {
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let r = send(&app, post("/api/answer", "")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    let r = send(
        &app,
        post("/api/question", &format!("token={}", "a".repeat(48))),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    let r = send(&app, post("/api/start", "slug=nope&consent=yes")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    let r = send(&app, post("/api/no_such_function", "")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
}

/// A URL that matches no page speaks the visitor's language: `?lang` first, then the
/// browser's `Accept-Language`, then English.
#[tokio::test]
async fn a_missing_page_is_a_404_in_the_visitors_language() {
    let app = TestApp::new().await;
    let nowhere = |uri: &str, accept: Option<&str>| {
        let mut req = Request::get(uri);
        if let Some(a) = accept {
            req = req.header(header::ACCEPT_LANGUAGE, a);
        }
        req.body(Body::empty()).unwrap()
    };
    let r = send(&app, nowhere("/nowhere", Some("it-IT,it;q=0.9,en;q=0.5"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let html = r.text();
    assert!(html.contains("lang=\"it\""), "{html}");
    assert!(html.contains("Pagina non trovata"), "{html}");
    let r = send(&app, nowhere("/nowhere?lang=en", Some("it"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().contains("lang=\"en\""));
    assert!(r.text().contains("Not found"));
    let r = send(&app, nowhere("/nowhere", None)).await;
    assert!(r.text().contains("lang=\"en\""));
    // An error page of a known route speaks it too.
    let r = send(&app, nowhere("/a/no-such-thing", Some("it"))).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.text().contains("Pagina non trovata"));
}
