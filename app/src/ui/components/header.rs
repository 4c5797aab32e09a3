//! The top bar: the product name and the language switch.

use leptos::prelude::*;
use leptos_meta::Html;
use leptos_router::hooks::use_location;

use crate::i18n::{Msg, t};

fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "it" => "Italiano",
        other => other,
    }
}

/// `locales` are the languages the current page can be read in; `locale` is the current one.
#[component]
pub fn Header(locale: String, locales: Vec<String>) -> impl IntoView {
    let path = use_location().pathname;
    let links = locales
        .into_iter()
        .map(|code| {
            let current = code == locale;
            let name = language_name(&code).to_string();
            let target = code.clone();
            let href = move || format!("{}?lang={}", path.get(), target);
            view! {
                <li>
                    <a href=href hreflang=code.clone() lang=code.clone() aria-current=current.then_some("true")>
                        {name}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <Html attr:lang=locale.clone() />
        <header class="site-header">
            <a class="brand" href=format!("/?lang={locale}")>{t(&locale, Msg::AppName)}</a>
            <nav aria-label=t(&locale, Msg::Language)>
                <ul class="langs">{links}</ul>
            </nav>
        </header>
    }
}
