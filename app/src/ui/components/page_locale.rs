//! The interface language of the page being shown, in context for everything below the
//! router: `?lang` if the interface speaks it, else what the browser's `Accept-Language`
//! asked the server for, else English (see [`crate::locale::choose`]). Error pages and the 404
//! page speak it; a page whose screen loaded speaks the screen's `ui`, which the server
//! decided with the same function, also knowing the response's language.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::Locale;

#[derive(Debug, Clone, Copy)]
struct PageLocale(Memo<Locale>);

/// Provides the page's language to `children`; inside the router, which reads `?lang`.
#[component]
pub fn PageLocaleProvider(children: Children) -> impl IntoView {
    // Only the server sees `Accept-Language`: what it negotiated travels with the page, so the
    // browser decides the same while hydrating, and again when `?lang` changes.
    let accepted = SharedValue::new(accepted_by_the_request).into_inner();
    let query = use_query_map();
    let locale = Memo::new(move |_| {
        crate::locale::choose(query.read().get("lang").as_deref(), None, accepted)
    });
    provide_context(PageLocale(locale));
    children()
}

fn accepted_by_the_request() -> Option<Locale> {
    #[cfg(feature = "ssr")]
    return crate::ssr::accepted_locale();
    #[cfg(not(feature = "ssr"))]
    return None;
}

/// The page's interface language; English outside a [`PageLocaleProvider`].
pub fn page_locale() -> Locale {
    use_context::<PageLocale>()
        .map(|p| p.0.get_untracked())
        .unwrap_or_default()
}
