//! Any URL that matches no route: a 404 page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::components::error_view::ErrorView;

#[component]
pub fn NotFound(locale: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <main id="main">
            <ErrorView locale=locale error=AppError::NotFound />
        </main>
    }
}
