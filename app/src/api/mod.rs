//! Server functions (called by the pages, with or without JavaScript) and the screen types
//! they return.

pub mod journey;
pub mod screens;
