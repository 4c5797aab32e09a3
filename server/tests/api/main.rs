//! One integration-test binary: the store contract on both databases and the HTTP surface.

mod cli;
mod demos;
mod http;
mod store_contract;
mod support;
