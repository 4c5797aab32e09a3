//! Any URL that matches no route: a 404 page, in the page's language (`?lang`, else the
//! browser's).

use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::components::error_view::ErrorView;
use crate::ui::components::page_locale::page_locale;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <main id="main">
            <ErrorView ui=page_locale() error=AppError::NotFound />
        </main>
    }
}
