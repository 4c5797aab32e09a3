//! The checks of questions: options, ranges, links, and `show_if` conditions, which may only
//! look at earlier questions and must fit their kind.

use super::Checker;
use crate::domain::definition::{Condition, Question, QuestionKind};

impl<'a> Checker<'a> {
    /// `earlier` is the questions a condition at this point may look at.
    pub(super) fn condition(&mut self, path: &str, c: &Condition, earlier: &[&Question]) {
        let forms = [
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
            c.question.is_some(),
        ];
        if forms.iter().filter(|f| **f).count() != 1 {
            self.err(path, "use exactly one of `all`, `any`, `not` or `question`");
            return;
        }
        if let Some(list) = c.all.as_ref().or(c.any.as_ref()) {
            let name = if c.all.is_some() { "all" } else { "any" };
            if list.is_empty() {
                self.err(format!("{path}.{name}"), "needs at least one condition");
            }
            for (i, inner) in list.iter().enumerate() {
                self.condition(&format!("{path}.{name}[{i}]"), inner, earlier);
            }
            return;
        }
        if let Some(inner) = &c.not {
            self.condition(&format!("{path}.not"), inner, earlier);
            return;
        }
        let key = c.question.as_deref().unwrap_or_default();
        let Some(q) = earlier.iter().find(|q| q.key == key) else {
            self.err(
                format!("{path}.question"),
                format!("`{key}` is not an earlier question"),
            );
            return;
        };
        let tests = [
            c.equals.is_some(),
            c.one_of.is_some(),
            c.includes.is_some(),
            c.min.is_some() || c.max.is_some(),
            c.answered.is_some(),
        ];
        if tests.iter().filter(|t| **t).count() != 1 {
            self.err(
                path,
                "use exactly one test: `equals`, `one_of`, `includes`, `min`/`max` or `answered`",
            );
            return;
        }
        let single = matches!(
            q.kind,
            QuestionKind::SingleChoice | QuestionKind::ImageChoice
        );
        let mut options = Vec::new();
        if let Some(o) = &c.equals {
            if !single {
                self.err(
                    format!("{path}.equals"),
                    format!(
                        "`equals` needs a single or image choice; `{key}` is {}",
                        q.kind.as_str()
                    ),
                );
            }
            options.push(("equals".to_string(), o));
        }
        if let Some(list) = &c.one_of {
            if !single {
                self.err(
                    format!("{path}.one_of"),
                    format!(
                        "`one_of` needs a single or image choice; `{key}` is {}",
                        q.kind.as_str()
                    ),
                );
            }
            options.extend(
                list.iter()
                    .enumerate()
                    .map(|(i, o)| (format!("one_of[{i}]"), o)),
            );
        }
        if let Some(o) = &c.includes {
            if q.kind != QuestionKind::MultipleChoice {
                self.err(
                    format!("{path}.includes"),
                    format!(
                        "`includes` needs a multiple choice; `{key}` is {}",
                        q.kind.as_str()
                    ),
                );
            }
            options.push(("includes".to_string(), o));
        }
        for (at, option) in options {
            if q.option(option).is_none() {
                self.err(
                    format!("{path}.{at}"),
                    format!("`{key}` has no option `{option}`"),
                );
            }
        }
        if (c.min.is_some() || c.max.is_some()) && !q.kind.is_numeric() {
            self.err(
                path.to_string(),
                format!(
                    "`min`/`max` need a numeric question; `{key}` is {}",
                    q.kind.as_str()
                ),
            );
        }
    }

    pub(super) fn link(&mut self, path: &str, link: Option<&str>) {
        if let Some(link) = link
            && !crate::domain::link::is_safe_link(link)
        {
            self.err(
                path,
                "use an http(s) URL or a path on this site starting with `/`",
            );
        }
    }

