//! `/r/{token}/result`: the persona, what the respondent learned, the offers that fit and the
//! learning path, each with its reasons, and the link to come back.

use leptos::prelude::*;

use crate::ui::components::page_title::PageTitle;
use leptos_i18n::td_string;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::journey::load_result;
use crate::domain::definition::StepKind;
use crate::i18n::Locale;
use crate::ui::components::header::Header;
use crate::ui::components::screen_loader::screen_loader;
use crate::views::{OutcomeView, ResultScreen};

fn percent(x: f64) -> String {
    format!("{}%", (x * 100.0).round() as i64)
}

fn reasons_list(reasons: Vec<String>) -> impl IntoView {
    (!reasons.is_empty()).then(|| {
        view! { <ul class="reasons">{reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul> }
    })
}

fn step_kind(ui: Locale, kind: StepKind) -> &'static str {
    match kind {
        StepKind::Article => td_string!(ui, step_kind.article),
        StepKind::Video => td_string!(ui, step_kind.video),
        StepKind::Exercise => td_string!(ui, step_kind.exercise),
        StepKind::Checklist => td_string!(ui, step_kind.checklist),
    }
}

fn outcome_sections(ui: Locale, outcome: OutcomeView) -> impl IntoView {
    let persona = outcome.persona.map(|p| {
        view! {
            <section class="card persona" aria-labelledby="persona-title">
                <p class="eyebrow">{td_string!(ui, result.your_profile)}</p>
                <h2 id="persona-title">{p.name}</h2>
                <p class="confidence">{td_string!(ui, result.confidence, percent = percent(p.confidence))}</p>
                <p>{p.description}</p>
                {reasons_list(p.reasons)}
                <dl class="empathy">
                    <div><dt>{td_string!(ui, result.thinks)}</dt><dd>{p.empathy.thinks}</dd></div>
                    <div><dt>{td_string!(ui, result.feels)}</dt><dd>{p.empathy.feels}</dd></div>
                    <div><dt>{td_string!(ui, result.says)}</dt><dd>{p.empathy.says}</dd></div>
                    <div><dt>{td_string!(ui, result.does)}</dt><dd>{p.empathy.does}</dd></div>
                </dl>
            </section>
        }
    });
    let traits = outcome
        .traits
        .into_iter()
        .map(|tr| {
            let label = format!("{}: {}", tr.name, percent(tr.score));
            view! {
                <li class="trait">
                    <span class="trait-name">{tr.name}</span>
                    <meter min="0" max="1" value=tr.score aria-label=label></meter>
                    <span class="ends"><span>{tr.low}</span><span>{tr.high}</span></span>
                </li>
            }
        })
        .collect_view();
    let insights = (!outcome.insights.is_empty()).then(|| {
        view! {
            <section class="card learned" aria-labelledby="learned-title">
                <h2 id="learned-title">{td_string!(ui, result.what_you_learned)}</h2>
                <ul>{outcome.insights.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </section>
        }
    });
    let offers = outcome
        .offers
        .into_iter()
        .map(|o| {
            let title = match o.url {
                Some(url) => view! { <a href=url rel="noopener">{o.title}</a> }.into_any(),
                None => o.title.into_any(),
            };
            view! {
                <li class="card offer" data-offer=o.key>
                    {o.image.map(|src| view! { <img src=src alt="" width="96" height="96" /> })}
                    <h3>{title}</h3>
                    <p class="score">{td_string!(ui, result.fit, percent = percent(o.score))}</p>
                    <p>{o.description}</p>
                    <p class="why">{td_string!(ui, result.why)}</p>
                    {reasons_list(o.reasons)}
                </li>
            }
        })
        .collect_view();
    let path = outcome.learning_path.map(|p| {
        let steps = p
            .steps
            .into_iter()
            .map(|s| {
                let minutes = s
                    .minutes
                    .map(|minutes| format!(" · {}", td_string!(ui, result.minutes, minutes)));
                let title = match s.url {
                    Some(url) => view! { <a href=url rel="noopener">{s.title}</a> }.into_any(),
                    None => s.title.into_any(),
                };
                view! {
                    <li class="path-step">
                        <p class="kind">{step_kind(ui, s.kind)}{minutes}</p>
                        <h3>{title}</h3>
                        <p>{s.body}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card path" aria-labelledby="path-title" data-path=p.key>
                <p class="eyebrow">{td_string!(ui, result.path_title)}</p>
                <h2 id="path-title">{p.title}</h2>
                <p>{p.description}</p>
                {reasons_list(p.reasons)}
                <ol class="steps">{steps}</ol>
            </section>
        }
    });
    view! {
        {persona}
        {insights}
        <section class="card traits" aria-labelledby="traits-title">
            <h2 id="traits-title">{td_string!(ui, result.your_traits)}</h2>
            <ul>{traits}</ul>
        </section>
        <section aria-labelledby="offers-title">
            <h2 id="offers-title">{td_string!(ui, result.offers_title)}</h2>
            <ol class="offers">{offers}</ol>
        </section>
        {path}
    }
}

fn result_view(s: ResultScreen, link: String) -> impl IntoView {
    let (ui, locale) = (s.ui, s.locale.clone());
    view! {
        <PageTitle text=format!("{} – {}", td_string!(ui, result.title), s.title) />
        <Header ui=ui lang=locale.clone() locales=s.locales.clone() />
        <main id="main" class="result">
            <p class="eyebrow">{s.title.clone()}</p>
            <h1>{td_string!(ui, result.title)}</h1>
            {outcome_sections(ui, s.outcome)}
            <section class="card resume" aria-labelledby="resume-title">
                <h2 id="resume-title">{td_string!(ui, result.resume_title)}</h2>
                <p>{td_string!(ui, result.resume_body)}</p>
                <p><a class="resume-link" href=link.clone()>{link.clone()}</a></p>
                <p><a class="button secondary" href=crate::paths::with_query(&crate::paths::start(&s.slug), "lang", &locale)>{td_string!(ui, result.retake)}</a></p>
            </section>
        </main>
    }
}

#[component]
pub fn ResultPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let input = move || (token(), query.read().get("lang"));
    let screen = Resource::new(input, |(token, lang)| load_result(token, lang));
    screen_loader(screen, move |result| match result {
        Some((s, link)) => result_view(s, link).into_any(),
        // Not finished yet: back to the first unanswered question.
        None => view! { <Redirect path=crate::paths::resume(&token()) /> }.into_any(),
    })
}
