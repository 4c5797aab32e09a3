//! A row of numbered radio buttons for scales, NPS (0–10), CSAT (1–5) and CES (1–7), with the
//! meaning of both ends written out.

use leptos::prelude::*;

use crate::domain::answer::AnswerValue;
use crate::domain::definition::QuestionKind;
use leptos_i18n::td_string;

use crate::i18n::Locale;
use crate::views::QuestionView;

#[component]
pub fn RatingInput(
    ui: Locale,
    question: QuestionView,
    answer: Option<AnswerValue>,
) -> impl IntoView {
    let (min, max, step) = (
        question.min.unwrap_or(1.0),
        question.max.unwrap_or(5.0),
        question.step.unwrap_or(1.0),
    );
    let (low, high) = match question.kind {
        QuestionKind::Nps => (
            td_string!(ui, rating.nps_low).to_string(),
            td_string!(ui, rating.nps_high).to_string(),
        ),
        QuestionKind::Csat => (
            td_string!(ui, rating.csat_low).to_string(),
            td_string!(ui, rating.csat_high).to_string(),
        ),
        QuestionKind::Ces => (
            td_string!(ui, rating.ces_low).to_string(),
            td_string!(ui, rating.ces_high).to_string(),
        ),
        _ => (
            question
                .min_label
                .clone()
                .unwrap_or_else(|| format!("{min}")),
            question
                .max_label
                .clone()
                .unwrap_or_else(|| format!("{max}")),
        ),
    };
    let current = answer.and_then(|a| a.number());
    let count = ((max - min) / step).round() as usize + 1;
    let points = (0..count)
        .map(|i| {
            let v = min + step * i as f64;
            let id = format!("rate-{i}");
            let text = format!("{v}");
            view! {
                <li class="point">
                    <input type="radio" id=id.clone() name="value" value=text.clone() checked=current == Some(v) prop:checked=current == Some(v) />
                    <label for=id>{text}</label>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rating">
            <ul class="points" style=format!("--points: {count}")>{points}</ul>
            <div class="ends" aria-hidden="true">
                <span>{low.clone()}</span>
                <span>{high.clone()}</span>
            </div>
            <p class="visually-hidden">{format!("{min} = {low}; {max} = {high}")}</p>
        </div>
    }
}
