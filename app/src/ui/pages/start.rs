//! `/a/{slug}`: what the assessment is, what we store and why, and the consent choice.
//! `?touchpoint=` or `?utm_source=` records where the visitor came from.

use leptos::prelude::*;

use crate::ui::components::page_title::PageTitle;
use leptos_i18n::td_string;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::journey::{StartResponse, load_start};
use crate::ui::components::header::Header;
use crate::ui::components::screen_loader::screen_loader;

#[component]
pub fn StartPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let input = move || {
        let q = query.read();
        let touchpoint = q.get("touchpoint").or_else(|| q.get("utm_source"));
        (
            params.read().get("slug").unwrap_or_default(),
            q.get("lang"),
            touchpoint,
        )
    };
    let screen = Resource::new(input, |(slug, lang, touchpoint)| {
        load_start(slug, lang, touchpoint)
    });
    let start = ServerAction::<StartResponse>::new();
    let pending = start.pending();
    screen_loader(screen, move |s| {
        let (ui, locale) = (s.ui, s.locale.clone());
        view! {
            <PageTitle text=s.title.clone() />
            <Header ui=ui lang=locale.clone() locales=s.locales.clone() />
            <main id="main" class="start">
                <h1>{s.title.clone()}</h1>
                <p class="lead">{s.description.clone()}</p>
                <p class="meta">{td_string!(ui, question_count, n = s.questions)}</p>
                <ActionForm action=start>
                    <input type="hidden" name="slug" value=s.slug.clone() />
                    <input type="hidden" name="locale" value=locale.clone() />
                    {s.touchpoint.clone().map(|tp| view! { <input type="hidden" name="touchpoint" value=tp /> })}
                    <section class="card consent" aria-labelledby="consent-title">
                        <h2 id="consent-title">{td_string!(ui, consent_title)}</h2>
                        <p id="consent-body">{td_string!(ui, consent_body)}</p>
                        <p class="check">
                            <input type="checkbox" id="consent" name="consent" value="yes" aria-describedby="consent-body consent-note" />
                            <label for="consent">{td_string!(ui, consent_label)}</label>
                        </p>
                        <p id="consent-note" class="hint">{td_string!(ui, consent_no_consent)}</p>
                    </section>
                    <div class="actions">
                        <span class="spacer"></span>
                        <button type="submit" class="button primary" disabled=move || pending.get()>
                            {td_string!(ui, begin)}
                        </button>
                    </div>
                </ActionForm>
            </main>
        }
    })
}
