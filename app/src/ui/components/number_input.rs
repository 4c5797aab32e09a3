//! A number with its unit and bounds.

use leptos::prelude::*;

use crate::domain::answer::AnswerValue;
use leptos_i18n::td_string;

use crate::i18n::Locale;
use crate::views::QuestionView;

#[component]
pub fn NumberInput(
    ui: Locale,
    question: QuestionView,
    answer: Option<AnswerValue>,
    invalid: bool,
) -> impl IntoView {
    let value = answer
        .and_then(|a| a.number())
        .map(|n| n.to_string())
        .unwrap_or_default();
    let bounds = match (question.min, question.max) {
        (Some(min), Some(max)) => td_string!(ui, number_bounds, min, max),
        _ => String::new(),
    };
    view! {
        <div class="number">
            <input
                id="answer"
                type="number"
                name="value"
                inputmode="decimal"
                value=value.clone()
                prop:value=value
                min=question.min
                max=question.max
                step=question.step
                aria-invalid=invalid.then_some("true")
                aria-describedby="answer-bounds"
                aria-labelledby="q-prompt"
            />
            {question.unit.map(|u| view! { <span class="unit">{u}</span> })}
            <p id="answer-bounds" class="hint">{bounds}</p>
        </div>
    }
}
