//! The Percorso server: configuration, database adapters, the REST API and the router that
//! serves the Leptos app. `main.rs` only parses the command line; everything else is here so
//! tests can build the router and drive it in-process.

pub mod cli;
pub mod client;
pub mod config;
pub mod cors;
pub mod db;
pub mod demo;
pub mod errors;
pub mod metrics;
pub mod rate_limit;
pub mod rest;
pub mod retention;
pub mod security_headers;
pub mod serve;
pub mod telemetry;

use app::app::{App, shell};
use app::error::AppError;
use app::ssr::PublicUrl;
use app::ssr::store::SharedStore;
use axum::Router;
use axum::body::Body;
use axum::extract::FromRef;
use axum::http::request::Parts;
use axum::http::{Request, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use leptos::nonce::Nonce;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use config::HttpPolicy;
use rate_limit::RateLimits;
use security_headers::SecurityHeaders;

/// Largest request body accepted (answers and start requests are small).
const BODY_LIMIT: usize = 64 * 1024;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub store: SharedStore,
    pub public_url: PublicUrl,
    /// Limits, headers and cross-origin access (not read by pages).
    pub policy: HttpPolicy,
}

impl AppState {
    /// What server functions and pages read from context.
    fn context(&self) -> impl Fn() + Clone + Send + Sync + 'static + use<> {
        let store = self.store.clone();
        let public_url = self.public_url.clone();
        move || {
            provide_context(store.clone());
            provide_context(public_url.clone());
            // The nonce of this request's Content-Security-Policy, for the inline scripts.
            if let Some(nonce) =
                use_context::<Parts>().and_then(|p| p.extensions.get::<Nonce>().cloned())
            {
                provide_context(nonce);
            }
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

/// The whole application: pages, server functions, the REST API, health, metrics and static
/// files, behind the layers every request goes through (outermost last).
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let store = state.store.clone();
    let api = rest::router().with_state(store.clone());
    let limits = RateLimits::new(&state.policy);
    let headers = SecurityHeaders::new(&state.policy);
    let cors = cors::layer(&state.policy);
    Router::new()
        .route("/healthz", get(rest::healthz).with_state(store.clone()))
        .route("/readyz", get(rest::readyz).with_state(store))
        .route("/metrics", get(metrics::render))
        .nest("/api/v1", api)
        .leptos_routes_with_context(&state, routes, state.context(), move || {
            shell(options.clone())
        })
        .route_layer(middleware::from_fn(metrics::matched_route))
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(state.context(), shell))
        .layer(middleware::from_fn(server_fn_status))
        // A panic is a bug of ours: answer 500 and keep the connection, never drop it.
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn_with_state(limits, rate_limit::limit))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn(errors::framework_refusals))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.policy.request_timeout,
            errors::bounds,
        ))
        .layer(tower::util::option_layer(cors))
        .layer(middleware::from_fn_with_state(
            headers,
            security_headers::apply,
        ))
        .layer(middleware::from_fn(metrics::track))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(telemetry::request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}
