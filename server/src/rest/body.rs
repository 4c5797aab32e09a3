//! Reading JSON request bodies with errors that name the field at fault (axum's own `Json`
//! extractor answers in plain text).

use axum::body::Bytes;
use serde::de::DeserializeOwned;

use super::error::ApiError;

pub fn parse<T: DeserializeOwned>(body: &Bytes) -> Result<T, ApiError> {
    if body.is_empty() {
        return Err(ApiError::bad_request("body", "expected a JSON body"));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "body".to_string()
        } else {
            path
        };
        ApiError::bad_request(field, e.into_inner().to_string())
    })
}
