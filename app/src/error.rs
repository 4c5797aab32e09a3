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
    /// 405: the address exists, not with this method.
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    /// 408: the request did not arrive, or was not answered, in time.
    #[error("the request took too long")]
    Timeout,
    /// 413 (body), 414 (address) or 431 (headers): that part of the request is too large.
    #[error("the request's {0} is too large")]
    TooLarge(RequestPart),
    /// 429: this client sent too many requests; `retry_after` seconds from now it may again.
    #[error("too many requests; retry in {retry_after} s")]
    RateLimited { retry_after: u64 },
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
            AppError::MethodNotAllowed => 405,
            AppError::Timeout => 408,
            AppError::TooLarge(RequestPart::Body) => 413,
            AppError::TooLarge(RequestPart::Uri) => 414,
            AppError::TooLarge(RequestPart::Headers) => 431,
            AppError::RateLimited { .. } => 429,
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
            AppError::MethodNotAllowed => "method_not_allowed",
            AppError::Timeout => "timeout",
            AppError::TooLarge(_) => "too_large",
            AppError::RateLimited { .. } => "rate_limited",
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
            (AppError::MethodNotAllowed, 405),
            (AppError::Timeout, 408),
            (AppError::TooLarge(RequestPart::Body), 413),
            (AppError::TooLarge(RequestPart::Uri), 414),
            (AppError::TooLarge(RequestPart::Headers), 431),
            (AppError::RateLimited { retry_after: 1 }, 429),
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

/// The part of a request that can be too large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestPart {
    Body,
    Uri,
    Headers,
}

impl RequestPart {
    /// How an error body names it (`details.field`).
    pub fn name(self) -> &'static str {
        match self {
            RequestPart::Body => "body",
            RequestPart::Uri => "uri",
            RequestPart::Headers => "headers",
        }
    }
}

impl std::fmt::Display for RequestPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RequestPart::Body => "body",
            RequestPart::Uri => "address",
            RequestPart::Headers => "header section",
        })
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
            AppError::MethodNotAllowed => 8,
            AppError::Timeout => 9,
            AppError::TooLarge(_) => 10,
            AppError::RateLimited { .. } => 11,
        };
        let sampled: std::collections::BTreeSet<i32> = AppError::samples()
            .iter()
            .map(|(e, _)| variant(e))
            .collect();
        assert_eq!(sampled, (0..12).collect());
    }
}
