//! The journey as the reader sees it: screen and view types shared by the pages, the server
//! functions and the REST API, and (on the server) the pure functions that build them from a
//! definition and answers, with reasons worded in the interface's language. Below both `api` and `ssr`, so neither imports the other for them.

#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
pub mod reasons;
mod screens;

pub use screens::*;
