//! The one error type that crosses the wire, from server functions to the page and from REST
//! handlers to clients. Each variant decides its HTTP status in [`AppError::status`], the only
//! place a status is chosen: REST responses, server-function responses (through the server's
//! status middleware) and pages (through the error view) all read it. Internal details are
//! logged on the server and never sent.

use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 400: the request could not be read (malformed JSON, a missing header or field).
    #[error("{field}: {message}")]
    BadRequest { field: String, message: String },
    /// 404: no such questionnaire or response, or a wrong token.
    #[error("not found")]
    NotFound,
    /// 409: the request conflicts with the current state (e.g. answering a completed response).
    #[error("{0}")]
    Conflict(String),
    /// 415: the body is not `application/json`.
    #[error("send the body as application/json")]
    UnsupportedMediaType,
    /// 422: the input named by `field` is not acceptable; `code` is stable for clients.
    #[error("{field}: {message}")]
    Invalid {
        field: String,
        code: String,
        message: String,
    },
    /// 500: a fault on our side; the details are in the server log.
    #[error("internal error")]
    Internal,
    /// 503: the database does not answer; retrying later helps.
    #[error("the service is temporarily unavailable")]
    Unavailable,
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

    pub fn bad_request(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::BadRequest {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status of this error, everywhere it is answered.
    pub fn status(&self) -> u16 {
        match self {
            AppError::BadRequest { .. } => 400,
            AppError::NotFound => 404,
            AppError::Conflict(_) => 409,
            AppError::UnsupportedMediaType => 415,
            AppError::Invalid { .. } => 422,
            AppError::Internal => 500,
            AppError::Unavailable => 503,
            AppError::ServerFn(
                ServerFnErrorErr::Args(_)
                | ServerFnErrorErr::MissingArg(_)
                | ServerFnErrorErr::Deserialization(_),
            ) => 400,
            AppError::ServerFn(_) => 500,
        }
    }

    /// The stable name of this kind of error, the `error` of a REST error body.
    pub fn kind(&self) -> &'static str {
        match self {
            // 400 and 422 share a name (clients tell them apart by status and `details.code`).
            AppError::BadRequest { .. } | AppError::Invalid { .. } => "invalid_input",
            AppError::NotFound => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::UnsupportedMediaType => "unsupported_media_type",
            AppError::Unavailable => "unavailable",
            AppError::ServerFn(_) if self.status() == 400 => "invalid_input",
            AppError::Internal | AppError::ServerFn(_) => "internal",
        }
    }
}

impl AppError {
    /// One error of each kind with the status it must answer: the table the status tests of
    /// REST, server functions and pages share, so a new variant is tested on every path.
    #[doc(hidden)]
    pub fn samples() -> Vec<(AppError, u16)> {
        vec![
            (AppError::bad_request("body", "x"), 400),
            (AppError::NotFound, 404),
            (AppError::Conflict("x".into()), 409),
            (AppError::UnsupportedMediaType, 415),
            (AppError::invalid("value", "required", "x"), 422),
            (AppError::Internal, 500),
            (AppError::Unavailable, 503),
            (
                AppError::ServerFn(ServerFnErrorErr::MissingArg("x".into())),
                400,
            ),
            (
                AppError::ServerFn(ServerFnErrorErr::Request("x".into())),
                500,
            ),
        ]
    }
}

impl FromServerFnError for AppError {
    // JSON read from text, as the pages' resources read it: one decoder in the wasm.
    type Encoder = crate::api::codec::JsonTextEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::ServerFn(value)
    }
}

/// Errors of the storage layer, mapped to [`AppError`] at the edge. Their texts are for the
/// log; a client sees only the fixed text of a [`StoreError::Conflict`].
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A constraint refused the write; the text is fixed by the store, never the database's.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_its_status() {
        for (error, status) in AppError::samples() {
            assert_eq!(error.status(), status, "{error:?}");
        }
        // A variant missing from the samples would go untested on the three paths; a new
        // variant stops this match from compiling until it is numbered (and sampled).
        let variant = |e: &AppError| match e {
            AppError::BadRequest { .. } => 0,
            AppError::NotFound => 1,
            AppError::Conflict(_) => 2,
            AppError::UnsupportedMediaType => 3,
            AppError::Invalid { .. } => 4,
            AppError::Internal => 5,
            AppError::Unavailable => 6,
            AppError::ServerFn(_) => 7,
        };
        let sampled: std::collections::BTreeSet<i32> = AppError::samples()
            .iter()
            .map(|(e, _)| variant(e))
            .collect();
        assert_eq!(sampled, (0..8).collect());
    }
}
