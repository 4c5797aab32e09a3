//! The JSON API under `/api/v1` for kiosks, apps and integrators, its OpenAPI document, and
//! `/healthz`. Handlers are thin: extract (see [`extract`]), call [`app::ssr::journey`],
//! answer with a type from [`bodies`]. Every route is listed in [`ApiDoc`]; the HTTP tests
//! fail when a route or a status it answers is missing there.

pub mod bodies;
pub mod error;
pub mod extract;
mod questionnaires;
mod responses;

use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::routing::{MethodRouter, get, post, put};
use axum::{Json, Router};
use utoipa::OpenApi;

use app::ssr::journey::Loaded;
use app::ssr::store::SharedStore;

pub use extract::TOKEN_HEADER;

/// The OpenAPI 3.1 description of `/api/v1`, `/healthz` and `/readyz`.
#[derive(OpenApi)]
#[openapi(
    info(title = "Percorso API", description = "Run Percorso assessments headless: start a response, answer, complete, read the outcome."),
    paths(
        questionnaires::list,
        questionnaires::show,
        questionnaires::start,
        responses::show,
        responses::put_answer,
        responses::complete,
        responses::outcome,
        openapi_json,
        healthz,
        readyz,
    ),
    tags((name = "questionnaires"), (name = "responses"), (name = "operations")),
    modifiers(&Refusals)
)]
pub struct ApiDoc;

/// What any `/api/v1` route can answer before its handler runs (see [`crate::errors`]): too
/// slow a request, too long an address, too large a header section. Added to every
/// operation here, once, rather than to each route.
struct Refusals;

impl utoipa::Modify for Refusals {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let refusal = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        for (path, item) in doc.paths.paths.iter_mut() {
            if !crate::errors::is_api(path) {
                continue;
            }
            for op in [&mut item.get, &mut item.put, &mut item.post]
                .into_iter()
                .flatten()
            {
                for (status, description) in [
                    ("408", "the request was not answered in time"),
                    ("414", "the address is too long"),
                    ("431", "the header section is too large"),
                ] {
                    op.responses
                        .responses
                        .entry(status.into())
                        .or_insert_with(|| refusal(description).into());
                }
            }
        }
    }
}

/// Every route under `/api/v1`, by method and path: the router is built from this list, and a
/// test checks each entry against [`ApiDoc`], so a route cannot be added undocumented.
pub fn routes() -> Vec<(Method, &'static str, MethodRouter<SharedStore>)> {
    vec![
        (Method::GET, "/openapi.json", get(openapi_json)),
        (Method::GET, "/questionnaires", get(questionnaires::list)),
        (
            Method::GET,
            "/questionnaires/{slug}",
            get(questionnaires::show),
        ),
        (
            Method::POST,
            "/questionnaires/{slug}/responses",
            post(questionnaires::start),
        ),
        (Method::GET, "/responses/{id}", get(responses::show)),
        (
            Method::PUT,
            "/responses/{id}/answers/{question_key}",
            put(responses::put_answer),
        ),
        (
            Method::POST,
            "/responses/{id}/complete",
            post(responses::complete),
        ),
        (
            Method::GET,
            "/responses/{id}/outcome",
            get(responses::outcome),
        ),
    ]
}

pub fn router() -> Router<SharedStore> {
    routes()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        })
        .fallback(|| async { error::ApiError(app::error::AppError::NotFound) })
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations",
    responses((status = 200, body = Object, description = "OpenAPI 3.1")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// Whether the database answers (outside `/api/v1`: `GET /healthz`).
#[utoipa::path(get, path = "/healthz", tag = "operations",
    responses((status = 200, body = bodies::Health), (status = 503, body = bodies::Health)))]
pub async fn healthz(State(store): State<SharedStore>) -> (StatusCode, Json<bodies::Health>) {
    let (status, text) = match store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    };
    (
        status,
        Json(bodies::Health {
            status: text.into(),
        }),
    )
}

/// Whether this server can serve: the database answers and holds every migration this
/// server ships (outside `/api/v1`: `GET /readyz`).
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = bodies::Health), (status = 503, body = bodies::Health)))]
pub async fn readyz(State(store): State<SharedStore>) -> (StatusCode, Json<bodies::Health>) {
    let (status, text) = match store.ready().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable")
        }
    };
    (
        status,
        Json(bodies::Health {
            status: text.into(),
        }),
    )
}

/// The next question of a response, in its language, or `null`.
fn next_view(loaded: &Loaded) -> Option<app::views::QuestionView> {
    loaded
        .next_question()
        .map(|q| app::views::build::question_view(&loaded.definition, q, &loaded.response.locale))
}
