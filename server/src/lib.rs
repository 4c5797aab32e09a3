//! The Percorso server: configuration, database adapters, the REST API and the router that
//! serves the Leptos app. `main.rs` only parses the command line; everything else is here so
//! tests can build the router and drive it in-process.

pub mod cli;
pub mod config;
pub mod db;
pub mod demo;
pub mod rest;
pub mod telemetry;

use std::time::Duration;

use app::app::{App, shell};
use app::error::AppError;
use app::ssr::PublicUrl;
use app::ssr::store::SharedStore;
use axum::Router;
use axum::body::Body;
use axum::extract::FromRef;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Largest request body accepted (answers and start requests are small).
const BODY_LIMIT: usize = 64 * 1024;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: SharedStore,
    pub public_url: PublicUrl,
}

impl AppState {
    /// What server functions and pages read from context.
    fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static + use<> {
        let store = self.store.clone();
        let public_url = self.public_url.clone();
        move || {
            provide_context(store.clone());
            provide_context(public_url.clone());
        }
    }
}

/// Server functions answer every error with 500; give each its real status instead, so a
/// client's mistake (a missing field, an unknown token) is never reported as our fault.
pub async fn server_fn_status(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path();
    let is_server_fn = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let res = next.run(req).await;
    if !is_server_fn || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The whole application: pages, server functions, the REST API, health and static files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let api = rest::router().with_state(state.store.clone());
    Router::new()
        .route(
            "/healthz",
            get(rest::healthz).with_state(state.store.clone()),
        )
        .nest("/api/v1", api)
        .leptos_routes_with_context(&state, routes, state.context(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(state.context(), shell))
        .layer(middleware::from_fn(server_fn_status))
        // Resume links carry the response token: never send them on to other sites.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        // A panic is a bug of ours: answer 500 and keep the connection, never drop it.
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
