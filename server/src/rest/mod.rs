//! The JSON API under `/api/v1` for kiosks, apps and integrators, and `/healthz`. Handlers
//! are thin: parse, call [`app::ssr::journey`], shape JSON.

mod body;
pub mod error;
mod questionnaires;
mod responses;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use serde_json::{Value, json};

use app::domain::flow::{effective_answers, next_question};
use app::domain::recommend::Outcome;
use app::ssr::journey::{self, Loaded};
use app::ssr::store::SharedStore;

pub use responses::TOKEN_HEADER;

pub fn router() -> Router<SharedStore> {
    Router::new()
        .route("/questionnaires", get(questionnaires::list))
        .route("/questionnaires/{slug}", get(questionnaires::show))
        .route(
            "/questionnaires/{slug}/responses",
            post(questionnaires::start),
        )
        .route("/responses/{id}", get(responses::show))
        .route(
            "/responses/{id}/answers/{question_key}",
            put(responses::put_answer),
        )
        .route("/responses/{id}/complete", post(responses::complete))
        .route("/responses/{id}/outcome", get(responses::outcome))
        .fallback(|| async { error::ApiError(app::error::AppError::NotFound) })
}

pub async fn healthz(State(store): State<SharedStore>) -> (StatusCode, axum::Json<Value>) {
    match store.ping().await {
        Ok(()) => (StatusCode::OK, axum::Json(json!({ "status": "ok" }))),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(json!({ "status": "unavailable" })),
            )
        }
    }
}

/// The next question of a response, in its language, or `null`.
fn next_view(loaded: &Loaded) -> Option<app::api::screens::QuestionView> {
    let def = &loaded.definition;
    next_question(def, &effective_answers(def, &loaded.answers))
        .map(|q| journey::question_view(def, q, &loaded.response.locale))
}

/// An outcome as the API shows it.
fn outcome_json(loaded: &Loaded, outcome: &Outcome) -> Value {
    let view = journey::outcome_view(
        &loaded.definition,
        &loaded.answers,
        outcome,
        &loaded.response.locale,
    );
    let traits: serde_json::Map<String, Value> = view
        .traits
        .iter()
        .map(|t| (t.key.clone(), json!(t.score)))
        .collect();
    json!({
        "persona": view.persona.map(|p| json!({
            "key": p.key, "name": p.name, "confidence": p.confidence, "description": p.description, "reasons": p.reasons,
        })),
        "traits": traits,
        "stage": outcome.stage,
        "goals": outcome.goals,
        "insights": view.insights,
        "offers": view.offers.into_iter().map(|o| json!({
            "key": o.key, "title": o.title, "score": o.score, "url": o.url, "reasons": o.reasons,
        })).collect::<Vec<_>>(),
        "learning_path": view.learning_path.map(|p| json!({
            "key": p.key, "title": p.title, "description": p.description, "steps": p.steps, "reasons": p.reasons,
        })),
        "completed_at": loaded.response.completed_at,
    })
}
