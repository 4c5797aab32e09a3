//! The respondent journey as server-side operations: start a response, answer, resume,
//! complete. Server functions (HTML forms) and REST handlers both call these, so the rules
//! live in one place; they only differ in how they read input and shape output.

use crate::api::screens::{
    AssessmentCard, EmpathyView, InsightScreen, OfferView, OptionView, OutcomeView, PathView,
    PersonaView, QuestionScreen, QuestionView, ResultScreen, StartScreen, StepView, TraitView,
};
use crate::domain::answer::{AnswerValue, Answers};
use crate::domain::definition::{Definition, Question};
use crate::domain::explain::explain_all;
use crate::domain::flow::{
    self, effective_answers, insights_for, next_question, previous_question, progress,
};
use crate::domain::recommend::{Outcome, recommend};
use crate::error::AppError;
use crate::ssr::store::{NewResponse, ResponseRecord, Store, token_hash};

/// Longest touchpoint kept (utm sources are short names).
pub const MAX_TOUCHPOINT_LEN: usize = 64;

/// A response with everything needed to act on it.
pub struct Loaded {
    pub response: ResponseRecord,
    /// The resume token: new from `start`, otherwise as presented (the store keeps only a hash).
    pub token: String,
    pub definition: Definition,
    pub answers: Answers,
}

/// What a respondent asked for when starting; checked by the caller's input type.
#[derive(Debug, Clone, Default)]
pub struct StartInput {
    pub locale: Option<String>,
    pub touchpoint: Option<String>,
    pub consent: bool,
}

/// Turn the first `validator` error into an [`AppError::Invalid`] naming the field.
pub fn invalid_from(errors: validator::ValidationErrors) -> AppError {
    let mut fields: Vec<_> = errors.field_errors().into_iter().collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    match fields.first() {
        Some((field, errs)) => {
            let code = errs
                .first()
                .map(|e| e.code.to_string())
                .unwrap_or_else(|| "invalid".into());
            let message = errs
                .first()
                .and_then(|e| e.message.as_ref().map(ToString::to_string))
                .unwrap_or_else(|| format!("`{field}` is not valid"));
            AppError::invalid(field.to_string(), code, message)
        }
        None => AppError::invalid("body", "invalid", "the request is not valid"),
    }
}

