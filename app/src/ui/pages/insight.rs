//! `/r/{token}/insight/{key}`: what the answer to `key` says about the respondent, before
//! they move on. The pause is deliberate: it is where they learn something.

use leptos::prelude::*;

use crate::ui::components::page_title::PageTitle;
use leptos_i18n::td_string;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::journey::load_insight;
use crate::ui::components::focus::focused_heading;
use crate::ui::components::header::Header;
use crate::ui::components::progress::Progress;
use crate::ui::components::screen_loader::screen_loader;

#[component]
pub fn InsightPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let input = move || {
        let p = params.read();
        (
            p.get("token").unwrap_or_default(),
            p.get("key").unwrap_or_default(),
            query.read().get("lang"),
        )
    };
    let screen = Resource::new(input, |(token, key, lang)| load_insight(token, key, lang));
    let heading = focused_heading();
    screen_loader(screen, move |s| {
        let ui = s.ui;
        let texts = s
            .insights
            .iter()
            .map(|i| view! { <p>{i.clone()}</p> })
            .collect_view();
        let cta = if s.finished {
            td_string!(ui, see_result)
        } else {
            td_string!(ui, continue_cta)
        };
        let back = crate::paths::question(
            &s.token,
            &params.read_untracked().get("key").unwrap_or_default(),
        );
        view! {
            <PageTitle text=td_string!(ui, insight_title) />
            <Header ui=ui lang=s.locale.clone() locales=s.locales.clone() />
            <main id="main" class="step">
                <p class="eyebrow">{s.title.clone()}</p>
                <Progress ui=ui position=s.position total=s.total />
                <section class="card insight" aria-labelledby="insight-title">
                    <p class="answered">{s.question.clone()}</p>
                    <h1 id="insight-title" tabindex="-1" node_ref=heading>{td_string!(ui, insight_title)}</h1>
                    <div class="insight-text" role="status">{texts}</div>
                </section>
                <div class="actions">
                    <a class="button secondary" href=back rel="prev">{td_string!(ui, back)}</a>
                    <span class="spacer"></span>
                    <a class="button primary" href=s.next_href.clone() rel="next">{cta}</a>
                </div>
            </main>
        }
    })
}
