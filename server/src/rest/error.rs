//! How errors look to API clients: a status and `{error, details}`. Internal details stay
//! in the log.

use app::error::AppError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

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

impl ApiError {
    /// A request that could not be read: 400, naming the field at fault.
    pub fn bad_request(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError(AppError::Invalid {
            field: field.into(),
            code: "bad_request".into(),
            message: message.into(),
        })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, error, details) = match &self.0 {
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", json!({})),
            AppError::Invalid {
                field,
                code,
                message,
            } => {
                let status = if code == "bad_request" {
                    StatusCode::BAD_REQUEST
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                };
                (
                    status,
                    "invalid_input",
                    json!({ "field": field, "code": code, "message": message }),
                )
            }
            AppError::Conflict(message) => (
                StatusCode::CONFLICT,
                "conflict",
                json!({ "message": message }),
            ),
            AppError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", json!({})),
            AppError::Internal | AppError::ServerFn(_) => {
                (StatusCode::INTERNAL_SERVER_ERROR, "internal", json!({}))
            }
        };
        (status, Json(json!({ "error": error, "details": details }))).into_response()
    }
}
