//! How errors look to API clients: the status [`AppError::status`] decides, and a typed
//! `{error, details}` body. Internal details stay in the log.

use app::error::AppError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// An [`AppError`] as an HTTP response.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<app::error::StoreError> for ApiError {
    fn from(e: app::error::StoreError) -> Self {
        ApiError(e.into())
    }
}

impl From<app::ssr::journey::Refused> for ApiError {
    fn from(e: app::ssr::journey::Refused) -> Self {
        ApiError(e.into())
    }
}

/// Every error body of the API.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// `invalid_input` (400 and 422), `not_found`, `method_not_allowed`, `timeout`,
    /// `conflict`, `too_large` (413, 414, 431), `unsupported_media_type`, `rate_limited`,
    /// `internal` or `unavailable`.
    #[schema(example = "invalid_input")]
    pub error: String,
    pub details: ErrorDetails,
}

/// What to fix, when the client can fix something.
#[derive(Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorDetails {
    /// The field, header or path segment at fault, e.g. `value` or `touchpoint`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// A stable code for the rule that failed, e.g. `out_of_range`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A sentence for a developer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

impl ErrorBody {
    pub fn of(error: &AppError) -> ErrorBody {
        let details = match error {
            AppError::BadRequest { field, message } => ErrorDetails {
                field: Some(field.clone()),
                code: Some("bad_request".into()),
                message: Some(message.clone()),
            },
            AppError::Invalid {
                field,
                code,
                message,
            } => ErrorDetails {
                field: Some(field.clone()),
                code: Some(code.clone()),
                message: Some(message.clone()),
            },
            AppError::Conflict(message) => ErrorDetails {
                message: Some(message.clone()),
                ..Default::default()
            },
            AppError::UnsupportedMediaType => ErrorDetails {
                field: Some("Content-Type".into()),
                message: Some(error.to_string()),
                ..Default::default()
            },
            AppError::TooLarge(part) => ErrorDetails {
                field: Some(part.name().into()),
                message: Some(error.to_string()),
                ..Default::default()
            },
            AppError::MethodNotAllowed | AppError::Timeout | AppError::RateLimited { .. } => {
                ErrorDetails {
                    message: Some(error.to_string()),
                    ..Default::default()
                }
            }
            _ => ErrorDetails::default(),
        };
        ErrorBody {
            error: error.kind().into(),
            details,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, Json(ErrorBody::of(&self.0))).into_response();
        retry_after(&self.0, &mut res);
        res
    }
}

/// `Retry-After` on an answer to a client that must wait, whatever the body's form.
pub fn retry_after(error: &AppError, res: &mut Response) {
    if let AppError::RateLimited { retry_after } = error {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
    }
}
