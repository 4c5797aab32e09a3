//! From answers to an outcome: the nearest persona, the offers ranked by fit, the learning
//! path, each with the reasons that produced it.
//!
//! Rules, stated once:
//! - **Persona**: smallest Euclidean distance between the trait scores and the persona's
//!   profile (traits a profile leaves out count as 0.5). Confidence is the persona's share of
//!   inverse distances over all personas, so it is 1 for an exact match and `1/n` when all
//!   are equally far. Ties go to the persona declared first.
//! - **Offers**: offers whose stages exclude the respondent's stage are left out. The rest
//!   score `0.5·trait fit + 0.3·goal overlap + 0.2·persona affinity`, where a part the offer
//!   does not target gives its weight to the others. Ranked by score, ties to the offer
//!   declared first; the first `max_offers` are kept.
//! - **Learning path**: `3·persona match + 2·goal overlap + 1·stage match`; ties to the path
//!   declared first.
//!
//! The same answers always give the same outcome: no randomness, no clock, no hash order.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::answer::{AnswerValue, Answers};
use super::definition::{Definition, Stage, Targeting};
use super::flow::{effective_answers, insights_for};
use super::scoring::{Contribution, TraitScores, round3, score};

/// Profile value assumed for a trait a persona or offer does not mention.
const UNSPECIFIED: f64 = 0.5;
/// A trait is cited as a reason when the respondent is this close to the target.
const CLOSE_ENOUGH: f64 = 0.25;

/// Evidence for a reason: an answer, by question and (for choices) option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
}

