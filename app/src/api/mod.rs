//! Server functions, called by the pages with or without JavaScript. The screen types they
//! return live in [`crate::views`].

pub mod codec;
pub mod journey;
