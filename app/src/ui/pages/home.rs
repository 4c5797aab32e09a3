//! `/`: the published assessments.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::journey::load_home;
use crate::i18n::{LOCALES, Msg, t};
use crate::ui::components::header::Header;
use crate::ui::components::screen_loader::screen_loader;

#[component]
pub fn HomePage() -> impl IntoView {
    let query = use_query_map();
    let lang = move || query.read().get("lang");
    let screen = Resource::new(lang, load_home);
    screen_loader(screen, move |s| {
        let locale = s.locale.clone();
        let empty = s.cards.is_empty();
        let cards = s
            .cards
            .into_iter()
            .map(|c| {
                view! {
                    <li class="card assessment">
                        <h2>{c.title}</h2>
                        <p>{c.description}</p>
                        <p class="meta">{format!("{} {}", c.questions, t(&locale, Msg::Questions))}</p>
                        <a class="button primary" href=crate::paths::with_query(&crate::paths::start(&c.slug), "lang", &locale)>
                            {t(&locale, Msg::StartCta)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <Title text=t(&s.locale, Msg::AppName) />
            <Header locale=s.locale.clone() locales=LOCALES.iter().map(|l| l.to_string()).collect() />
            <main id="main">
                <h1>{t(&s.locale, Msg::HomeTitle)}</h1>
                <p class="lead">{t(&s.locale, Msg::Tagline)}</p>
                {empty.then(|| view! { <p>{t(&s.locale, Msg::HomeEmpty)}</p> })}
                <ul class="cards">{cards}</ul>
            </main>
        }
    })
}