/// A touchpoint as kept: trimmed, lowercase, only letters, digits, `-`, `_` and `.`.
pub fn clean_touchpoint(raw: Option<&str>) -> Option<String> {
    let t = raw?.trim().to_ascii_lowercase();
    let ok = !t.is_empty()
        && t.len() <= MAX_TOUCHPOINT_LEN
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then_some(t)
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A token is 48 lowercase hex digits; anything else cannot be one and is not looked up.
pub fn is_token(s: &str) -> bool {
    s.len() == 48
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub async fn start(store: &dyn Store, slug: &str, input: StartInput) -> Result<Loaded, AppError> {
    let version = store
        .current_version(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let def = version.definition;
    let locale = def.pick_locale(input.locale.as_deref().unwrap_or_default());
    let new = NewResponse {
        id: uuid::Uuid::new_v4().to_string(),
        token: new_token(),
        version_id: version.version_id,
        locale,
        // Where someone came from is personal data: kept only with consent.
        touchpoint: if input.consent {
            clean_touchpoint(input.touchpoint.as_deref())
        } else {
            None
        },
        consent: input.consent,
    };
    let response = store.create_response(&new).await?;
    Ok(Loaded {
        response,
        token: new.token,
        definition: def,
        answers: Answers::new(),
    })
}

async fn load(
    store: &dyn Store,
    response: Option<ResponseRecord>,
    token: &str,
) -> Result<Loaded, AppError> {
    let response = response.ok_or(AppError::NotFound)?;
    let version = store.version(response.version_id).await?.ok_or_else(|| {
        tracing::error!(response = %response.id, "response points at a missing version");
        AppError::Internal
    })?;
    let answers = store.answers(&response.id).await?;
    Ok(Loaded {
        response,
        token: token.to_string(),
        definition: version.definition,
        answers,
    })
}

pub async fn load_by_token(store: &dyn Store, token: &str) -> Result<Loaded, AppError> {
    if !is_token(token) {
        return Err(AppError::NotFound);
    }
    load(store, store.response_by_token(token).await?, token).await
}

/// Load a response by id, checking the token a client presented (a wrong token is 404).
pub async fn load_by_id(store: &dyn Store, id: &str, token: &str) -> Result<Loaded, AppError> {
    // Comparing hashes is safe against timing: how much of a guess's hash matches says nothing
    // about the token, and tokens are 192 random bits.
    let response = store
        .response(id)
        .await?
        .filter(|r| r.token_hash == token_hash(token));
    load(store, response, token).await
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

/// Validate and store one answer. `parse` turns the client's input into a value for the
/// question. Answers to hidden questions are refused: the respondent never saw them.
pub async fn answer(
    store: &dyn Store,
    loaded: &mut Loaded,
    question_key: &str,
    parse: impl FnOnce(&Question) -> Result<AnswerValue, crate::domain::answer::AnswerError>,
) -> Result<Answered, AppError> {
    let def = &loaded.definition;
    let question = def.question(question_key).ok_or_else(|| {
        AppError::invalid(
            "question_key",
            "unknown_question",
            format!("no question `{question_key}` in this questionnaire"),
        )
    })?;
    if !flow::is_visible(question, &effective_answers(def, &loaded.answers)) {
        return Err(AppError::invalid(
            "question_key",
            "not_shown",
            "this question is not shown given the earlier answers",
        ));
    }
    let value = parse(question).map_err(|e| AppError::invalid("value", e.code(), e.to_string()))?;
    // Free text may hold anything personal: without consent it is not kept.
    let stored = match (&value, loaded.response.consent) {
        (AnswerValue::Text(_), false) => AnswerValue::Skipped,
        _ => value.clone(),
    };
    store
        .save_answer(&loaded.response.id, question_key, &stored)
        .await?;
    loaded.answers.insert(question_key.to_string(), stored);
    // The insight is computed on the value given, so it shows even when the text is not kept.
    let mut with_given = loaded.answers.clone();
    with_given.insert(question_key.to_string(), value);
    let locale = loaded.response.locale.clone();
    let fallback = def.default_locale();
    let insights = insights_for(question, &with_given)
        .iter()
        .map(|t| t.get(&locale, fallback).to_string())
        .collect();
    let next = next_question(def, &effective_answers(def, &loaded.answers)).map(|q| q.key.clone());
    Ok(Answered { insights, next })
}

/// The outcome of the answers so far, refused while a shown required question is unanswered.
fn fresh_outcome(loaded: &Loaded) -> Result<Outcome, AppError> {
    let answers = effective_answers(&loaded.definition, &loaded.answers);
    if let Some(q) = next_question(&loaded.definition, &answers) {
        return Err(AppError::Conflict(format!(
            "question `{}` is not answered yet",
            q.key
        )));
    }
    Ok(recommend(&loaded.definition, &answers))
}

async fn store_outcome(
    store: &dyn Store,
    loaded: &mut Loaded,
    outcome: &Outcome,
) -> Result<(), AppError> {
    store.complete(&loaded.response.id, outcome).await?;
    loaded.response.outcome = Some(outcome.clone());
    if loaded.response.completed_at.is_none() {
        loaded.response.completed_at = Some(chrono::Utc::now());
    }
    Ok(())
}

/// Compute and store the outcome.
pub async fn complete(store: &dyn Store, loaded: &mut Loaded) -> Result<Outcome, AppError> {
    let outcome = fresh_outcome(loaded)?;
    store_outcome(store, loaded, &outcome).await?;
    Ok(outcome)
}

/// The outcome to show: the stored one, re-stored only if the answers changed since (or the
/// response was finished but never scored).
pub async fn outcome(store: &dyn Store, loaded: &mut Loaded) -> Result<Outcome, AppError> {
    let outcome = fresh_outcome(loaded)?;
    if loaded.response.outcome.as_ref() != Some(&outcome) {
        store_outcome(store, loaded, &outcome).await?;
    }
    Ok(outcome)
}

pub fn question_view(def: &Definition, q: &Question, locale: &str) -> QuestionView {
    let fb = def.default_locale();
    let text = |t: &crate::domain::definition::Text| t.get(locale, fb).to_string();
    let bounds = q.bounds();
    let range = q.range.as_ref();
    QuestionView {
        key: q.key.clone(),
        kind: q.kind,
        prompt: text(&q.prompt),
        help: q.help.as_ref().map(text),
        required: q.required,
        options: q
            .options
            .iter()
            .map(|o| OptionView {
                key: o.key.clone(),
                label: text(&o.label),
                image: o.image.clone(),
            })
            .collect(),
        min: bounds.map(|b| b.0),
        max: bounds.map(|b| b.1),
        step: bounds.map(|b| b.2),
        min_label: range.and_then(|r| r.min_label.as_ref()).map(text),
        max_label: range.and_then(|r| r.max_label.as_ref()).map(text),
        unit: range.and_then(|r| r.unit.as_ref()).map(text),
    }
}

pub fn card(def: &Definition, locale: &str) -> AssessmentCard {
    let locale = def.pick_locale(locale);
    AssessmentCard {
        slug: def.slug.clone(),
        title: def.title.get(&locale, def.default_locale()).to_string(),
        description: def
            .description
            .get(&locale, def.default_locale())
            .to_string(),
        questions: def.questions.iter().filter(|q| q.show_if.is_none()).count(),
    }
}

pub fn start_screen(def: &Definition, locale: &str, touchpoint: Option<String>) -> StartScreen {
    let card = card(def, locale);
    StartScreen {
        locale: def.pick_locale(locale),
        locales: def.locales.clone(),
        slug: card.slug,
        title: card.title,
        description: card.description,
        questions: card.questions,
        touchpoint: clean_touchpoint(touchpoint.as_deref()),
    }
}

/// The screen for `key`, or for the first unanswered question when `key` is `None`.
/// `None` back means there is nothing left to answer.
pub fn question_screen(
    loaded: &Loaded,
    key: Option<&str>,
) -> Result<Option<QuestionScreen>, AppError> {
    let def = &loaded.definition;
    let answers = effective_answers(def, &loaded.answers);
    let question = match key {
        Some(key) => {
            let q = def.question(key).ok_or(AppError::NotFound)?;
            if !flow::is_visible(q, &answers) {
                return Err(AppError::NotFound);
            }
            q
        }
        None => match next_question(def, &answers) {
            Some(q) => q,
            None => return Ok(None),
        },
    };
    let locale = &loaded.response.locale;
    let (position, total) = progress(def, &answers, &question.key);
    Ok(Some(QuestionScreen {
        locale: locale.clone(),
        locales: def.locales.clone(),
        token: loaded.token.clone(),
        title: def.title.get(locale, def.default_locale()).to_string(),
        question: question_view(def, question, locale),
        position,
        total,
        previous: previous_question(def, &answers, &question.key).map(|q| q.key.clone()),
        answer: answers.get(&question.key).cloned(),
    }))
}

/// The URL of the step after answering: the insight screen if the answer earned one.
pub fn after_answer_href(token: &str, question_key: &str, answered: &Answered) -> String {
    if !answered.insights.is_empty() {
        format!("/r/{token}/insight/{question_key}")
    } else {
        step_href(token, answered.next.as_deref())
    }
}

/// The URL of a question, or of the result when `key` is `None`.
pub fn step_href(token: &str, key: Option<&str>) -> String {
    match key {
        Some(key) => format!("/r/{token}/q/{key}"),
        None => format!("/r/{token}/result"),
    }
}

pub fn insight_screen(loaded: &Loaded, key: &str) -> Result<InsightScreen, AppError> {
    let def = &loaded.definition;
    let answers = effective_answers(def, &loaded.answers);
    let q = def
        .question(key)
        .filter(|q| answers.contains_key(&q.key))
        .ok_or(AppError::NotFound)?;
    let locale = &loaded.response.locale;
    let fb = def.default_locale();
    let next = next_question(def, &answers).map(|q| q.key.clone());
    let (position, total) = progress(def, &answers, key);
    Ok(InsightScreen {
        locale: locale.clone(),
        locales: def.locales.clone(),
        token: loaded.token.clone(),
        title: def.title.get(locale, fb).to_string(),
        question: q.prompt.get(locale, fb).to_string(),
        insights: insights_for(q, &answers)
            .iter()
            .map(|t| t.get(locale, fb).to_string())
            .collect(),
        position,
        total,
        finished: next.is_none(),
        next_href: step_href(&loaded.token, next.as_deref()),
    })
}

pub fn outcome_view(
    def: &Definition,
    answers: &Answers,
    outcome: &Outcome,
    locale: &str,
) -> OutcomeView {
    let fb = def.default_locale();
    let answers = effective_answers(def, answers);
    let persona = outcome.persona.as_ref().and_then(|m| {
        let p = def.persona(&m.key)?;
        Some(PersonaView {
            key: p.key.clone(),
            name: p.name.get(locale, fb).to_string(),
            description: p.description.get(locale, fb).to_string(),
            confidence: m.confidence,
            empathy: EmpathyView {
                thinks: p.empathy.thinks.get(locale, fb).to_string(),
                feels: p.empathy.feels.get(locale, fb).to_string(),
                says: p.empathy.says.get(locale, fb).to_string(),
                does: p.empathy.does.get(locale, fb).to_string(),
            },
            reasons: explain_all(def, &answers, &m.reasons, locale),
        })
    });
    let traits = def
        .traits
        .iter()
        .map(|t| TraitView {
            key: t.key.clone(),
            name: t.name.get(locale, fb).to_string(),
            score: outcome.traits.get(&t.key).copied().unwrap_or(0.5),
            low: t.low.get(locale, fb).to_string(),
            high: t.high.get(locale, fb).to_string(),
        })
        .collect();
    let offers = outcome
        .offers
        .iter()
        .filter_map(|r| {
            let o = def.offer(&r.key)?;
            Some(OfferView {
                key: o.key.clone(),
                title: o.title.get(locale, fb).to_string(),
                description: o.description.get(locale, fb).to_string(),
                url: o.url.clone(),
                image: o.image.clone(),
                score: r.score,
                reasons: explain_all(def, &answers, &r.reasons, locale),
            })
        })
        .collect();
    let learning_path = outcome.learning_path.as_ref().and_then(|c| {
        let p = def.learning_path(&c.key)?;
        Some(PathView {
            key: p.key.clone(),
            title: p.title.get(locale, fb).to_string(),
            description: p.description.get(locale, fb).to_string(),
            steps: p
                .steps
                .iter()
                .map(|s| StepView {
                    kind: s.kind,
                    title: s.title.get(locale, fb).to_string(),
                    body: s.body.get(locale, fb).to_string(),
                    url: s.url.clone(),
                    minutes: s.minutes,
                })
                .collect(),
            reasons: explain_all(def, &answers, &c.reasons, locale),
        })
    });
    OutcomeView {
        persona,
        traits,
        insights: outcome
            .insights
            .iter()
            .map(|i| i.text.get(locale, fb).to_string())
            .collect(),
        offers,
        learning_path,
    }
}

pub fn result_screen(loaded: &Loaded, outcome: &Outcome) -> ResultScreen {
    let def = &loaded.definition;
    let locale = &loaded.response.locale;
    ResultScreen {
        locale: locale.clone(),
        locales: def.locales.clone(),
        slug: def.slug.clone(),
        token: loaded.token.clone(),
        title: def.title.get(locale, def.default_locale()).to_string(),
        outcome: outcome_view(def, &loaded.answers, outcome, locale),
    }
}
