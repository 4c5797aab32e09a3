//! Percorso's Leptos library: the pure domain, the pages and components, and the server
//! functions that connect them. Compiled natively with `ssr` for the server and to wasm with
//! `hydrate` for the browser.

pub mod domain;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
}
