//! One integration-test binary: the store contract on both databases and the HTTP surface.

mod cli;
mod client;
mod demos;
mod durability;
mod errors;
mod headers;
mod live;
mod openapi;
mod openapi_doc;
mod operations;
mod pages;
mod refusals;
mod rest;
mod security;
mod serving;
mod snapshots;
mod store_contract;
mod support;
