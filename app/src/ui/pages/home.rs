//! `/`: the published assessments.

use leptos::prelude::*;

use crate::ui::components::page_title::PageTitle;
use leptos_i18n::{Locale as _, td_string};
use leptos_router::hooks::use_query_map;

use crate::api::journey::load_home;
use crate::ui::components::header::Header;
use crate::ui::components::screen_loader::screen_loader;

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let lang = move || query.read().get("lang");
    let screen = Resource::new(lang, load_home);
    screen_loader(screen, move |s| {
        let (ui, locale) = (s.ui, s.locale.clone());
        let empty = s.cards.is_empty();
        let cards = s
            .cards
            .into_iter()
            .map(|c| {
                view! {
                    <li class="card assessment">
                        <h2>{c.title}</h2>
                        <p>{c.description}</p>
                        <p class="meta">{td_string!(ui, question_count, n = c.questions)}</p>
                        <a class="button primary" href=crate::paths::with_query(&crate::paths::start(&c.slug), "lang", &locale)>
                            {td_string!(ui, start_cta)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <PageTitle text=td_string!(ui, app_name) />
            <Header ui=ui lang=ui.as_str().to_string() locales=crate::locale::locales().iter().map(|l| l.as_str().to_string()).collect() />
            <main id="main">
                <h1>{td_string!(ui, home_title)}</h1>
                <p class="lead">{td_string!(ui, tagline)}</p>
                {empty.then(|| view! { <p>{td_string!(ui, home_empty)}</p> })}
                <ul class="cards">{cards}</ul>
            </main>
        }
    })
}
