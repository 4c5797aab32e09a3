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
use app::ssr::PublicUrl;
use app::ssr::store::SharedStore;
use axum::Router;
use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::Request;
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list, handle_server_fns_with_context};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
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

async fn server_fns(
    State(state): State<AppState>,
    req: Request<Body>,
) -> impl axum::response::IntoResponse {
    handle_server_fns_with_context(state.context(), req).await
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
        .route("/api/{fn_name}", post(server_fns).get(server_fns))
        .leptos_routes_with_context(&state, routes, state.context(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(state.context(), shell))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
