//! The response routes, all authorised by the `X-Response-Token` header: a missing header is
//! 400, a wrong token 404 (the same as an unknown id, so ids cannot be probed).

use axum::Json;
use axum::extract::{Path, State};

use app::domain::answer::AnswerValue;
use app::domain::ids::{ResponseId, ResumeToken};
use app::error::AppError;
use app::ssr::found;
use app::ssr::journey::{self, Completion, Loaded};
use app::ssr::requests::AnswerRequest;
use app::ssr::store::SharedStore;

use super::bodies::{Answered, OutcomeBody, ResponseState};
use super::error::{ApiError, ErrorBody};
use super::extract::{Language, LocaleQuery, ResponseToken, ValidJson};
use super::next_view;

/// The response `id`, if `token` is its token (else 404, as for an unknown id).
async fn authorised(
    store: &SharedStore,
    id: &str,
    token: &ResumeToken,
) -> Result<Loaded, ApiError> {
    let id = found(ResponseId::parse(id))?;
    Ok(journey::load_by_id(store.as_ref(), &id, token).await?)
}

/// Complete (or confirm) the response and answer with its outcome.
async fn finish(
    store: &SharedStore,
    loaded: &mut Loaded,
    language: &Language,
) -> Result<Json<OutcomeBody>, ApiError> {
    match journey::complete(store.as_ref(), loaded).await? {
        Completion::Completed(outcome) => Ok(Json(outcome_body(loaded, &outcome, language))),
        Completion::Unfinished { next } => Err(AppError::Conflict(format!(
            "question `{next}` is neither answered nor skipped"
        ))
        .into()),
    }
}

/// An outcome as the API shows it: the same view as the result page, its reasons in the
/// interface language the client asked for (see [`Language`]).
fn outcome_body(
    loaded: &Loaded,
    outcome: &app::domain::recommend::Outcome,
    language: &Language,
) -> OutcomeBody {
    let locale = &loaded.response.locale;
    OutcomeBody {
        outcome: app::views::build::outcome_view(
            &loaded.definition,
            &loaded.answers,
            outcome,
            locale,
            language.interface(Some(locale)),
        ),
        completed_at: loaded.response.completed_at,
    }
}

/// Answer (or change the answer to) one question.
#[utoipa::path(put, path = "/api/v1/responses/{id}/answers/{question_key}", tag = "responses",
    params(("id" = String, Path), ("question_key" = String, Path),
        ("X-Response-Token" = String, Header, description = "the token from the start")),
    request_body = AnswerRequest,
    responses(
        (status = 200, body = Answered),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "answered out of order, or the response is completed"),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many answers from this client",
            headers(("retry-after" = u64, description = "seconds to wait"))),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn put_answer(
    State(store): State<SharedStore>,
    Path((id, question_key)): Path<(String, String)>,
    ResponseToken(token): ResponseToken,
    ValidJson(request): ValidJson<AnswerRequest>,
) -> Result<Json<Answered>, ApiError> {
    let mut loaded = authorised(&store, &id, &token).await?;
    let answered = journey::answer(store.as_ref(), &mut loaded, &question_key, |q| {
        AnswerValue::from_json(q, &request.value)
    })
    .await?;
    Ok(Json(Answered {
        next: next_view(&loaded),
        insight: (!answered.insights.is_empty()).then(|| answered.insights.join("\n\n")),
        insights: answered.insights,
    }))
}

/// The response as it stands.
#[utoipa::path(get, path = "/api/v1/responses/{id}", tag = "responses",
    params(("id" = String, Path), ("X-Response-Token" = String, Header)),
    responses(
        (status = 200, body = ResponseState),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn show(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    ResponseToken(token): ResponseToken,
) -> Result<Json<ResponseState>, ApiError> {
    let loaded = authorised(&store, &id, &token).await?;
    let answers = loaded.effective_answers();
    let next = next_view(&loaded);
    let r = loaded.response;
    Ok(Json(ResponseState {
        completed: r.completed_at.is_some(),
        id: r.id.to_string(),
        questionnaire: r.slug,
        locale: r.locale,
        consent: r.consent,
        touchpoint: r.touchpoint,
        started_at: r.started_at,
        completed_at: r.completed_at,
        answers,
        next,
    }))
}

/// Complete the response and get its outcome; repeating it returns the same outcome.
#[utoipa::path(post, path = "/api/v1/responses/{id}/complete", tag = "responses",
    params(("id" = String, Path), ("X-Response-Token" = String, Header), LocaleQuery),
    responses(
        (status = 200, body = OutcomeBody),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "a shown question is neither answered nor skipped"),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn complete(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    ResponseToken(token): ResponseToken,
    language: Language,
) -> Result<Json<OutcomeBody>, ApiError> {
    let mut loaded = authorised(&store, &id, &token).await?;
    finish(&store, &mut loaded, &language).await
}

/// The outcome of a completed response.
#[utoipa::path(get, path = "/api/v1/responses/{id}/outcome", tag = "responses",
    params(("id" = String, Path), ("X-Response-Token" = String, Header), LocaleQuery),
    responses(
        (status = 200, body = OutcomeBody),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "the response is not completed yet"),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn outcome(
    State(store): State<SharedStore>,
    Path(id): Path<String>,
    ResponseToken(token): ResponseToken,
    language: Language,
) -> Result<Json<OutcomeBody>, ApiError> {
    let mut loaded = authorised(&store, &id, &token).await?;
    if !loaded.is_completed() {
        return Err(AppError::Conflict("the response is not completed yet".into()).into());
    }
    finish(&store, &mut loaded, &language).await
}
