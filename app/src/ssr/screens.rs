//! The journey's screens for a loaded response: which question to show, the insight after an
//! answer, the result, each in the interface language `ui` the caller chose. The pure parts
//! are in [`crate::views::build`].

use crate::domain::flow::{insights_for, next_question, previous_question, progress};
use crate::domain::recommend::Outcome;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::paths;
use crate::ssr::journey::{Answered, Loaded};
use crate::views::build::{outcome_view, question_view};
use crate::views::{InsightScreen, QuestionScreen, ResultScreen, Screen};

/// The screen for `key`, or for the first unanswered question when `key` is `None`. A
/// completed response, or a question that cannot be answered yet, sends the reader to the
/// page they can use instead.
pub fn question_screen(loaded: &Loaded, key: Option<&str>, ui: Locale) -> Result<Screen, AppError> {
    let def = &loaded.definition;
    let token = loaded.token.as_str();
    let answers = loaded.effective_answers();
    let next = next_question(def, &answers);
    if loaded.is_completed() {
        return Ok(Screen::Elsewhere {
            href: paths::result(token),
        });
    }
    let question = match (key, next) {
        (Some(key), next) => {
            let q = def.question(key).ok_or(AppError::NotFound)?;
            if !crate::domain::flow::is_visible(q, &answers) {
                return Err(AppError::NotFound);
            }
            match next {
                Some(n) if n.key != q.key && !answers.contains_key(&q.key) => {
                    return Ok(Screen::Elsewhere {
                        href: paths::question(token, &n.key),
                    });
                }
                _ => q,
            }
        }
        (None, Some(next)) => next,
        (None, None) => {
            return Ok(Screen::Elsewhere {
                href: paths::result(token),
            });
        }
    };
    let locale = &loaded.response.locale;
    let (position, total) = progress(def, &answers, &question.key);
    Ok(Screen::Question(Box::new(QuestionScreen {
        ui,
        locale: locale.clone(),
        locales: def.locales.clone(),
        token: token.to_string(),
        title: def.title.get(locale, def.default_locale()).to_string(),
        question: question_view(def, question, locale),
        position,
        total,
        previous: previous_question(def, &answers, &question.key).map(|q| q.key.clone()),
        answer: answers.get(&question.key).cloned(),
    })))
}

/// The URL of the step after answering: the insight screen if the answer earned one.
pub fn after_answer_href(token: &str, question_key: &str, answered: &Answered) -> String {
    if answered.insights.is_empty() {
        paths::step(token, answered.next.as_deref())
    } else {
        paths::insight(token, question_key)
    }
}

pub fn insight_screen(loaded: &Loaded, key: &str, ui: Locale) -> Result<InsightScreen, AppError> {
    let def = &loaded.definition;
    let answers = loaded.effective_answers();
    let q = def
        .question(key)
        .filter(|q| answers.contains_key(&q.key))
        .ok_or(AppError::NotFound)?;
    let locale = &loaded.response.locale;
    let fb = def.default_locale();
    let next = next_question(def, &answers).map(|q| q.key.clone());
    let (position, total) = progress(def, &answers, key);
    Ok(InsightScreen {
        ui,
        locale: locale.clone(),
        locales: def.locales.clone(),
        token: loaded.token.to_string(),
        title: def.title.get(locale, fb).to_string(),
        question: q.prompt.get(locale, fb).to_string(),
        insights: insights_for(q, &answers)
            .iter()
            .map(|t| t.get(locale, fb).to_string())
            .collect(),
        position,
        total,
        finished: next.is_none(),
        next_href: paths::step(loaded.token.as_str(), next.as_deref()),
    })
}

pub fn result_screen(loaded: &Loaded, outcome: &Outcome, ui: Locale) -> ResultScreen {
    let def = &loaded.definition;
    let locale = &loaded.response.locale;
    ResultScreen {
        ui,
        locale: locale.clone(),
        locales: def.locales.clone(),
        slug: def.slug.clone(),
        token: loaded.token.to_string(),
        title: def.title.get(locale, def.default_locale()).to_string(),
        outcome: outcome_view(def, &loaded.answers, outcome, locale, ui),
    }
}
