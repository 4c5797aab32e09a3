//! How server functions send their answers and errors: JSON, read from text.
//!
//! A page's screen reaches the browser twice: inside the server-rendered page, where Leptos
//! reads a resource's value with `serde_json::from_str`, and as the body of a server-function
//! call during client-side navigation, which `server_fn`'s own JSON encoding reads with
//! `serde_json::from_slice`. serde_json compiles every `Deserialize` once per reader, so the
//! wasm carried each screen's decoder twice. Reading bodies as text, like the resources do,
//! keeps one copy. The bytes on the wire are the same JSON as before.

use leptos::server_fn::codec::Post;
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// JSON, decoded from a string (see the module's documentation).
pub struct JsonTextEncoding;

/// The output encoding of the journey's server functions.
pub type JsonText = Post<JsonTextEncoding>;

impl ContentType for JsonTextEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonTextEncoding {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, Self::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonTextEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text =
            std::str::from_utf8(&bytes).map_err(<serde_json::Error as serde::de::Error>::custom)?;
        serde_json::from_str(text)
    }
}
