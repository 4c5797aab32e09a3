//! Where the respondent is: "Question 2 of 7" with a bar, exposed to assistive technology.

use leptos::prelude::*;

use leptos_i18n::td_string;

use crate::i18n::Locale;

#[component]
pub fn Progress(ui: Locale, position: usize, total: usize) -> impl IntoView {
    let total = total.max(1);
    let percent = position.min(total) * 100 / total;
    let label = td_string!(ui, progress, position, total);
    view! {
        <div class="progress">
            <div
                class="progress-bar"
                role="progressbar"
                aria-valuemin="0"
                aria-valuemax=total
                aria-valuenow=position
                aria-valuetext=label.clone()
                aria-labelledby="progress-label"
            >
                <div class="progress-fill" style=format!("width: {percent}%")></div>
            </div>
            <p class="progress-label" id="progress-label">{label}</p>
        </div>
    }
}
