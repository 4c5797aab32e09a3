//! The loading pattern every page shares: render the screen once its server function has
//! answered (in full on the server; keeping the old screen during client-side transitions),
//! or the error page, in the page's language (see [`super::page_locale`]).

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error_view::ErrorView;
use super::page_locale::page_locale;
use crate::error::AppError;

pub fn screen_loader<T, V>(
    screen: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Transition fallback=|| ()>
            {move || {
                let render = render.clone();
                let ui = page_locale();
                Suspend::new(async move {
                    match screen.await {
                        Ok(s) => render(s).into_any(),
                        Err(e) => view! { <main id="main"><ErrorView ui=ui error=e /></main> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}
