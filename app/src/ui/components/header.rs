//! The top bar: the product name and the language switch.

use leptos::prelude::*;
use leptos_i18n::td_string;
use leptos_meta::Html;
use leptos_router::hooks::use_location;

use crate::i18n::Locale;

/// A language's name in that language, from its own translation file; a language only the
/// questionnaire speaks is shown by its code.
fn language_name(code: &str) -> String {
    match crate::locale::spoken(code) {
        Some(l) => td_string!(l, language_name).to_string(),
        None => code.to_string(),
    }
}

/// `ui` is the interface's language; `lang` the page's (its main text: the questionnaire's,
/// on the pages of an assessment); `locales` the languages the page can be read in.
#[component]
pub fn Header(ui: Locale, lang: String, locales: Vec<String>) -> impl IntoView {
    let path = use_location().pathname;
    let links = locales
        .into_iter()
        .map(|code| {
            let current = code == lang;
            let name = language_name(&code);
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
        <Html attr:lang=lang.clone() />
        <header class="site-header">
            <a class="brand" href=format!("/?lang={lang}")>{td_string!(ui, app_name)}</a>
            <nav aria-label=td_string!(ui, language_menu)>
                <ul class="langs">{links}</ul>
            </nav>
        </header>
    }
}
