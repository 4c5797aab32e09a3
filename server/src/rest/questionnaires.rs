//! `GET /api/v1/questionnaires`, `GET /api/v1/questionnaires/{slug}` and
//! `POST /api/v1/questionnaires/{slug}/responses`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use validator::Validate;

use app::ssr::journey::{self, StartInput};
use app::ssr::store::SharedStore;

use super::error::ApiError;
use super::{body, next_view};

#[derive(Debug, Deserialize)]
pub struct LocaleQuery {
    locale: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    slug: String,
    title: String,
    locales: Vec<String>,
    version: i32,
}

/// The language to answer in: `?locale=`, else `Accept-Language`, else the questionnaire's.
fn wanted_locale(query: &LocaleQuery, headers: &HeaderMap) -> String {
    if let Some(l) = &query.locale {
        return l.clone();
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| app::i18n::negotiate(h, &app::i18n::LOCALES))
        .unwrap_or_default()
}

pub async fn list(
    State(store): State<SharedStore>,
    Query(query): Query<LocaleQuery>,
    headers: HeaderMap,
) -> Result<Json<Vec<Summary>>, ApiError> {
    let wanted = wanted_locale(&query, &headers);
    let versions = store.list_published().await?;
    Ok(Json(
        versions
            .into_iter()
            .map(|v| {
                let def = v.definition;
                let locale = def.pick_locale(&wanted);
                Summary {
                    title: def.title.get(&locale, def.default_locale()).to_string(),
                    slug: def.slug,
                    locales: def.locales,
                    version: v.number,
                }
            })
            .collect(),
    ))
}

pub async fn show(
    State(store): State<SharedStore>,
    Path(slug): Path<String>,
) -> Result<impl IntoResponse, ApiError> {
    let version = store
        .current_version(&slug)
        .await?
        .ok_or(app::error::AppError::NotFound)?;
    Ok((
        [("x-questionnaire-version", version.number.to_string())],
        Json(version.definition),
    ))
}

/// `{locale?, touchpoint?, consent}`.
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct StartRequest {
    #[validate(length(min = 2, max = 3, message = "use a two- or three-letter language code"))]
    locale: Option<String>,
    #[validate(length(min = 1, max = 64, message = "use 1 to 64 characters"))]
    touchpoint: Option<String>,
    consent: bool,
}

pub async fn start(
    State(store): State<SharedStore>,
    Path(slug): Path<String>,
    bytes: Bytes,
) -> Result<impl IntoResponse, ApiError> {
    let req: StartRequest = body::parse(&bytes)?;
    req.validate().map_err(journey::invalid_from)?;
    if req.touchpoint.is_some() && journey::clean_touchpoint(req.touchpoint.as_deref()).is_none() {
        return Err(app::error::AppError::invalid(
            "touchpoint",
            "touchpoint",
            "use letters, digits, '-', '_' and '.'",
        )
        .into());
    }
    let input = StartInput {
        locale: req.locale,
        touchpoint: req.touchpoint,
        consent: req.consent,
    };
    let loaded = journey::start(store.as_ref(), &slug, input).await?;
    let body = serde_json::json!({
        "id": loaded.response.id,
        "token": loaded.token,
        "locale": loaded.response.locale,
        "next": next_view(&loaded),
    });
    Ok((StatusCode::CREATED, Json(body)))
}
