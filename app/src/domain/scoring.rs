//! Trait scores from answers. Each answer adds its options' effects (or, for numeric
//! questions, the question's effects scaled by where the number falls in its range). The raw
//! sum per trait is then normalised to 0..=1 between the lowest and highest sum the questions
//! the respondent actually answered could have produced, so a short path through the
//! questionnaire is scored as fairly as a long one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::answer::{AnswerValue, Answers};
use super::definition::{Definition, Question, QuestionKind};
use super::flow::effective_answers;

/// Score given to a trait no answered question could move.
pub const NEUTRAL: f64 = 0.5;

/// One answer's push on one trait: the evidence behind a score, cited in reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub question: String,
    /// The option chosen, or `None` for a numeric answer.
    pub option: Option<String>,
    pub delta: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TraitScores {
    /// Normalised 0..=1 score per declared trait.
    pub scores: BTreeMap<String, f64>,
    /// What moved each trait, strongest first.
    pub evidence: BTreeMap<String, Vec<Contribution>>,
}

impl TraitScores {
    pub fn get(&self, key: &str) -> f64 {
        self.scores.get(key).copied().unwrap_or(NEUTRAL)
    }
}

/// Where a numeric answer falls: -1 at the bottom of the range, 0 in the middle, 1 at the top.
fn position_in_range(question: &Question, n: f64) -> f64 {
    match question.bounds() {
        Some((min, max, _)) if max > min => ((n - min) / (max - min) * 2.0 - 1.0).clamp(-1.0, 1.0),
        _ => 0.0,
    }
}

/// The lowest and highest sum `question` can add to `trait_key`.
fn reach(question: &Question, trait_key: &str) -> (f64, f64) {
    let effect = |e: &BTreeMap<String, f64>| e.get(trait_key).copied().unwrap_or(0.0);
    match question.kind {
        QuestionKind::MultipleChoice => question
            .options
            .iter()
            .map(|o| effect(&o.effects))
            .fold((0.0, 0.0), |(lo, hi), e| (lo + e.min(0.0), hi + e.max(0.0))),
        QuestionKind::SingleChoice | QuestionKind::ImageChoice => {
            let values = question.options.iter().map(|o| effect(&o.effects));
            let lo = values.clone().fold(f64::INFINITY, f64::min);
            let hi = values.fold(f64::NEG_INFINITY, f64::max);
            if lo.is_finite() { (lo, hi) } else { (0.0, 0.0) }
        }
        _ => {
            let e = effect(&question.effects).abs();
            (-e, e)
        }
    }
}

/// Score the traits of `def` from `answers`. Answers to questions that are no longer shown
/// are ignored.
pub fn score(def: &Definition, answers: &Answers) -> TraitScores {
    let answers = effective_answers(def, answers);
    let mut out = TraitScores::default();
    for t in &def.traits {
        let (mut raw, mut lo, mut hi) = (0.0, 0.0, 0.0);
        let mut evidence = Vec::new();
        for q in &def.questions {
            let Some(answer) = answers.get(&q.key) else {
                continue;
            };
            if answer.is_skipped() {
                continue;
            }
            let (q_lo, q_hi) = reach(q, &t.key);
            lo += q_lo;
            hi += q_hi;
            match answer {
                AnswerValue::Keys(keys) => {
                    for key in keys {
                        let delta = q
                            .option(key)
                            .and_then(|o| o.effects.get(&t.key))
                            .copied()
                            .unwrap_or(0.0);
                        raw += delta;
                        if delta != 0.0 {
                            evidence.push(Contribution {
                                question: q.key.clone(),
                                option: Some(key.clone()),
                                delta,
                            });
                        }
                    }
                }
                AnswerValue::Number(n) => {
                    let delta =
                        q.effects.get(&t.key).copied().unwrap_or(0.0) * position_in_range(q, *n);
                    raw += delta;
                    if delta.abs() > 1e-9 {
                        evidence.push(Contribution {
                            question: q.key.clone(),
                            option: None,
                            delta,
                        });
                    }
                }
                AnswerValue::Text(_) | AnswerValue::Skipped => {}
            }
        }
        let normalised = if hi - lo > 1e-9 {
            ((raw - lo) / (hi - lo)).clamp(0.0, 1.0)
        } else {
            NEUTRAL
        };
        // Strongest evidence first; equal strength keeps questionnaire order (stable sort).
        evidence.sort_by(|a, b| b.delta.abs().total_cmp(&a.delta.abs()));
        out.scores.insert(t.key.clone(), round3(normalised));
        out.evidence.insert(t.key.clone(), evidence);
    }
    out
}

/// Scores are kept to three decimals so that stored, re-computed and displayed values agree.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn keys(k: &[&str]) -> AnswerValue {
        AnswerValue::Keys(k.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn no_answers_scores_every_trait_neutral() {
        let s = score(&sample(), &Answers::new());
        assert_eq!(s.scores.len(), 3);
        assert!(s.scores.values().all(|v| *v == NEUTRAL));
    }

    #[test]
    fn the_strongest_option_on_a_trait_scores_one_and_the_weakest_zero() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), keys(&["trail"]));
        assert_eq!(score(&def, &answers).get("grip"), 1.0);
        answers.insert("surface".into(), keys(&["road"]));
        assert_eq!(score(&def, &answers).get("grip"), 0.0);
    }

    #[test]
    fn multiple_choice_adds_every_chosen_option() {
        let def = sample();
        let mut answers = Answers::new();
        // stability reach over "pain": -1 ..= 3.
        answers.insert("pain".into(), keys(&["knee", "ankle"]));
        assert_eq!(score(&def, &answers).get("stability"), 1.0);
        answers.insert("pain".into(), keys(&["knee"]));
        assert_eq!(score(&def, &answers).get("stability"), 0.5);
    }

    #[test]
    fn numbers_push_by_where_they_fall_in_the_range() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("weekly_km".into(), AnswerValue::Number(75.0));
        // position 0.5 of effect 1 over reach -1..=1 → 0.75
        assert_eq!(score(&def, &answers).get("cushioning"), 0.75);
        answers.insert("weekly_km".into(), AnswerValue::Number(50.0));
        assert_eq!(score(&def, &answers).get("cushioning"), 0.5);
    }

    #[test]
    fn hidden_and_skipped_questions_do_not_widen_the_range() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), keys(&["road"]));
        answers.insert("terrain".into(), keys(&["technical"]));
        answers.insert("note".into(), AnswerValue::Skipped);
        let s = score(&def, &answers);
        // terrain is hidden for road runners, so only "surface" counts for grip.
        assert_eq!(s.get("grip"), 0.0);
        assert!(s.evidence["grip"].iter().all(|c| c.question == "surface"));
    }

    #[test]
    fn evidence_lists_the_strongest_answers_first() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("pain".into(), keys(&["knee", "ankle"]));
        let s = score(&def, &answers);
        let options: Vec<_> = s.evidence["stability"]
            .iter()
            .map(|c| c.option.clone().unwrap())
            .collect();
        assert_eq!(options, vec!["ankle", "knee"]);
    }
}
