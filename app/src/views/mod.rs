//! The journey as the reader sees it: screen and view types shared by the pages, the server
//! functions and the REST API, and (on the server) the pure functions that build them from a
//! definition and answers. Below both `api` and `ssr`, so neither imports the other for them.

#[cfg(feature = "ssr")]
pub mod build;
mod screens;

pub use screens::*;
