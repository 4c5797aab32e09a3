//! One question on its own screen: the prompt, the input for its kind, the error if the last
//! answer was refused, and back / skip / next. It posts to the `answer` server function as a
//! plain form, which the page enhances when JavaScript is on.

use leptos::prelude::*;
use leptos_i18n::td_string;

use super::choice_input::ChoiceInput;
use super::focus::focused_heading;
use super::number_input::NumberInput;
use super::progress::Progress;
use super::rating_input::RatingInput;
use super::text_input::TextInput;
use crate::api::journey::SubmitAnswer;
use crate::domain::definition::QuestionKind;
use crate::i18n::Locale;
use crate::views::QuestionScreen;

/// The message for an answer refused with `code` (see `AnswerError::code`).
fn answer_error(ui: Locale, code: &str) -> &'static str {
    match code {
        "required" => td_string!(ui, answer_error.required),
        "unknown_option" | "not_one_option" | "duplicate_option" => {
            td_string!(ui, answer_error.option)
        }
        "exclusive_option" => td_string!(ui, answer_error.exclusive),
        "out_of_order" => td_string!(ui, answer_error.out_of_order),
        "not_a_number" | "wrong_type" => td_string!(ui, answer_error.number),
        "out_of_range" => td_string!(ui, answer_error.range),
        "off_step" => td_string!(ui, answer_error.off_step),
        "too_long" => td_string!(ui, answer_error.too_long),
        _ => td_string!(ui, answer_error.generic),
    }
}

#[component]
pub fn QuestionForm(screen: QuestionScreen, error: Option<String>) -> impl IntoView {
    let submit = ServerAction::<SubmitAnswer>::new();
    let pending = submit.pending();
    let heading = focused_heading();
    let QuestionScreen {
        ui,
        token,
        question,
        position,
        total,
        previous,
        answer,
        ..
    } = screen;
    let invalid = error.is_some();
    let error_text = error.as_deref().map(|code| answer_error(ui, code));
    let q = question.clone();
    let input = match question.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::ImageChoice => {
            view! { <ChoiceInput question=q answer=answer /> }.into_any()
        }
        QuestionKind::Scale | QuestionKind::Nps | QuestionKind::Csat | QuestionKind::Ces => {
            view! { <RatingInput ui=ui question=q answer=answer /> }.into_any()
        }
        QuestionKind::Number => {
            view! { <NumberInput ui=ui question=q answer=answer invalid=invalid /> }.into_any()
        }
        QuestionKind::Text => view! { <TextInput answer=answer invalid=invalid /> }.into_any(),
    };
    let hint = (question.kind == QuestionKind::MultipleChoice).then(|| td_string!(ui, choose_any));
    let described = [
        question.help.as_ref().map(|_| "q-help"),
        hint.map(|_| "q-hint"),
        error_text.map(|_| "q-error"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let back = previous.map(|key| {
        view! { <a class="button secondary" href=crate::paths::question(&token, key.as_str()) rel="prev">{td_string!(ui, back)}</a> }
    });
    let skip = (!question.required).then(|| {
        view! {
            <button type="submit" class="button secondary" name="intent" value="skip" formnovalidate=true>
                {td_string!(ui, skip)}
            </button>
        }
    });
    view! {
        <Progress ui=ui position=position total=total />
        <ActionForm action=submit>
            <input type="hidden" name="token" value=token.clone() />
            <input type="hidden" name="question" value=question.key.clone() />
            <fieldset
                class="question"
                data-kind=question.kind.as_str()
                aria-describedby=(!described.is_empty()).then_some(described)
                aria-invalid=invalid.then_some("true")
            >
                <legend>
                    <h1 id="q-prompt" tabindex="-1" node_ref=heading>
                        {question.prompt.clone()}
                        {(!question.required).then(|| view! { <span class="optional">{format!(" {}", td_string!(ui, optional))}</span> })}
                    </h1>
                </legend>
                {question.help.clone().map(|h| view! { <p id="q-help" class="help">{h}</p> })}
                {hint.map(|h| view! { <p id="q-hint" class="hint">{h}</p> })}
                {input}
            </fieldset>
            {error_text.map(|e| view! { <p id="q-error" class="error" role="alert">{e}</p> })}
            <div class="actions">
                {back}
                <span class="spacer"></span>
                {skip}
                <button type="submit" class="button primary" name="intent" value="next" disabled=move || pending.get()>
                    {td_string!(ui, next)}
                </button>
            </div>
        </ActionForm>
    }
}
