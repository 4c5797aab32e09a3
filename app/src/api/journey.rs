//! Server functions of the respondent journey. Each is thin: read input, call
//! [`crate::ssr::journey`], shape the screen. Forms post here with or without JavaScript;
//! the answer moves the respondent on with a redirect (post/redirect/get), so the same URLs
//! work both ways and every step can be bookmarked or resumed.

#[cfg(feature = "ssr")]
use leptos::prelude::*;
use leptos::server;

use super::screens::{HomeScreen, InsightScreen, ResultScreen, Screen, StartScreen};
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::ssr::{accept_language, journey, store};

/// The interface language: the one asked for in the URL, else the browser's, else English.
#[cfg(feature = "ssr")]
async fn visitor_locale(lang: Option<String>) -> String {
    match lang.filter(|l| crate::i18n::LOCALES.contains(&l.as_str())) {
        Some(l) => l,
        None => accept_language().await.unwrap_or_else(|| "en".into()),
    }
}

/// When a page is rendered, a failed load sets the page's HTTP status (404 for an unknown
/// token, 503 when the database is down…). Direct calls get theirs from the server's
/// middleware.
#[cfg(feature = "ssr")]
fn with_status<T>(r: Result<T, AppError>) -> Result<T, AppError> {
    if let (Err(e), Some(res)) = (&r, use_context::<leptos_axum::ResponseOptions>())
        && let Ok(status) = axum::http::StatusCode::from_u16(e.status())
    {
        res.set_status(status);
    }
    r
}

#[server(endpoint = "home")]
pub async fn load_home(lang: Option<String>) -> Result<HomeScreen, AppError> {
    let store = store()?;
    let locale = visitor_locale(lang).await;
    let cards = store
        .list_published()
        .await?
        .iter()
        .map(|v| journey::card(&v.definition, &locale))
        .collect();
    Ok(HomeScreen { locale, cards })
}

#[server(endpoint = "start_screen")]
pub async fn load_start(
    slug: String,
    lang: Option<String>,
    touchpoint: Option<String>,
) -> Result<StartScreen, AppError> {
    let store = store()?;
    let locale = visitor_locale(lang).await;
    let version = with_status(
        store
            .current_version(&slug)
            .await?
            .ok_or(AppError::NotFound),
    )?;
    Ok(journey::start_screen(
        &version.definition,
        &locale,
        touchpoint,
    ))
}

/// The consent form. `consent` is the checkbox: present (any value) when ticked.
#[server(endpoint = "start")]
pub async fn start_response(
    slug: String,
    locale: Option<String>,
    touchpoint: Option<String>,
    consent: Option<String>,
) -> Result<(), AppError> {
    let store = store()?;
    let input = journey::StartInput {
        locale,
        touchpoint,
        consent: consent.is_some(),
    };
    let loaded = journey::start(store.as_ref(), &slug, input).await?;
    leptos_axum::redirect(&format!("/r/{}", loaded.token));
    Ok(())
}

/// The screen for question `key`, or for the first unanswered question.
#[server(endpoint = "question")]
pub async fn load_question(
    token: String,
    key: Option<String>,
    lang: Option<String>,
) -> Result<Screen, AppError> {
    let store = store()?;
    let mut loaded = with_status(journey::load_by_token(store.as_ref(), &token).await)?;
    journey::switch_locale(store.as_ref(), &mut loaded, lang.as_deref()).await?;
    match with_status(journey::question_screen(&loaded, key.as_deref()))? {
        Some(screen) => Ok(Screen::Question(Box::new(screen))),
        None => Ok(Screen::Done { token }),
    }
}

/// One answer from the question form. `value` carries radios, numbers and text; `choices[]`
/// carries checkboxes; `intent=skip` skips an optional question. A refused answer sends the
/// respondent back to the question with the error code in the URL.
#[server(endpoint = "answer")]
pub async fn submit_answer(
    token: String,
    question: String,
    value: Option<String>,
    choices: Option<Vec<String>>,
    intent: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::answer::AnswerValue;
    let store = store()?;
    let mut loaded = journey::load_by_token(store.as_ref(), &token).await?;
    let skip = intent.as_deref() == Some("skip");
    let choices = choices.unwrap_or_default();
    let result = journey::answer(store.as_ref(), &mut loaded, &question, |q| {
        if skip {
            AnswerValue::Skipped.check(q)
        } else {
            AnswerValue::from_form(q, value.as_deref(), &choices)
        }
    })
    .await;
    let href = match result {
        Ok(answered) => {
            if answered.next.is_none() {
                journey::complete(store.as_ref(), &mut loaded).await?;
            }
            journey::after_answer_href(&token, &question, &answered)
        }
        Err(AppError::Invalid { code, .. }) => format!("/r/{token}/q/{question}?error={code}"),
        Err(e) => return Err(e),
    };
    leptos_axum::redirect(&href);
    Ok(())
}

#[server(endpoint = "insight")]
pub async fn load_insight(
    token: String,
    key: String,
    lang: Option<String>,
) -> Result<InsightScreen, AppError> {
    let store = store()?;
    let mut loaded = with_status(journey::load_by_token(store.as_ref(), &token).await)?;
    journey::switch_locale(store.as_ref(), &mut loaded, lang.as_deref()).await?;
    with_status(journey::insight_screen(&loaded, &key))
}

/// The result, with the link to come back to it, or `None` while questions are still
/// unanswered. Scores the response if that is still due.
#[server(endpoint = "result")]
pub async fn load_result(
    token: String,
    lang: Option<String>,
) -> Result<Option<(ResultScreen, String)>, AppError> {
    let store = store()?;
    let mut loaded = with_status(journey::load_by_token(store.as_ref(), &token).await)?;
    journey::switch_locale(store.as_ref(), &mut loaded, lang.as_deref()).await?;
    let outcome = match journey::outcome(store.as_ref(), &mut loaded).await {
        Err(AppError::Conflict(_)) => return Ok(None),
        other => with_status(other)?,
    };
    let link = format!("{}/r/{token}", crate::ssr::public_origin().await);
    Ok(Some((journey::result_screen(&loaded, &outcome), link)))
}
