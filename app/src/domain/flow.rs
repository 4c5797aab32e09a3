//! The path through a questionnaire: which questions are shown given the answers so far
//! (`show_if`), which comes next, where the respondent is, and the insights an answer earns.

use super::answer::{AnswerValue, Answers};
use super::definition::{Condition, Definition, Question, Text};

impl Condition {
    /// Whether the condition holds on `answers`. A test on a question that is unanswered or
    /// skipped is false, except `answered: false`.
    pub fn holds(&self, answers: &Answers) -> bool {
        if let Some(all) = &self.all {
            return all.iter().all(|c| c.holds(answers));
        }
        if let Some(any) = &self.any {
            return any.iter().any(|c| c.holds(answers));
        }
        if let Some(not) = &self.not {
            return !not.holds(answers);
        }
        let Some(key) = &self.question else {
            return false;
        };
        let answer = answers.get(key).filter(|a| !a.is_skipped());
        if let Some(wanted) = self.answered {
            return answer.is_some() == wanted;
        }
        let Some(answer) = answer else { return false };
        if let Some(option) = &self.equals {
            return answer.keys() == std::slice::from_ref(option);
        }
        if let Some(options) = &self.one_of {
            return answer.keys().first().is_some_and(|k| options.contains(k));
        }
        if let Some(option) = &self.includes {
            return answer.keys().contains(option);
        }
        if self.min.is_some() || self.max.is_some() {
            let Some(n) = answer.number() else {
                return false;
            };
            return self.min.is_none_or(|min| n >= min) && self.max.is_none_or(|max| n <= max);
        }
        false
    }
}

/// Whether `question` is shown, given the answers so far.
pub fn is_visible(question: &Question, answers: &Answers) -> bool {
    question.show_if.as_ref().is_none_or(|c| c.holds(answers))
}

/// The questions shown given the answers so far, in order. Questions whose condition depends
/// on a later answer cannot occur: validation requires conditions to look backwards.
pub fn visible_questions<'a>(def: &'a Definition, answers: &Answers) -> Vec<&'a Question> {
    def.questions
        .iter()
        .filter(|q| is_visible(q, answers))
        .collect()
}

/// The first shown question without an answer, or `None` when the respondent is done. An
/// optional question counts as answered only once it is answered or explicitly skipped
/// (stored as `Skipped`), so a respondent always sees it before finishing.
pub fn next_question<'a>(def: &'a Definition, answers: &Answers) -> Option<&'a Question> {
    def.questions
        .iter()
        .find(|q| is_visible(q, answers) && !answers.contains_key(&q.key))
}

/// The shown question before `key`, for the back button.
pub fn previous_question<'a>(
    def: &'a Definition,
    answers: &Answers,
    key: &str,
) -> Option<&'a Question> {
    let visible = visible_questions(def, answers);
    let at = visible.iter().position(|q| q.key == key)?;
    at.checked_sub(1).map(|i| visible[i])
}

/// Where the respondent stands: `(position of key among shown questions, 1-based; total)`.
pub fn progress(def: &Definition, answers: &Answers, key: &str) -> (usize, usize) {
    let visible = visible_questions(def, answers);
    let at = visible
        .iter()
        .position(|q| q.key == key)
        .map_or(visible.len(), |i| i + 1);
    (at, visible.len())
}

/// Whether every shown question is answered, or skipped when it is optional.
pub fn is_complete(def: &Definition, answers: &Answers) -> bool {
    next_question(def, answers).is_none()
}

/// Only the answers to questions that are still shown: changing an early answer can hide a
/// later question, whose answer then no longer counts.
pub fn effective_answers(def: &Definition, answers: &Answers) -> Answers {
    // Conditions only look backwards, so one pass in question order settles visibility.
    let mut kept = Answers::new();
    for q in &def.questions {
        if is_visible(q, &kept)
            && let Some(a) = answers.get(&q.key)
        {
            kept.insert(q.key.clone(), a.clone());
        }
    }
    kept
}

