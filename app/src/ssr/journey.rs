//! The respondent journey as server-side operations: start a response, answer, resume,
//! complete. Server functions (HTML forms) and REST handlers both call these, so the rules
//! live in one place; they only differ in how they read input and shape output.
//!
//! The rules:
//! - Answers are given in the order the flow offers: the next question, or one already
//!   answered (going back). Anything else is a conflict (a form is sent to the question to
//!   answer first, with a message).
//! - Every question shown must be answered, or skipped when it is optional (`null` in REST,
//!   the Skip button in forms), before the response can be completed.
//! - Completing is explicit and the same for both callers: `POST …/complete` in REST, opening
//!   the result page in forms. The last answer does not complete by itself, so a respondent
//!   can still go back from the last insight; a form whose last answer earned no insight
//!   leads straight to the result page, which completes it.
//! - A completed response is final: its answers cannot change (a conflict), so its outcome
//!   is never stale.

use std::sync::Arc;

use crate::domain::answer::{AnswerError, AnswerValue, Answers};
use crate::domain::definition::{Definition, Question};
use crate::domain::flow::{self, effective_answers, insights_for, next_question};
use crate::domain::ids::{ResponseId, ResumeToken, Slug};
use crate::domain::recommend::{Outcome, recommend};
use crate::error::AppError;
use crate::ssr::requests::StartRequest;
use crate::ssr::store::{NewResponse, ResponseRecord, Store, token_hash};

/// A response with everything needed to act on it.
pub struct Loaded {
    pub response: ResponseRecord,
    /// The resume token: new from `start`, otherwise as presented (the store keeps only a hash).
    pub token: ResumeToken,
    pub definition: Arc<Definition>,
    pub answers: Answers,
}

impl Loaded {
    /// The answers that count: those to questions still shown.
    pub fn effective_answers(&self) -> Answers {
        effective_answers(&self.definition, &self.answers)
    }

    /// The next question to answer, if any.
    pub fn next_question(&self) -> Option<&Question> {
        next_question(&self.definition, &self.effective_answers())
    }

    pub fn is_completed(&self) -> bool {
        self.response.completed_at.is_some()
    }
}

fn new_token() -> ResumeToken {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    ResumeToken::parse(&hex).expect("48 lowercase hex digits are a token")
}

fn new_id() -> ResponseId {
    let id = uuid::Uuid::new_v4().hyphenated().to_string();
    ResponseId::parse(&id).expect("a lowercase hyphenated UUID is a response id")
}

/// Start a response on the current version of `slug`. `request` is already validated.
pub async fn start(
    store: &dyn Store,
    slug: &Slug,
    request: &StartRequest,
) -> Result<Loaded, AppError> {
    let version = store
        .current_version(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let def = version.definition;
    let locale = def.pick_locale(request.locale.as_deref().unwrap_or_default());
    let new = NewResponse {
        id: new_id(),
        token: new_token(),
        version_id: version.version_id,
        locale,
        // Where someone came from is personal data: kept only with consent.
        touchpoint: if request.consent {
            request.touchpoint()
        } else {
            None
        },
        consent: request.consent,
    };
    let response = store.create_response(&new).await?;
    metrics::counter!("percorso_responses_started_total").increment(1);
    Ok(Loaded {
        response,
        token: new.token.clone(),
        definition: def,
        answers: Answers::new(),
    })
}

/// A loaded response, once its version is at hand.
async fn with_version(
    store: &dyn Store,
    found: Option<(ResponseRecord, Answers)>,
    token: &ResumeToken,
) -> Result<Loaded, AppError> {
    let (response, answers) = found.ok_or(AppError::NotFound)?;
    let version = store.version(response.version_id).await?.ok_or_else(|| {
        tracing::error!(response = %response.id, "response points at a missing version");
        AppError::Internal
    })?;
    Ok(Loaded {
        response,
        token: token.clone(),
        definition: version.definition,
        answers,
    })
}

pub async fn load_by_token(store: &dyn Store, token: &ResumeToken) -> Result<Loaded, AppError> {
    let found = match store.response_by_token(token).await? {
        Some(response) => {
            let answers = store.answers(&response.id).await?;
            Some((response, answers))
        }
        None => None,
    };
    with_version(store, found, token).await
}

/// Load a response by id, checking the token a client presented (a wrong token is 404).
pub async fn load_by_id(
    store: &dyn Store,
    id: &ResponseId,
    token: &ResumeToken,
) -> Result<Loaded, AppError> {
    // Comparing hashes is safe against timing: how much of a guess's hash matches says nothing
    // about the token, and tokens are 192 random bits.
    let found = store
        .response_with_answers(id)
        .await?
        .filter(|(r, _)| r.token_hash == token_hash(token.as_str()));
    with_version(store, found, token).await
}

/// Switch the response's language when the reader asks for one the questionnaire has.
pub async fn switch_locale(
    store: &dyn Store,
    loaded: &mut Loaded,
    wanted: Option<&str>,
) -> Result<(), AppError> {
    if let Some(wanted) = wanted
        && loaded.definition.locales.iter().any(|l| l == wanted)
        && loaded.response.locale != wanted
    {
        store.set_locale(&loaded.response.id, wanted).await?;
        loaded.response.locale = wanted.to_string();
    }
    Ok(())
}

/// What answering produced.
pub struct Answered {
    pub insights: Vec<String>,
    pub next: Option<String>,
}

/// Why an answer was not taken.
#[derive(Debug)]
pub enum Refused {
    /// The value does not fit the question.
    Value(AnswerError),
    /// A later question, answered before `next`.
    OutOfOrder { next: String },
    /// The response is completed: its answers are final.
    Completed,
    /// No such question, one not shown, or the store failed (see [`AppError`]).
    Other(AppError),
}

impl From<Refused> for AppError {
    fn from(r: Refused) -> Self {
        match r {
            Refused::Value(e) => AppError::invalid("value", e.code(), e.to_string()),
            Refused::OutOfOrder { next } => {
                AppError::Conflict(format!("answer question `{next}` first"))
            }
            Refused::Completed => AppError::Conflict(
                "this response is completed; its answers can no longer change".into(),
            ),
            Refused::Other(e) => e,
        }
    }
}

/// Check that `question_key` can be answered now, following the module's rules.
fn answerable<'d>(loaded: &'d Loaded, question_key: &str) -> Result<&'d Question, Refused> {
    if loaded.is_completed() {
        return Err(Refused::Completed);
    }
    let def = &loaded.definition;
    let question = def.question(question_key).ok_or_else(|| {
        Refused::Other(AppError::invalid(
            "question_key",
            "unknown_question",
            "no question with this key in this questionnaire",
        ))
    })?;
    let answers = loaded.effective_answers();
    if !flow::is_visible(question, &answers) {
        return Err(Refused::Other(AppError::invalid(
            "question_key",
            "not_shown",
            "this question is not shown given the earlier answers",
        )));
    }
    match next_question(def, &answers) {
        Some(next) if next.key != question.key && !answers.contains_key(&question.key) => {
            Err(Refused::OutOfOrder {
                next: next.key.clone(),
            })
        }
        _ => Ok(question),
    }
}

