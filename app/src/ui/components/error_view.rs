//! A page-level error: not found, the service unavailable, or something that went wrong. The
//! one place a page takes its HTTP status from an error (the routes render in full before
//! they are sent, so the status can still be set here).

use leptos::prelude::*;

use super::page_title::PageTitle;
use leptos_i18n::{Locale as _, td_string};
use leptos_meta::Html;

use crate::error::AppError;
use crate::i18n::Locale;

/// `ui` is the page's interface language (see `page_locale`).
#[component]
pub fn ErrorView(ui: Locale, error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::StatusCode::from_u16(error.status()),
    ) {
        res.set_status(status);
    }
    let (title, body) = texts(ui, &error);
    view! {
        <Html attr:lang=ui.as_str() />
        <PageTitle text=title />
        <section class="card error-page" role="alert">
            <h1>{title}</h1>
            <p>{body}</p>
            <p>
                <a class="button secondary" href="/">{td_string!(ui, error.go_home)}</a>
            </p>
        </section>
    }
}

/// The title and the sentence a page shows for `error`; also used by the pages the server's
/// own layers answer with (`app::ssr::error_page`).
pub fn texts(ui: Locale, error: &AppError) -> (&'static str, &'static str) {
    match error {
        AppError::NotFound => (
            td_string!(ui, error.not_found),
            td_string!(ui, error.not_found_body),
        ),
        AppError::Unavailable => (
            td_string!(ui, error.unavailable_title),
            td_string!(ui, error.unavailable_body),
        ),
        _ => (
            td_string!(ui, error.title),
            td_string!(ui, answer_error.generic),
        ),
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::prelude::*;

    use super::ErrorView;
    use crate::error::AppError;
    use crate::i18n::Locale;

    #[test]
    fn a_page_takes_its_status_from_the_error() {
        for (error, _) in AppError::samples() {
            let owner = Owner::new();
            let status = owner.with(|| {
                let res = leptos_axum::ResponseOptions::default();
                provide_context(res.clone());
                leptos_meta::provide_meta_context();
                let e = error.clone();
                let _ = view! { <ErrorView ui=Locale::en error=e /> }.to_html();
                res.0.read().unwrap().status
            });
            assert_eq!(
                status.map(|s| s.as_u16()),
                Some(error.status()),
                "{error:?}"
            );
        }
    }
}
