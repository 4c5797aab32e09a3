//! The yardstick of `bench/answer-load.sh`: a bare axum handler with the shape of the answer
//! route (the same path, token header and JSON body in, a small JSON body out) and nothing
//! behind it. What the real route does per answer is measured against this in the same run.
//!
//! `cargo run --release -p server --example bare_answer -- 127.0.0.1:3999`

use axum::extract::Path;
use axum::http::HeaderMap;
use axum::routing::put;
use axum::{Json, Router};
use serde_json::{Value, json};

async fn answer(
    Path((id, key)): Path<(String, String)>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Json<Value> {
    let token = headers
        .get("x-response-token")
        .and_then(|t| t.to_str().ok())
        .unwrap_or_default();
    Json(json!({
        "next": null,
        "insights": [],
        "insight": null,
        "seen": [id.len(), key.len(), token.len(), body.as_object().map_or(0, |o| o.len())],
    }))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3999".into());
    let app = Router::new().route("/api/v1/responses/{id}/answers/{key}", put(answer));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("bare answer handler on http://{addr}/");
    axum::serve(listener, app).await
}