/// Validate and store one answer. `parse` turns the client's input into a value for the
/// question.
pub async fn answer(
    store: &dyn Store,
    loaded: &mut Loaded,
    question_key: &str,
    parse: impl FnOnce(&Question) -> Result<AnswerValue, AnswerError>,
) -> Result<Answered, Refused> {
    let question = answerable(loaded, question_key)?;
    let value = parse(question).map_err(Refused::Value)?;
    let question = question.clone();
    // Free text may hold anything personal: without consent it is not kept.
    let stored = match (&value, loaded.response.consent) {
        (AnswerValue::Text(_), false) => AnswerValue::Skipped,
        _ => value.clone(),
    };
    store
        .save_answer(&loaded.response.id, question_key, &stored)
        .await
        .map_err(|e| match e {
            crate::error::StoreError::Conflict(_) => Refused::Completed,
            e => Refused::Other(e.into()),
        })?;
    loaded.answers.insert(question_key.to_string(), stored);
    // The insight is computed on the value given, so it shows even when the text is not kept.
    let mut with_given = loaded.answers.clone();
    with_given.insert(question_key.to_string(), value);
    let def = &loaded.definition;
    let locale = loaded.response.locale.clone();
    let insights = insights_for(&question, &with_given)
        .iter()
        .map(|t| t.get(&locale, def.default_locale()).to_string())
        .collect();
    let next = loaded.next_question().map(|q| q.key.clone());
    Ok(Answered { insights, next })
}

/// Where a response stands when asked to complete.
#[derive(Debug, Clone, PartialEq)]
pub enum Completion {
    /// `next` is shown and neither answered nor skipped.
    Unfinished {
        next: String,
    },
    Completed(Outcome),
}

/// Complete the response: compute the outcome and store it (again only if a stored one no
/// longer matches, e.g. after a scoring fix). Unfinished responses are left as they are.
pub async fn complete(store: &dyn Store, loaded: &mut Loaded) -> Result<Completion, AppError> {
    let answers = loaded.effective_answers();
    if let Some(q) = next_question(&loaded.definition, &answers) {
        return Ok(Completion::Unfinished {
            next: q.key.clone(),
        });
    }
    let mut outcome = recommend(&loaded.definition, &answers);
    if loaded.response.outcome.as_ref() != Some(&outcome) || !loaded.is_completed() {
        store.complete(&loaded.response.id, &outcome).await?;
        // An answer that committed while this outcome was computed must still count. The store
        // refuses answers once the response is completed, so one more read settles it.
        let settled = store.answers(&loaded.response.id).await?;
        if settled != loaded.answers {
            loaded.answers = settled;
            outcome = recommend(&loaded.definition, &loaded.effective_answers());
            store.complete(&loaded.response.id, &outcome).await?;
        }
        // Read back what was stored: the completion time is the first one, kept by the store.
        if let Some(stored) = store.response(&loaded.response.id).await? {
            loaded.response = stored;
        }
    }
    Ok(Completion::Completed(outcome))
}
