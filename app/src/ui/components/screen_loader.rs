//! The loading pattern every page shares: render the screen once its server function has
//! answered (in full on the server; keeping the old screen during client-side transitions),
//! or the error page, in the language asked for in the URL.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error_view::ErrorView;
use crate::error::AppError;

pub fn screen_loader<T, V>(
    screen: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let query = use_query_map();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match screen.await {
                        Ok(s) => render(s).into_any(),
                        Err(e) => {
                            let locale = query.read_untracked().get("lang").unwrap_or_else(|| "en".into());
                            view! { <main id="main"><ErrorView locale=locale error=e /></main> }.into_any()
                        }
                    }
                })
            }}
        </Transition>
    }
}
