//! `GET /api/v1/questionnaires`, `GET /api/v1/questionnaires/{slug}` and
//! `POST /api/v1/questionnaires/{slug}/responses`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;

use app::domain::definition::Definition;
use app::domain::ids::Slug;
use app::error::AppError;
use app::ssr::requests::StartRequest;
use app::ssr::store::SharedStore;
use app::ssr::{found, journey};

use super::bodies::{QuestionnaireSummary, Started};
use super::error::{ApiError, ErrorBody};
use super::extract::{Language, LocaleQuery, ValidJson};
use super::next_view;

/// The published questionnaires, each title in the language asked for if the questionnaire
/// has it (else English, else the questionnaire's first language).
#[utoipa::path(get, path = "/api/v1/questionnaires", tag = "questionnaires", params(LocaleQuery),
    responses(
        (status = 200, body = Vec<QuestionnaireSummary>),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn list(
    State(store): State<SharedStore>,
    language: Language,
) -> Result<Json<Vec<QuestionnaireSummary>>, ApiError> {
    let wanted = language.content_wanted();
    let versions = store.list_published().await?;
    Ok(Json(
        versions
            .into_iter()
            .map(|v| {
                let def = v.definition;
                let locale = def.pick_locale(wanted);
                QuestionnaireSummary {
                    title: def.title.get(&locale, def.default_locale()).to_string(),
                    slug: def.slug.clone(),
                    locales: def.locales.clone(),
                    version: v.number,
                }
            })
            .collect(),
    ))
}

/// The current published definition (format 1; see `definition.schema.json`).
#[utoipa::path(get, path = "/api/v1/questionnaires/{slug}", tag = "questionnaires",
    params(("slug" = String, Path)),
    responses(
        (status = 200, body = Object, description = "the definition",
            headers(("x-questionnaire-version" = i32, description = "the version number"))),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn show(
    State(store): State<SharedStore>,
    Path(slug): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let version = store
        .current_version(&found(Slug::parse(&slug))?)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut definition = Definition::clone(&version.definition);
    app::domain::link::strip_unsafe_links(&mut definition);
    Ok((
        [("x-questionnaire-version", version.number.to_string())],
        Json(definition),
    ))
}

/// Start a response on the current version.
#[utoipa::path(post, path = "/api/v1/questionnaires/{slug}/responses", tag = "responses",
    params(("slug" = String, Path)), request_body = StartRequest,
    responses(
        (status = 201, body = Started),
        (status = 400, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many starts from this client",
            headers(("retry-after" = u64, description = "seconds to wait"))),
        (status = 500, body = ErrorBody), (status = 503, body = ErrorBody),
    ))]
pub async fn start(
    State(store): State<SharedStore>,
    Path(slug): Path<String>,
    ValidJson(request): ValidJson<StartRequest>,
) -> Result<(StatusCode, Json<Started>), ApiError> {
    let slug = found(Slug::parse(&slug))?;
    let loaded = journey::start(store.as_ref(), &slug, &request).await?;
    let body = Started {
        next: next_view(&loaded),
        id: loaded.response.id.to_string(),
        token: loaded.token.to_string(),
        locale: loaded.response.locale,
    };
    Ok((StatusCode::CREATED, Json(body)))
}
