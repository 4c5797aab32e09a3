//! Any URL that matches no route: a 404 page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::components::error_view::ErrorView;

#[component]
pub fn NotFound(locale: String) -> impl IntoView {
    view! {
        <main id="main">
            <ErrorView locale=locale error=AppError::NotFound />
        </main>
    }
}
