//! The response routes, all authorised by the `X-Response-Token` header: a missing header is
//! 400, a wrong token 404 (the same as an unknown id, so ids cannot be probed).

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::{Value, json};

use app::domain::answer::AnswerValue;
use app::domain::flow::effective_answers;
use app::error::AppError;
use app::ssr::journey::{self, Loaded};
use app::ssr::store::SharedStore;

use super::error::ApiError;
use super::{body, next_view, outcome_json};

pub const TOKEN_HEADER: &str = "x-response-token";

async fn authorised(
    store: &SharedStore,
    id: &str,
    headers: &HeaderMap,
) -> Result<Loaded, ApiError> {
    let token = headers
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::bad_request("X-Response-Token", "send the response token in this header")
        })?;
    Ok(journey::load_by_id(store.as_ref(), id, token).await?)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    value: Value,
}

pub async fn put_answer(
    State(store): State<SharedStore>,
    Path((id, question_key)): Path<(String, String)>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<Json<Value>, ApiError> {
    let mut loaded = authorised(&store, &id, &headers).await?;
    let req: AnswerRequest = body::parse(&bytes)?;
    let answered = journey::answer(store.as_ref(), &mut loaded, &question_key, |q| {
        AnswerValue::from_json(q, &req.value)
    })
    .await?;
    let insight = (!answered.insights.is_empty()).then(|| answered.insights.join("\n\n"));
    Ok(Json(json!({
        "next": next_view(&loaded),
        "insight": insight,
        "insights": answered.insights,
    })))
}

pub async fn show(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let loaded = authorised(&store, &id, &headers).await?;
    let answers = effective_answers(&loaded.definition, &loaded.answers);
    let next = next_view(&loaded);
    Ok(Json(json!({
        "id": loaded.response.id,
        "questionnaire": loaded.response.slug,
        "locale": loaded.response.locale,
        "consent": loaded.response.consent,
        "touchpoint": loaded.response.touchpoint,
        "started_at": loaded.response.started_at,
        "completed_at": loaded.response.completed_at,
        "answers": answers,
        "completed": next.is_none() && loaded.response.completed_at.is_some(),
        "next": next,
    })))
}

pub async fn complete(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let mut loaded = authorised(&store, &id, &headers).await?;
    let outcome = journey::complete(store.as_ref(), &mut loaded).await?;
    Ok(Json(outcome_json(&loaded, &outcome)))
}

pub async fn outcome(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let loaded = authorised(&store, &id, &headers).await?;
    let outcome = loaded
        .response
        .outcome
        .clone()
        .ok_or_else(|| AppError::Conflict("the response is not completed yet".into()))?;
    Ok(Json(outcome_json(&loaded, &outcome)))
}
