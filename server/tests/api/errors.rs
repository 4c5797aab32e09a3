//! Errors answer with the status `AppError::status` decides, through each of the three
//! paths (REST, server functions, pages), and a database outage is a 503 that heals by itself.

use std::sync::Arc;
use std::time::Duration;

use app::error::AppError;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::IntoResponse;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::Mutex;
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::client::*;
use crate::support::{Backend, TestApp, TestDb};

fn every_error() -> Vec<(AppError, u16)> {
    AppError::samples()
}

#[tokio::test]
async fn rest_answers_each_error_with_its_status() {
    for (error, status) in every_error() {
        let res = server::rest::error::ApiError(error.clone()).into_response();
        assert_eq!(res.status().as_u16(), status, "{error:?}");
    }
}

/// Server functions answer every error with 500 (the framework has no hook); the server's
/// middleware gives each its own status, read from the error in the body. (Real server
/// functions answering 404 and 503 are in `pages.rs` and the outage test below.)
#[tokio::test]
async fn the_server_function_middleware_gives_each_error_its_status() {
    for (error, status) in every_error() {
        let body = serde_json::to_string(&error).unwrap();
        let router = Router::new()
            .route(
                "/api/failing",
                axum::routing::post(move || async move {
                    (StatusCode::INTERNAL_SERVER_ERROR, body.clone())
                }),
            )
            .layer(axum::middleware::from_fn(server::server_fn_status));
        let req = Request::post("/api/failing").body(Body::empty()).unwrap();
        let res = router.oneshot(req).await.unwrap();
        assert_eq!(res.status().as_u16(), status, "{error:?}");
    }
}

/// A TCP relay in front of PostgreSQL that can be cut and restored, as a network partition
/// or a database restart would.
struct Relay {
    port: u16,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Relay {
    async fn start() -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let relay = Relay {
            port,
            tasks: Arc::default(),
        };
        relay.serve(listener).await;
        relay
    }

    async fn serve(&self, listener: TcpListener) {
        let tasks = self.tasks.clone();
        let accept = tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let conn = tokio::spawn(async move {
                    if let Ok(mut db) = tokio::net::TcpStream::connect("127.0.0.1:5432").await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut db).await;
                    }
                });
                tasks.lock().await.push(conn);
            }
        });
        self.tasks.lock().await.push(accept);
    }

    /// Refuse new connections and drop the open ones.
    async fn cut(&self) {
        for task in self.tasks.lock().await.drain(..) {
            task.abort();
        }
    }

    async fn restore(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        self.serve(listener).await;
    }
}

#[tokio::test]
async fn a_database_outage_is_a_503_everywhere_and_heals_by_itself() {
    let db = TestDb::new(Backend::Postgres).await;
    let relay = Relay::start().await;
    let url = db
        .url
        .replace("127.0.0.1:5432", &format!("127.0.0.1:{}", relay.port));
    assert_ne!(url, db.url, "the test database is on 127.0.0.1:5432");
    let app = TestApp::over(&url).await;
    assert_eq!(browse(&app, "/").await.status, StatusCode::OK);

    relay.cut().await;
    let slug = format!("/a/{SHOES}");
    let (home, start_page, api, health) = tokio::join!(
        browse(&app, "/"),
        browse(&app, &slug),
        get(&app, "/api/v1/questionnaires", None),
        get(&app, "/healthz", None),
    );
    for (what, r) in [
        ("/", &home),
        ("start", &start_page),
        ("api", &api),
        ("health", &health),
    ] {
        assert_eq!(
            r.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{what}: {}",
            r.text()
        );
    }
    assert!(!home.text().contains("check your answer"));
    assert_eq!(api.json()["error"], "unavailable");
    let form = Request::post("/api/home")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, form).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );

    relay.restore().await;
    let mut healed = false;
    for _ in 0..50 {
        if browse(&app, "/").await.status == StatusCode::OK {
            healed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(healed, "pages come back without a restart");
    let r = call(
        &app,
        "POST",
        &format!("/api/v1/questionnaires/{SHOES}/responses"),
        None,
        &json!({"consent": true}).to_string(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    drop(app);
    drop(db);
}