/// Why something was recommended, in structured form; [`crate::domain::explain`] resolves
/// what it cites and `crate::views::reasons` words it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The respondent's score on `trait_key` is close to the target; `high` says which end.
    Trait {
        trait_key: String,
        high: bool,
        evidence: Vec<Evidence>,
    },
    /// The respondent expressed these goals, which the target shares.
    Goals {
        goals: Vec<String>,
        evidence: Vec<Evidence>,
    },
    /// Made for the respondent's persona.
    Persona { persona: String },
    /// Meant for the respondent's journey stage.
    Stage {
        stage: Stage,
        evidence: Vec<Evidence>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonaMatch {
    pub key: String,
    pub confidence: f64,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedOffer {
    pub key: String,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathChoice {
    pub key: String,
    pub score: f64,
    pub reasons: Vec<Reason>,
}

/// An insight the respondent earned, by the question that earned it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarnedInsight {
    pub question: String,
    pub text: super::definition::Text,
}

/// Everything the result page shows, as stored with the response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub traits: std::collections::BTreeMap<String, f64>,
    pub stage: Stage,
    pub goals: Vec<String>,
    pub persona: Option<PersonaMatch>,
    pub offers: Vec<RankedOffer>,
    pub learning_path: Option<PathChoice>,
    pub insights: Vec<EarnedInsight>,
}

/// The goals the respondent expressed, in questionnaire order, each with its evidence.
fn expressed_goals(def: &Definition, answers: &Answers) -> Vec<(String, Evidence)> {
    let mut out: Vec<(String, Evidence)> = Vec::new();
    for q in &def.questions {
        let Some(AnswerValue::Keys(keys)) = answers.get(&q.key) else {
            continue;
        };
        for o in q.options.iter().filter(|o| keys.contains(&o.key)) {
            for g in &o.goals {
                if !out.iter().any(|(k, _)| k == g) {
                    out.push((
                        g.clone(),
                        Evidence {
                            question: q.key.clone(),
                            option: Some(o.key.clone()),
                        },
                    ));
                }
            }
        }
    }
    out
}

/// The journey stage: set by the last answered option that names one, else the default.
fn journey_stage(def: &Definition, answers: &Answers) -> (Stage, Vec<Evidence>) {
    let mut found = (def.default_stage, Vec::new());
    for q in &def.questions {
        let Some(AnswerValue::Keys(keys)) = answers.get(&q.key) else {
            continue;
        };
        for o in q.options.iter().filter(|o| keys.contains(&o.key)) {
            if let Some(stage) = o.stage {
                found = (
                    stage,
                    vec![Evidence {
                        question: q.key.clone(),
                        option: Some(o.key.clone()),
                    }],
                );
            }
        }
    }
    found
}

fn distance(
    scores: &TraitScores,
    def: &Definition,
    target: &std::collections::BTreeMap<String, f64>,
    only_targeted: bool,
) -> f64 {
    def.traits
        .iter()
        .filter(|t| !only_targeted || target.contains_key(&t.key))
        .map(|t| {
            let d = scores.get(&t.key) - target.get(&t.key).copied().unwrap_or(UNSPECIFIED);
            d * d
        })
        .sum::<f64>()
        .sqrt()
}

fn evidence_of(contributions: &[Contribution], high: bool, limit: usize) -> Vec<Evidence> {
    contributions
        .iter()
        .filter(|c| (c.delta > 0.0) == high)
        .take(limit)
        .map(|c| Evidence {
            question: c.question.clone(),
            option: c.option.clone(),
        })
        .collect()
}

/// Trait reasons for a target profile: the traits where the respondent is near a target that
/// leans clearly one way, citing the answers that pushed them there.
fn trait_reasons(
    def: &Definition,
    scores: &TraitScores,
    target: &std::collections::BTreeMap<String, f64>,
) -> Vec<Reason> {
    let mut out = Vec::new();
    for t in &def.traits {
        let Some(&want) = target.get(&t.key) else {
            continue;
        };
        let have = scores.get(&t.key);
        if (want - UNSPECIFIED).abs() < 0.15 || (have - want).abs() > CLOSE_ENOUGH {
            continue;
        }
        let high = want > UNSPECIFIED;
        let evidence = evidence_of(
            scores.evidence.get(&t.key).map_or(&[][..], Vec::as_slice),
            high,
            2,
        );
        if !evidence.is_empty() {
            out.push(Reason::Trait {
                trait_key: t.key.clone(),
                high,
                evidence,
            });
        }
    }
    out
}

fn match_persona(def: &Definition, scores: &TraitScores) -> Option<PersonaMatch> {
    let distances: Vec<f64> = def
        .personas
        .iter()
        .map(|p| distance(scores, def, &p.profile, false))
        .collect();
    // Strict `<` keeps the first declared persona on ties.
    let best = (0..distances.len()).reduce(|best, i| {
        if distances[i] < distances[best] - 1e-12 {
            i
        } else {
            best
        }
    })?;
    let confidence = if distances[best] < 1e-9 {
        1.0
    } else {
        let inverse: f64 = distances.iter().map(|d| 1.0 / d.max(1e-9)).sum();
        (1.0 / distances[best]) / inverse
    };
    let persona = &def.personas[best];
    Some(PersonaMatch {
        key: persona.key.clone(),
        confidence: round3(confidence),
        reasons: trait_reasons(def, scores, &persona.profile),
    })
}

fn goal_reason(targeted: &[String], goals: &[(String, Evidence)]) -> (f64, Option<Reason>) {
    if targeted.is_empty() {
        return (0.0, None);
    }
    let shared: Vec<&(String, Evidence)> =
        goals.iter().filter(|(g, _)| targeted.contains(g)).collect();
    let overlap = shared.len() as f64 / targeted.len() as f64;
    let reason = (!shared.is_empty()).then(|| Reason::Goals {
        goals: shared.iter().map(|(g, _)| g.clone()).collect(),
        evidence: shared.iter().map(|(_, e)| e.clone()).collect(),
    });
    (overlap, reason)
}

fn rank_offers(
    def: &Definition,
    scores: &TraitScores,
    persona: Option<&str>,
    goals: &[(String, Evidence)],
    stage: Stage,
) -> Vec<RankedOffer> {
    let mut ranked: Vec<(usize, RankedOffer)> = def
        .offers
        .iter()
        .enumerate()
        .filter(|(_, o)| o.targeting.stages.is_empty() || o.targeting.stages.contains(&stage))
        .map(|(i, o)| {
            (
                i,
                score_offer(def, scores, persona, goals, stage, &o.key, &o.targeting),
            )
        })
        .collect();
    ranked.sort_by(|(ia, a), (ib, b)| b.score.total_cmp(&a.score).then(ia.cmp(ib)));
    ranked
        .into_iter()
        .map(|(_, o)| o)
        .take(def.max_offers)
        .collect()
}

fn score_offer(
    def: &Definition,
    scores: &TraitScores,
    persona: Option<&str>,
    goals: &[(String, Evidence)],
    stage: Stage,
    key: &str,
    targeting: &Targeting,
) -> RankedOffer {
    let mut parts: Vec<(f64, f64)> = Vec::new(); // (weight, value in 0..=1)
    let mut reasons = Vec::new();
    if !targeting.traits.is_empty() {
        let max = (targeting.traits.len() as f64).sqrt();
        let fit = 1.0 - distance(scores, def, &targeting.traits, true) / max;
        parts.push((0.5, fit));
        reasons.extend(trait_reasons(def, scores, &targeting.traits));
    }
    if !targeting.goals.is_empty() {
        let (overlap, reason) = goal_reason(&targeting.goals, goals);
        parts.push((0.3, overlap));
        reasons.extend(reason);
    }
    if !targeting.personas.is_empty() {
        let affinity = persona.is_some_and(|p| targeting.personas.iter().any(|t| t == p));
        parts.push((0.2, if affinity { 1.0 } else { 0.0 }));
        if affinity {
            reasons.push(Reason::Persona {
                persona: persona.unwrap_or_default().to_string(),
            });
        }
    }
    if !targeting.stages.is_empty() {
        reasons.push(Reason::Stage {
            stage,
            evidence: Vec::new(),
        });
    }
    let weight: f64 = parts.iter().map(|(w, _)| w).sum();
    // An offer that targets nothing fits everyone a little: below any real match.
    let score = if weight > 0.0 {
        parts.iter().map(|(w, v)| w * v).sum::<f64>() / weight
    } else {
        0.25
    };
    RankedOffer {
        key: key.to_string(),
        score: round3(score),
        reasons,
    }
}

fn choose_path(
    def: &Definition,
    persona: Option<&str>,
    goals: &[(String, Evidence)],
    stage: (Stage, &[Evidence]),
) -> Option<PathChoice> {
    let mut best: Option<PathChoice> = None;
    for path in &def.learning_paths {
        let mut reasons = Vec::new();
        let mut total = 0.0;
        if persona.is_some_and(|p| path.personas.iter().any(|t| t == p)) {
            total += 3.0;
            reasons.push(Reason::Persona {
                persona: persona.unwrap_or_default().to_string(),
            });
        }
        let (overlap, reason) = goal_reason(&path.goals, goals);
        total += 2.0 * overlap;
        reasons.extend(reason);
        if path.stage == stage.0 {
            total += 1.0;
            reasons.push(Reason::Stage {
                stage: stage.0,
                evidence: stage.1.to_vec(),
            });
        }
        let total = round3(total / 6.0);
        if best.as_ref().is_none_or(|b| total > b.score) {
            best = Some(PathChoice {
                key: path.key.clone(),
                score: total,
                reasons,
            });
        }
    }
    best
}

/// The full outcome of `answers` on `def`.
pub fn recommend(def: &Definition, answers: &Answers) -> Outcome {
    let answers = effective_answers(def, answers);
    let scores = score(def, &answers);
    let goals = expressed_goals(def, &answers);
    let (stage, stage_evidence) = journey_stage(def, &answers);
    let persona = match_persona(def, &scores);
    let persona_key = persona.as_ref().map(|p| p.key.as_str());
    let offers = rank_offers(def, &scores, persona_key, &goals, stage);
    let learning_path = choose_path(def, persona_key, &goals, (stage, &stage_evidence));
    let insights = def
        .questions
        .iter()
        .flat_map(|q| {
            insights_for(q, &answers)
                .into_iter()
                .map(|text| EarnedInsight {
                    question: q.key.clone(),
                    text: text.clone(),
                })
        })
        .collect();
    Outcome {
        traits: scores.scores.clone(),
        stage,
        goals: goals
            .iter()
            .map(|(g, _)| g.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
        persona,
        offers,
        learning_path,
        insights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn keys(k: &[&str]) -> AnswerValue {
        AnswerValue::Keys(k.iter().map(|s| s.to_string()).collect())
    }

    fn trail_runner() -> Answers {
        let mut a = Answers::new();
        a.insert("surface".into(), keys(&["trail"]));
        a.insert("terrain".into(), keys(&["technical"]));
        a.insert("pain".into(), keys(&["none"]));
        a.insert("weekly_km".into(), AnswerValue::Number(40.0));
        a
    }

    fn injured_road_runner() -> Answers {
        let mut a = Answers::new();
        a.insert("surface".into(), keys(&["road"]));
        a.insert("pain".into(), keys(&["knee", "ankle"]));
        a.insert("weekly_km".into(), AnswerValue::Number(60.0));
        a
    }

    #[test]
    fn a_technical_trail_runner_is_an_explorer_and_gets_the_mud_shoe_first() {
        let def = sample();
        let out = recommend(&def, &trail_runner());
        let persona = out.persona.unwrap();
        assert_eq!(persona.key, "explorer");
        assert!(persona.confidence > 1.0 / 3.0 && persona.confidence <= 1.0);
        assert_eq!(out.offers[0].key, "mud");
        assert_eq!(out.learning_path.unwrap().key, "trail_basics");
        assert_eq!(out.goals, vec!["adventure"]);
    }

    #[test]
    fn an_injured_road_runner_is_careful_and_gets_support() {
        let def = sample();
        let out = recommend(&def, &injured_road_runner());
        assert_eq!(out.persona.unwrap().key, "careful");
        assert_eq!(out.offers[0].key, "guide");
        assert_eq!(out.learning_path.as_ref().unwrap().key, "strength");
    }

    #[test]
    fn reasons_cite_the_answers_behind_them() {
        let def = sample();
        let out = recommend(&def, &trail_runner());
        let mud = &out.offers[0];
        assert!(mud.reasons.contains(&Reason::Trait {
            trait_key: "grip".into(),
            high: true,
            evidence: vec![
                Evidence {
                    question: "surface".into(),
                    option: Some("trail".into())
                },
                Evidence {
                    question: "terrain".into(),
                    option: Some("technical".into())
                },
            ],
        }));
        assert!(mud.reasons.contains(&Reason::Goals {
            goals: vec!["adventure".into()],
            evidence: vec![Evidence {
                question: "surface".into(),
                option: Some("trail".into())
            }],
        }));
        assert!(mud.reasons.contains(&Reason::Persona {
            persona: "explorer".into()
        }));
    }

    #[test]
    fn offers_for_another_stage_are_left_out() {
        let def = sample();
        let out = recommend(&def, &trail_runner());
        assert!(out.offers.iter().all(|o| o.key != "insoles"));
        assert_eq!(out.stage, Stage::Onboarding);
    }

    #[test]
    fn the_first_declared_persona_wins_a_tie() {
        let mut def = sample();
        let twin = def.personas[0].profile.clone();
        def.personas[1].profile = twin;
        // Everything neutral: explorer and cruiser are now equally far; explorer comes first.
        let out = recommend(&def, &Answers::new());
        assert_eq!(out.persona.unwrap().key, "explorer");
        def.personas.swap(0, 1);
        let out = recommend(&def, &Answers::new());
        assert_eq!(out.persona.unwrap().key, "cruiser");
    }

    #[test]
    fn offers_with_equal_scores_keep_declaration_order() {
        let mut def = sample();
        for o in &mut def.offers {
            o.targeting = Targeting::default();
        }
        let out = recommend(&def, &trail_runner());
        let keys: Vec<_> = out.offers.iter().map(|o| o.key.as_str()).collect();
        assert_eq!(keys, vec!["mud", "cloud", "guide"]);
    }

    #[test]
    fn the_same_answers_always_give_the_same_outcome() {
        let def = sample();
        let first = recommend(&def, &injured_road_runner());
        for _ in 0..20 {
            assert_eq!(recommend(&def, &injured_road_runner()), first);
        }
    }

    #[test]
    fn an_exact_profile_match_has_full_confidence() {
        let mut def = sample();
        let scores = score(&def, &trail_runner()).scores;
        def.personas[2].profile = scores;
        let out = recommend(&def, &trail_runner());
        let persona = out.persona.unwrap();
        assert_eq!((persona.key.as_str(), persona.confidence), ("careful", 1.0));
    }

    #[test]
    fn insights_earned_are_collected_in_question_order() {
        let def = sample();
        let out = recommend(&def, &trail_runner());
        assert_eq!(out.insights.len(), 2);
        assert!(out.insights.iter().all(|i| i.question == "surface"));
    }
}
