//! Free text.

use leptos::prelude::*;

use crate::domain::answer::{AnswerValue, MAX_TEXT_LEN};

#[component]
pub fn TextInput(answer: Option<AnswerValue>, invalid: bool) -> impl IntoView {
    let value = match answer {
        Some(AnswerValue::Text(t)) => t,
        _ => String::new(),
    };
    // Leptos writes `<textarea>` children into the HTML unescaped (as it does for `<script>`),
    // so the stored answer is escaped here: without it, `</textarea><script>` would run. The
    // live value is set through the property, which takes the text as it is.
    let initial = html_escape::encode_text(&value).into_owned();
    view! {
        <textarea
            id="answer"
            name="value"
            rows="4"
            maxlength=MAX_TEXT_LEN
            aria-labelledby="q-prompt"
            aria-invalid=invalid.then_some("true")
            prop:value=value
        >
            {initial}
        </textarea>
    }
}
