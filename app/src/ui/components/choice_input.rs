//! Options as radio buttons (single and image choice) or checkboxes (multiple choice).

use leptos::prelude::*;

use crate::domain::answer::AnswerValue;
use crate::domain::definition::QuestionKind;
use crate::views::QuestionView;

#[component]
pub fn ChoiceInput(question: QuestionView, answer: Option<AnswerValue>) -> impl IntoView {
    let multiple = question.kind == QuestionKind::MultipleChoice;
    let images = question.kind == QuestionKind::ImageChoice;
    let chosen: Vec<String> = answer.map(|a| a.keys().to_vec()).unwrap_or_default();
    let (kind, name) = if multiple {
        ("checkbox", "choices[]")
    } else {
        ("radio", "value")
    };
    let class = if images { "choices images" } else { "choices" };
    let options = question
        .options
        .into_iter()
        .map(|o| {
            let id = format!("opt-{}", o.key);
            let checked = chosen.contains(&o.key);
            let image = o.image.map(|src| view! { <img src=src alt="" width="96" height="96" /> });
            view! {
                <li class="choice">
                    <input type=kind id=id.clone() name=name value=o.key checked=checked prop:checked=checked />
                    <label for=id>{image}<span>{o.label}</span></label>
                </li>
            }
        })
        .collect_view();
    view! { <ul class=class>{options}</ul> }
}
