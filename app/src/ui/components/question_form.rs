//! One question on its own screen: the prompt, the input for its kind, the error if the last
//! answer was refused, and back / skip / next. It posts to the `answer` server function as a
//! plain form, which the page enhances when JavaScript is on.

use leptos::prelude::*;

use super::choice_input::ChoiceInput;
use super::focus::focused_heading;
use super::number_input::NumberInput;
use super::progress::Progress;
use super::rating_input::RatingInput;
use super::text_input::TextInput;
use crate::api::journey::SubmitAnswer;
use crate::domain::definition::QuestionKind;
use crate::i18n::{Msg, answer_error, t};
use crate::views::QuestionScreen;

#[component]
pub fn QuestionForm(screen: QuestionScreen, error: Option<String>) -> impl IntoView {
    let submit = ServerAction::<SubmitAnswer>::new();
    let pending = submit.pending();
    let heading = focused_heading();
    let QuestionScreen {
        locale,
        token,
        question,
        position,
        total,
        previous,
        answer,
        ..
    } = screen;
    let invalid = error.is_some();
    let error_text = error.as_deref().map(|code| answer_error(&locale, code));
    let q = question.clone();
    let input = match question.kind {
        QuestionKind::SingleChoice | QuestionKind::MultipleChoice | QuestionKind::ImageChoice => {
            view! { <ChoiceInput question=q answer=answer /> }.into_any()
        }
        QuestionKind::Scale | QuestionKind::Nps | QuestionKind::Csat | QuestionKind::Ces => {
            view! { <RatingInput locale=locale.clone() question=q answer=answer /> }.into_any()
        }
        QuestionKind::Number => {
            view! { <NumberInput locale=locale.clone() question=q answer=answer invalid=invalid /> }
                .into_any()
        }
        QuestionKind::Text => view! { <TextInput answer=answer invalid=invalid /> }.into_any(),
    };
    let hint = (question.kind == QuestionKind::MultipleChoice).then(|| t(&locale, Msg::ChooseAny));
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
        view! { <a class="button secondary" href=crate::paths::question(&token, key.as_str()) rel="prev">{t(&locale, Msg::Back)}</a> }
    });
    let skip = (!question.required).then(|| {
        view! {
            <button type="submit" class="button secondary" name="intent" value="skip" formnovalidate=true>
                {t(&locale, Msg::Skip)}
            </button>
        }
    });
    view! {
        <Progress locale=locale.clone() position=position total=total />
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
                        {(!question.required).then(|| view! { <span class="optional">{format!(" ({})", t(&locale, Msg::Optional))}</span> })}
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
                    {t(&locale, Msg::Next)}
                </button>
            </div>
        </ActionForm>
    }
}
