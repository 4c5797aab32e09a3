//! Builds the views from a definition, the answers and the reader's languages (the
//! questionnaire's and the interface's). Pure: the
//! server functions and the REST handlers call these with what they loaded.

use super::screens::{
    AssessmentCard, EmpathyView, OfferView, OptionView, OutcomeView, PathView, PersonaView,
    QuestionView, StartScreen, StepView, TraitView,
};
use crate::domain::answer::Answers;
use crate::domain::definition::{Definition, Question, Text};
use crate::domain::flow::effective_answers;
use crate::domain::link::safe_link;
use crate::domain::recommend::Outcome;
use crate::i18n::Locale;
use crate::views::reasons::explain_all;

/// Texts of one definition in one language, falling back to the definition's default.
struct Words<'a> {
    locale: &'a str,
    fallback: &'a str,
}

impl<'a> Words<'a> {
    fn new(def: &'a Definition, locale: &'a str) -> Self {
        Words {
            locale,
            fallback: def.default_locale(),
        }
    }

    fn of(&self, text: &Text) -> String {
        text.get(self.locale, self.fallback).to_string()
    }
}

pub fn question_view(def: &Definition, q: &Question, locale: &str) -> QuestionView {
    let w = Words::new(def, locale);
    let bounds = q.bounds();
    let range = q.range.as_ref();
    QuestionView {
        key: q.key.clone(),
        kind: q.kind,
        prompt: w.of(&q.prompt),
        help: q.help.as_ref().map(|t| w.of(t)),
        required: q.required,
        options: q
            .options
            .iter()
            .map(|o| OptionView {
                key: o.key.clone(),
                label: w.of(&o.label),
                image: safe_link(o.image.as_deref()),
            })
            .collect(),
        min: bounds.map(|b| b.0),
        max: bounds.map(|b| b.1),
        step: bounds.map(|b| b.2),
        min_label: range.and_then(|r| r.min_label.as_ref()).map(|t| w.of(t)),
        max_label: range.and_then(|r| r.max_label.as_ref()).map(|t| w.of(t)),
        unit: range.and_then(|r| r.unit.as_ref()).map(|t| w.of(t)),
    }
}

pub fn card(def: &Definition, locale: &str) -> AssessmentCard {
    let locale = def.pick_locale(locale);
    let w = Words::new(def, &locale);
    AssessmentCard {
        slug: def.slug.clone(),
        title: w.of(&def.title),
        description: w.of(&def.description),
        questions: def.questions.iter().filter(|q| q.show_if.is_none()).count(),
    }
}

/// The start screen; `touchpoint` is already cleaned by the caller.
pub fn start_screen(
    def: &Definition,
    locale: &str,
    ui: Locale,
    touchpoint: Option<String>,
) -> StartScreen {
    let card = card(def, locale);
    StartScreen {
        ui,
        locale: def.pick_locale(locale),
        locales: def.locales.clone(),
        slug: card.slug,
        title: card.title,
        description: card.description,
        questions: card.questions,
        touchpoint,
    }
}

/// The outcome with the questionnaire's texts in `locale` and the reasons worded in `ui`.
pub fn outcome_view(
    def: &Definition,
    answers: &Answers,
    outcome: &Outcome,
    locale: &str,
    ui: Locale,
) -> OutcomeView {
    let w = Words::new(def, locale);
    let answers = effective_answers(def, answers);
    let persona = outcome.persona.as_ref().and_then(|m| {
        let p = def.persona(&m.key)?;
        Some(PersonaView {
            key: p.key.clone(),
            name: w.of(&p.name),
            description: w.of(&p.description),
            confidence: m.confidence,
            empathy: EmpathyView {
                thinks: w.of(&p.empathy.thinks),
                feels: w.of(&p.empathy.feels),
                says: w.of(&p.empathy.says),
                does: w.of(&p.empathy.does),
            },
            reasons: explain_all(def, &answers, &m.reasons, locale, ui),
        })
    });
    let traits = def
        .traits
        .iter()
        .map(|t| TraitView {
            key: t.key.clone(),
            name: w.of(&t.name),
            score: outcome.traits.get(&t.key).copied().unwrap_or(0.5),
            low: w.of(&t.low),
            high: w.of(&t.high),
        })
        .collect();
    let offers = outcome
        .offers
        .iter()
        .filter_map(|r| {
            let o = def.offer(&r.key)?;
            Some(OfferView {
                key: o.key.clone(),
                title: w.of(&o.title),
                description: w.of(&o.description),
                url: safe_link(o.url.as_deref()),
                image: safe_link(o.image.as_deref()),
                score: r.score,
                reasons: explain_all(def, &answers, &r.reasons, locale, ui),
            })
        })
        .collect();
    let learning_path = outcome.learning_path.as_ref().and_then(|c| {
        let p = def.learning_path(&c.key)?;
        Some(PathView {
            key: p.key.clone(),
            title: w.of(&p.title),
            description: w.of(&p.description),
            steps: p
                .steps
                .iter()
                .map(|s| StepView {
                    kind: s.kind,
                    title: w.of(&s.title),
                    body: w.of(&s.body),
                    url: safe_link(s.url.as_deref()),
                    minutes: s.minutes,
                })
                .collect(),
            reasons: explain_all(def, &answers, &c.reasons, locale, ui),
        })
    });
    OutcomeView {
        persona,
        traits,
        stage: outcome.stage,
        goals: outcome.goals.clone(),
        insights: outcome.insights.iter().map(|i| w.of(&i.text)).collect(),
        offers,
        learning_path,
    }
}