    pub(super) fn question(&mut self, i: usize, q: &'a Question) {
        let path = format!("questions[{i}]");
        self.text(&format!("{path}.prompt"), &q.prompt);
        if let Some(help) = &q.help {
            self.text(&format!("{path}.help"), help);
        }
        if q.kind.has_options() {
            if q.options.len() < 2 {
                self.err(
                    format!("{path}.options"),
                    "a choice question needs at least two options",
                );
            }
            self.unique_keys(
                &format!("{path}.options"),
                q.options.iter().map(|o| o.key.as_str()),
            );
            for (j, o) in q.options.iter().enumerate() {
                let opath = format!("{path}.options[{j}]");
                self.text(&format!("{opath}.label"), &o.label);
                self.trait_map(&format!("{opath}.effects"), &o.effects, false);
                self.goal_list(&format!("{opath}.goals"), &o.goals);
                if let Some(insight) = &o.insight {
                    self.text(&format!("{opath}.insight"), insight);
                }
                self.link(&format!("{opath}.image"), o.image.as_deref());
                if o.exclusive && q.kind != QuestionKind::MultipleChoice {
                    self.err(
                        format!("{opath}.exclusive"),
                        "only a multiple-choice option can be exclusive",
                    );
                }
                if q.kind == QuestionKind::ImageChoice
                    && o.image.as_deref().is_none_or(str::is_empty)
                {
                    self.err(
                        format!("{opath}.image"),
                        "an image choice option needs an image",
                    );
                }
            }
        } else if !q.options.is_empty() {
            self.err(
                format!("{path}.options"),
                format!("a {} question has no options", q.kind.as_str()),
            );
        }
        match (q.kind, &q.range) {
            (QuestionKind::Scale | QuestionKind::Number, None) => {
                self.err(
                    format!("{path}.range"),
                    format!("a {} question needs a range", q.kind.as_str()),
                );
            }
            (QuestionKind::Scale | QuestionKind::Number, Some(r)) => {
                if !(r.min.is_finite() && r.max.is_finite() && r.min < r.max) {
                    self.err(format!("{path}.range"), "`min` must be below `max`");
                }
                if !(r.step.is_finite() && r.step > 0.0) {
                    self.err(format!("{path}.range.step"), "must be above 0");
                }
                // Answers are checked against the steps in exact decimals (see
                // `answer::on_step`): bounds it cannot represent would refuse every answer.
                for (name, value) in [("min", r.min), ("max", r.max), ("step", r.step)] {
                    if !crate::domain::answer::is_exact_decimal(value) {
                        self.err(
                            format!("{path}.range.{name}"),
                            "use at most 9 decimal places and a size below 10^15",
                        );
                    }
                }
                for (name, label) in [
                    ("min_label", &r.min_label),
                    ("max_label", &r.max_label),
                    ("unit", &r.unit),
                ] {
                    if let Some(label) = label {
                        self.text(&format!("{path}.range.{name}"), label);
                    }
                }
            }
            (_, Some(_)) => self.err(
                format!("{path}.range"),
                format!("a {} question takes no range", q.kind.as_str()),
            ),
            (_, None) => {}
        }
        if !q.effects.is_empty() && !matches!(q.kind, QuestionKind::Scale | QuestionKind::Number) {
            self.err(format!("{path}.effects"), "question effects apply to scale and number questions; put choice effects on options");
        }
        self.trait_map(&format!("{path}.effects"), &q.effects, false);
        let earlier: Vec<&Question> = self.def.questions[..i].iter().collect();
        if let Some(c) = &q.show_if {
            self.condition(&format!("{path}.show_if"), c, &earlier);
        }
        let with_self: Vec<&Question> = self.def.questions[..=i].iter().collect();
        for (j, insight) in q.insights.iter().enumerate() {
            if let Some(c) = &insight.when {
                self.condition(&format!("{path}.insights[{j}].when"), c, &with_self);
            }
            self.text(&format!("{path}.insights[{j}].text"), &insight.text);
        }
    }
}
