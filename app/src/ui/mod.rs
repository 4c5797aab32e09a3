//! Pages (one per route) and the components they are built from, one per file.

pub mod components;
pub mod pages;
