//! The HTML shell and the routes. Every route renders on the server in full before it is
//! sent (`SsrMode::Async`), so pages work without JavaScript and carry a correct status. The
//! page's language is in context for every route and for the 404 page.

use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::ui::components::page_locale::PageLocaleProvider;
use crate::ui::pages::home::HomePage;
use crate::ui::pages::insight::InsightPage;
use crate::ui::pages::not_found::NotFound;
use crate::ui::pages::question::QuestionPage;
use crate::ui::pages::result::ResultPage;
use crate::ui::pages::start::StartPage;

pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/percorso.css" />
        <Router>
            <PageLocaleProvider>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/a/:slug") view=StartPage ssr=SsrMode::Async />
                    <Route path=path!("/r/:token") view=QuestionPage ssr=SsrMode::Async />
                    <Route path=path!("/r/:token/q/:key") view=QuestionPage ssr=SsrMode::Async />
                    <Route path=path!("/r/:token/insight/:key") view=InsightPage ssr=SsrMode::Async />
                    <Route path=path!("/r/:token/result") view=ResultPage ssr=SsrMode::Async />
                </Routes>
            </PageLocaleProvider>
        </Router>
    }
}