/// The insights `question`'s answer earns: the chosen options' own, then the question's
/// conditional ones whose condition holds.
pub fn insights_for<'a>(question: &'a Question, answers: &Answers) -> Vec<&'a Text> {
    let mut out = Vec::new();
    let Some(answer) = answers.get(&question.key) else {
        return out;
    };
    if let AnswerValue::Keys(keys) = answer {
        for option in &question.options {
            if keys.contains(&option.key)
                && let Some(text) = &option.insight
            {
                out.push(text);
            }
        }
    }
    if !answer.is_skipped() {
        for insight in &question.insights {
            if insight.when.as_ref().is_none_or(|c| c.holds(answers)) {
                out.push(&insight.text);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::sample;

    fn keys(k: &[&str]) -> AnswerValue {
        AnswerValue::Keys(k.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn a_question_with_show_if_is_hidden_until_its_condition_holds() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), keys(&["road"]));
        assert!(
            !visible_questions(&def, &answers)
                .iter()
                .any(|q| q.key == "terrain")
        );
        answers.insert("surface".into(), keys(&["trail"]));
        assert!(
            visible_questions(&def, &answers)
                .iter()
                .any(|q| q.key == "terrain")
        );
    }

    #[test]
    fn next_question_is_the_first_shown_unanswered_one() {
        let def = sample();
        let mut answers = Answers::new();
        assert_eq!(next_question(&def, &answers).unwrap().key, "surface");
        answers.insert("surface".into(), keys(&["road"]));
        // "terrain" is skipped over because it is hidden for road runners.
        assert_eq!(next_question(&def, &answers).unwrap().key, "pain");
        answers.insert("pain".into(), keys(&["knee"]));
        answers.insert("weekly_km".into(), AnswerValue::Number(20.0));
        answers.insert("nps".into(), AnswerValue::Number(9.0));
        answers.insert("note".into(), AnswerValue::Skipped);
        assert!(next_question(&def, &answers).is_none());
        assert!(is_complete(&def, &answers));
    }

    #[test]
    fn progress_and_previous_follow_the_shown_questions() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), keys(&["trail"]));
        assert_eq!(progress(&def, &answers, "terrain"), (2, 6));
        assert_eq!(
            previous_question(&def, &answers, "pain").unwrap().key,
            "terrain"
        );
        answers.insert("surface".into(), keys(&["road"]));
        assert_eq!(progress(&def, &answers, "pain"), (2, 5));
        assert_eq!(
            previous_question(&def, &answers, "pain").unwrap().key,
            "surface"
        );
        assert!(previous_question(&def, &answers, "surface").is_none());
    }

    #[test]
    fn answers_to_questions_that_became_hidden_stop_counting() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), keys(&["trail"]));
        answers.insert("terrain".into(), keys(&["technical"]));
        answers.insert("surface".into(), keys(&["road"]));
        let kept = effective_answers(&def, &answers);
        assert!(kept.contains_key("surface"));
        assert!(!kept.contains_key("terrain"));
    }

    #[test]
    fn conditions_combine_with_all_any_and_not() {
        let mut answers = Answers::new();
        answers.insert("pain".into(), keys(&["knee", "ankle"]));
        answers.insert("weekly_km".into(), AnswerValue::Number(30.0));
        let includes = |o: &str| Condition {
            question: Some("pain".into()),
            includes: Some(o.into()),
            ..Default::default()
        };
        let at_least = |n: f64| Condition {
            question: Some("weekly_km".into()),
            min: Some(n),
            ..Default::default()
        };
        let all = Condition {
            all: Some(vec![includes("knee"), at_least(25.0)]),
            ..Default::default()
        };
        assert!(all.holds(&answers));
        let any = Condition {
            any: Some(vec![includes("hip"), at_least(40.0)]),
            ..Default::default()
        };
        assert!(!any.holds(&answers));
        let not = Condition {
            not: Some(Box::new(any)),
            ..Default::default()
        };
        assert!(not.holds(&answers));
        let unanswered = Condition {
            question: Some("nps".into()),
            answered: Some(false),
            ..Default::default()
        };
        assert!(unanswered.holds(&answers));
    }

    #[test]
    fn insights_come_from_the_chosen_option_and_from_conditions_that_hold() {
        let def = sample();
        let mut answers = Answers::new();
        answers.insert("surface".into(), keys(&["trail"]));
        let q = def.question("surface").unwrap();
        let texts: Vec<_> = insights_for(q, &answers)
            .iter()
            .map(|t| t.get("en", "en").to_string())
            .collect();
        assert_eq!(
            texts,
            vec!["Trails ask for grip.", "Every surface teaches something."]
        );
        answers.insert("surface".into(), keys(&["road"]));
        let texts: Vec<_> = insights_for(q, &answers)
            .iter()
            .map(|t| t.get("en", "en").to_string())
            .collect();
        assert_eq!(texts, vec!["Every surface teaches something."]);
    }
}
