//! The one error type that crosses the wire, from server functions to the page and from REST
//! handlers to clients. Each variant documents its HTTP status. Internal details are logged
//! on the server and never sent.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 404: no such questionnaire or response, or a wrong token.
    #[error("not found")]
    NotFound,
    /// 422: the input named by `field` is not acceptable; `code` is stable for clients.
    #[error("{field}: {message}")]
    Invalid {
        field: String,
        code: String,
        message: String,
    },
    /// 409: the request conflicts with the current state (e.g. answering a completed response).
    #[error("{0}")]
    Conflict(String),
    /// 503: the database does not answer.
    #[error("the service is temporarily unavailable")]
    Unavailable,
    /// 500: a fault on our side; the details are in the server log.
    #[error("internal error")]
    Internal,
    /// Transport or decoding errors of the server-function machinery itself.
    #[error("{0}")]
    ServerFn(ServerFnErrorErr),
}

impl AppError {
    pub fn invalid(
        field: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        AppError::Invalid {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Invalid { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::ServerFn(
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_),
            ) => 400,
            AppError::ServerFn(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

/// Errors of the storage layer, mapped to [`AppError`] at the edge.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("database unavailable: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Other(String),
}

#[cfg(feature = "ssr")]
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::Unavailable(detail) => {
                tracing::error!(%detail, "database unavailable");
                AppError::Unavailable
            }
            StoreError::Other(detail) => {
                tracing::error!(%detail, "database error");
                AppError::Internal
            }
        }
    }
}
