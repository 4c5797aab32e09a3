//! `/r/{token}` (the first unanswered question: the resume link) and `/r/{token}/q/{key}`.
//! `?error=` carries the code of a refused answer back to the form.

use leptos::prelude::*;

use crate::ui::components::page_title::PageTitle;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::journey::load_question;
use crate::ui::components::header::Header;
use crate::ui::components::question_form::QuestionForm;
use crate::ui::components::screen_loader::screen_loader;
use crate::views::Screen;

#[component]
pub fn QuestionPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let input = move || {
        let p = params.read();
        (
            p.get("token").unwrap_or_default(),
            p.get("key"),
            query.read().get("lang"),
        )
    };
    let error = move || query.read().get("error");
    let screen = Resource::new(input, |(token, key, lang)| load_question(token, key, lang));
    screen_loader(screen, move |screen| match screen {
        Screen::Question(s) => view! {
            <PageTitle text=format!("{} – {}", s.question.prompt, s.title) />
            <Header ui=s.ui lang=s.locale.clone() locales=s.locales.clone() />
            <main id="main" class="step">
                <p class="eyebrow">{s.title.clone()}</p>
                <QuestionForm screen=*s error=error() />
            </main>
        }
        .into_any(),
        Screen::Elsewhere { href } => view! { <Redirect path=href /> }.into_any(),
    })
}
