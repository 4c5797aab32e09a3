//! The page's `<title>`. leptos_meta writes the title into the server's HTML as it is given,
//! unescaped, and titles carry questionnaire text from authors: so on the server the text is
//! escaped here (`</title><script>` stays text). In the browser the title is set as a
//! property, which takes the text as it is.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let text = html_escape::encode_text(&text).into_owned();
    view! { <Title text=text /> }
}
