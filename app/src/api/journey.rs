//! Server functions of the respondent journey. Each is thin: read input, call
//! [`crate::ssr::journey`], shape the screen. Forms post here with or without JavaScript;
//! the answer moves the respondent on with a redirect (post/redirect/get), so the same URLs
//! work both ways and every step can be bookmarked or resumed. A failed load reaches the
//! page as an error, and the page's error view sets the status. Each screen carries the
//! interface language, decided by [`crate::ssr::interface_locale`].

use leptos::server;

use crate::api::codec::JsonText;
use crate::error::AppError;
use crate::views::{HomeScreen, InsightScreen, ResultScreen, Screen, StartScreen};

#[cfg(feature = "ssr")]
use crate::domain::ids::{ResumeToken, Slug};
#[cfg(feature = "ssr")]
use crate::ssr::{found, interface_locale, journey, redirect, screens, store};

#[server(endpoint = "home", output = JsonText)]
pub async fn load_home(lang: Option<String>) -> Result<HomeScreen, AppError> {
    let store = store()?;
    let ui = interface_locale(lang.as_deref(), None);
    let locale = crate::locale::content_wanted(lang.as_deref(), ui).to_string();
    let cards = store
        .list_published()
        .await?
        .iter()
        .map(|v| crate::views::build::card(&v.definition, &locale))
        .collect();
    Ok(HomeScreen { ui, locale, cards })
}

#[server(endpoint = "start_screen", output = JsonText)]
pub async fn load_start(
    slug: String,
    lang: Option<String>,
    touchpoint: Option<String>,
) -> Result<StartScreen, AppError> {
    let store = store()?;
    let ui = interface_locale(lang.as_deref(), None);
    let version = store
        .current_version(&found(Slug::parse(&slug))?)
        .await?
        .ok_or(AppError::NotFound)?;
    // A touchpoint that would be refused is dropped here rather than shown in the form.
    let touchpoint = crate::ssr::requests::clean_touchpoint(touchpoint.as_deref());
    Ok(crate::views::build::start_screen(
        &version.definition,
        crate::locale::content_wanted(lang.as_deref(), ui),
        ui,
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
    use crate::ssr::requests::{StartRequest, validated};
    let store = store()?;
    let request = validated(StartRequest {
        locale: locale.filter(|l| !l.is_empty()),
        touchpoint: touchpoint.filter(|t| !t.is_empty()),
        consent: consent.is_some(),
    })?;
    let slug = found(Slug::parse(&slug))?;
    let loaded = journey::start(store.as_ref(), &slug, &request).await?;
    redirect(&crate::paths::resume(loaded.token.as_str()));
    Ok(())
}

/// The screen for question `key`, or for the first unanswered question.
#[server(endpoint = "question", output = JsonText)]
pub async fn load_question(
    token: String,
    key: Option<String>,
    lang: Option<String>,
) -> Result<Screen, AppError> {
    let store = store()?;
    let mut loaded =
        journey::load_by_token(store.as_ref(), &found(ResumeToken::parse(&token))?).await?;
    journey::switch_locale(store.as_ref(), &mut loaded, lang.as_deref()).await?;
    let ui = interface_locale(lang.as_deref(), Some(&loaded.response.locale));
    screens::question_screen(&loaded, key.as_deref(), ui)
}

/// One answer from the question form. `value` carries radios, numbers and text; `choices[]`
/// carries checkboxes; `intent=skip` skips an optional question. A refused value sends the
/// respondent back to the question with the error code in the URL; a question that cannot
/// be answered now (out of order, or the response is completed) sends them to the resume
/// link, which shows the step they can take.
#[server(endpoint = "answer")]
pub async fn submit_answer(
    token: String,
    question: String,
    value: Option<String>,
    choices: Option<Vec<String>>,
    intent: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::answer::AnswerValue;
    use crate::ssr::journey::Refused;
    let store = store()?;
    let mut loaded =
        journey::load_by_token(store.as_ref(), &found(ResumeToken::parse(&token))?).await?;
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
        Ok(answered) => screens::after_answer_href(&token, &question, &answered),
        Err(Refused::Value(e)) => crate::paths::with_query(
            &crate::paths::question(&token, &question),
            "error",
            e.code(),
        ),
        Err(Refused::OutOfOrder { next }) => crate::paths::with_query(
            &crate::paths::question(&token, &next),
            "error",
            "out_of_order",
        ),
        Err(Refused::Completed) => crate::paths::result(&token),
        Err(Refused::Other(AppError::Invalid { .. })) => crate::paths::resume(&token),
        Err(Refused::Other(e)) => return Err(e),
    };
    redirect(&href);
    Ok(())
}

#[server(endpoint = "insight", output = JsonText)]
pub async fn load_insight(
    token: String,
    key: String,
    lang: Option<String>,
) -> Result<InsightScreen, AppError> {
    let store = store()?;
    let mut loaded =
        journey::load_by_token(store.as_ref(), &found(ResumeToken::parse(&token))?).await?;
    journey::switch_locale(store.as_ref(), &mut loaded, lang.as_deref()).await?;
    let ui = interface_locale(lang.as_deref(), Some(&loaded.response.locale));
    screens::insight_screen(&loaded, &key, ui)
}

/// The result, with the link to come back to it, or `None` while questions are still
/// unanswered. Opening the result completes the response.
#[server(endpoint = "result", output = JsonText)]
pub async fn load_result(
    token: String,
    lang: Option<String>,
) -> Result<Option<(ResultScreen, String)>, AppError> {
    use crate::ssr::journey::Completion;
    let store = store()?;
    let mut loaded =
        journey::load_by_token(store.as_ref(), &found(ResumeToken::parse(&token))?).await?;
    journey::switch_locale(store.as_ref(), &mut loaded, lang.as_deref()).await?;
    let ui = interface_locale(lang.as_deref(), Some(&loaded.response.locale));
    match journey::complete(store.as_ref(), &mut loaded).await? {
        Completion::Unfinished { .. } => Ok(None),
        Completion::Completed(outcome) => {
            let link = format!(
                "{}{}",
                crate::ssr::public_origin().await,
                crate::paths::resume(&token)
            );
            Ok(Some((screens::result_screen(&loaded, &outcome, ui), link)))
        }
    }
}
