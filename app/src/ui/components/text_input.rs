//! Free text.

use leptos::prelude::*;

use crate::domain::answer::{AnswerValue, MAX_TEXT_LEN};

#[component]
pub fn TextInput(answer: Option<AnswerValue>, invalid: bool) -> impl IntoView {
    let value = match answer {
        Some(AnswerValue::Text(t)) => t,
        _ => String::new(),
    };
    view! {
        <textarea
            id="answer"
            name="value"
            rows="4"
            maxlength=MAX_TEXT_LEN
            aria-labelledby="q-prompt"
            aria-invalid=invalid.then_some("true")
            prop:value=value.clone()
        >
            {value.clone()}
        </textarea>
    }
}
