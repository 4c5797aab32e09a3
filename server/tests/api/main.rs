//! One integration-test binary: the store contract on both databases and the HTTP surface.

mod http;
mod store_contract;
mod support;
