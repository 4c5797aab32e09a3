//! A page-level error: not found, or something that went wrong on our side.

use leptos::prelude::*;
use leptos_meta::Html;

use crate::error::AppError;
use crate::i18n::{Msg, t};

#[component]
pub fn ErrorView(locale: String, error: AppError) -> impl IntoView {
    let (title, body) = match error {
        AppError::NotFound => (t(&locale, Msg::NotFound), t(&locale, Msg::NotFoundBody)),
        _ => (t(&locale, Msg::ErrorTitle), t(&locale, Msg::ErrGeneric)),
    };
    view! {
        <Html attr:lang=locale.clone() />
        <section class="card error-page" role="alert">
            <h1>{title}</h1>
            <p>{body}</p>
            <p>
                <a class="button secondary" href="/">{t(&locale, Msg::GoHome)}</a>
            </p>
        </section>
    }
}
