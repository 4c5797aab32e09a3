//! Percorso's Leptos library: the pure domain, the pages and components, and the server
//! functions that connect them. Compiled natively with `ssr` for the server and to wasm with
//! `hydrate` for the browser.

pub mod api;
pub mod app;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod paths;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod ui;
pub mod views;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Lets browser tests (and curious humans) tell an enhanced page from a plain one.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
