//! Reading and checking a questionnaire definition. Every problem is reported with the path of
//! the value at fault, e.g. `questions[3].options[1].effects.stability: unknown trait`, and
//! all problems are reported at once so an author can fix them in one pass.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::definition::{Condition, Definition, FORMAT_VERSION, Question, QuestionKind, Text};

/// One problem in a definition, at `path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefinitionError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// All problems found in a definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub struct DefinitionErrors(pub Vec<DefinitionError>);

impl fmt::Display for DefinitionErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Parse JSON text into a definition and validate it.
pub fn parse_definition(json: &str) -> Result<Definition, DefinitionErrors> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let def: Definition = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        DefinitionErrors(vec![DefinitionError {
            path,
            message: e.into_inner().to_string(),
        }])
    })?;
    let errors = validate(&def);
    if errors.is_empty() {
        Ok(def)
    } else {
        Err(DefinitionErrors(errors))
    }
}

struct Checker<'a> {
    def: &'a Definition,
    errors: Vec<DefinitionError>,
    traits: HashSet<&'a str>,
    goals: HashSet<&'a str>,
    personas: HashSet<&'a str>,
}

fn is_key(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_locale(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase())
}

impl<'a> Checker<'a> {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(DefinitionError {
            path: path.into(),
            message: message.into(),
        });
    }

    fn text(&mut self, path: &str, text: &Text) {
        for locale in &self.def.locales {
            match text.0.get(locale) {
                Some(t) if !t.trim().is_empty() => {}
                _ => self.err(format!("{path}.{locale}"), "missing text for this locale"),
            }
        }
        for locale in text.0.keys() {
            if !self.def.locales.contains(locale) {
                self.err(format!("{path}.{locale}"), "locale not listed in `locales`");
            }
        }
    }

    fn unique_keys<'k>(
        &mut self,
        path: &str,
        keys: impl Iterator<Item = &'k str>,
    ) -> HashSet<&'k str> {
        let mut seen = HashSet::new();
        for (i, key) in keys.enumerate() {
            if !is_key(key) {
                self.err(
                    format!("{path}[{i}].key"),
                    "use lowercase letters, digits and _ (starting with a letter)",
                );
            }
            if !seen.insert(key) {
                self.err(format!("{path}[{i}].key"), format!("duplicate key `{key}`"));
            }
        }
        seen
    }

    fn trait_map(&mut self, path: &str, map: &std::collections::BTreeMap<String, f64>, unit: bool) {
        for (key, value) in map {
            if !self.traits.contains(key.as_str()) {
                self.err(format!("{path}.{key}"), "unknown trait");
            } else if !value.is_finite() || (unit && !(0.0..=1.0).contains(value)) {
                let want = if unit {
                    "a number from 0 to 1"
                } else {
                    "a finite number"
                };
                self.err(format!("{path}.{key}"), format!("expected {want}"));
            }
        }
    }

    fn goal_list(&mut self, path: &str, goals: &[String]) {
        for (i, g) in goals.iter().enumerate() {
            if !self.goals.contains(g.as_str()) {
                self.err(format!("{path}[{i}]"), format!("unknown goal `{g}`"));
            }
        }
    }

    fn persona_list(&mut self, path: &str, personas: &[String]) {
        for (i, p) in personas.iter().enumerate() {
            if !self.personas.contains(p.as_str()) {
                self.err(format!("{path}[{i}]"), format!("unknown persona `{p}`"));
            }
        }
    }

    /// `earlier` is the questions a condition at this point may look at.
    fn condition(&mut self, path: &str, c: &Condition, earlier: &[&Question]) {
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

    fn link(&mut self, path: &str, link: Option<&str>) {
        if let Some(link) = link
            && !super::link::is_safe_link(link)
        {
            self.err(
                path,
                "use an http(s) URL or a path on this site starting with `/`",
            );
        }
    }

    fn question(&mut self, i: usize, q: &'a Question) {
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

/// Check what the types cannot: keys, references, locales, ranges and conditions.
pub fn validate(def: &Definition) -> Vec<DefinitionError> {
    let mut c = Checker {
        def,
        errors: Vec::new(),
        traits: HashSet::new(),
        goals: HashSet::new(),
        personas: HashSet::new(),
    };
    if def.format != FORMAT_VERSION {
        c.err(
            "format",
            format!(
                "unsupported format {}; this version reads format {FORMAT_VERSION}",
                def.format
            ),
        );
    }
    if !is_slug(&def.slug) {
        c.err("slug", "use lowercase letters, digits and dashes");
    }
    if def.locales.is_empty() {
        c.err("locales", "list at least one locale");
    }
    let mut seen = HashSet::new();
    for (i, l) in def.locales.iter().enumerate() {
        if !is_locale(l) {
            c.err(
                format!("locales[{i}]"),
                "use a two- or three-letter language code such as `en`",
            );
        }
        if !seen.insert(l) {
            c.err(format!("locales[{i}]"), format!("duplicate locale `{l}`"));
        }
    }
    c.text("title", &def.title);
    c.text("description", &def.description);
    if def.max_offers == 0 {
        c.err("max_offers", "must be at least 1");
    }
    c.traits = c.unique_keys("traits", def.traits.iter().map(|t| t.key.as_str()));
    c.goals = c.unique_keys("goals", def.goals.iter().map(|g| g.key.as_str()));
    c.personas = c.unique_keys("personas", def.personas.iter().map(|p| p.key.as_str()));
    for (i, t) in def.traits.iter().enumerate() {
        c.text(&format!("traits[{i}].name"), &t.name);
        c.text(&format!("traits[{i}].low"), &t.low);
        c.text(&format!("traits[{i}].high"), &t.high);
    }
    for (i, g) in def.goals.iter().enumerate() {
        c.text(&format!("goals[{i}].name"), &g.name);
    }
    if def.personas.is_empty() {
        c.err("personas", "define at least one persona");
    }
    for (i, p) in def.personas.iter().enumerate() {
        let path = format!("personas[{i}]");
        c.text(&format!("{path}.name"), &p.name);
        c.text(&format!("{path}.description"), &p.description);
        c.goal_list(&format!("{path}.goals"), &p.goals);
        for (name, text) in [
            ("thinks", &p.empathy.thinks),
            ("feels", &p.empathy.feels),
            ("says", &p.empathy.says),
            ("does", &p.empathy.does),
        ] {
            c.text(&format!("{path}.empathy.{name}"), text);
        }
        c.trait_map(&format!("{path}.profile"), &p.profile, true);
    }
    c.unique_keys("offers", def.offers.iter().map(|o| o.key.as_str()));
    for (i, o) in def.offers.iter().enumerate() {
        let path = format!("offers[{i}]");
        c.text(&format!("{path}.title"), &o.title);
        c.text(&format!("{path}.description"), &o.description);
        c.link(&format!("{path}.url"), o.url.as_deref());
        c.link(&format!("{path}.image"), o.image.as_deref());
        c.trait_map(
            &format!("{path}.targeting.traits"),
            &o.targeting.traits,
            true,
        );
        c.goal_list(&format!("{path}.targeting.goals"), &o.targeting.goals);
        c.persona_list(&format!("{path}.targeting.personas"), &o.targeting.personas);
    }
    c.unique_keys(
        "learning_paths",
        def.learning_paths.iter().map(|p| p.key.as_str()),
    );
    for (i, p) in def.learning_paths.iter().enumerate() {
        let path = format!("learning_paths[{i}]");
        c.text(&format!("{path}.title"), &p.title);
        c.text(&format!("{path}.description"), &p.description);
        c.goal_list(&format!("{path}.goals"), &p.goals);
        c.persona_list(&format!("{path}.personas"), &p.personas);
        if p.steps.is_empty() {
            c.err(
                format!("{path}.steps"),
                "a learning path needs at least one step",
            );
        }
        for (j, s) in p.steps.iter().enumerate() {
            c.text(&format!("{path}.steps[{j}].title"), &s.title);
            c.text(&format!("{path}.steps[{j}].body"), &s.body);
            c.link(&format!("{path}.steps[{j}].url"), s.url.as_deref());
        }
    }
    if def.questions.is_empty() {
        c.err("questions", "define at least one question");
    }
    c.unique_keys("questions", def.questions.iter().map(|q| q.key.as_str()));
    for (i, q) in def.questions.iter().enumerate() {
        c.question(i, q);
    }
    c.errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testing::SAMPLE;

    fn errors_after(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
        let mut json: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
        edit(&mut json);
        match parse_definition(&json.to_string()) {
            Ok(_) => vec![],
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn the_sample_is_valid() {
        assert_eq!(errors_after(|_| {}), Vec::<String>::new());
    }

    #[test]
    fn an_unknown_trait_in_an_option_effect_is_located() {
        let errors =
            errors_after(|j| j["questions"][2]["options"][1]["effects"]["speed"] = 1.into());
        assert_eq!(
            errors,
            vec!["questions[2].options[1].effects.speed: unknown trait"]
        );
    }

    #[test]
    fn a_type_error_names_its_path() {
        let errors = errors_after(|j| j["questions"][1]["options"][0]["effects"] = "lots".into());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("questions[1].options[0].effects: invalid type"),
            "{errors:?}"
        );
    }

    #[test]
    fn unknown_fields_are_refused_with_their_path() {
        let errors = errors_after(|j| j["personas"][0]["colour"] = "red".into());
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].starts_with("personas[0].colour: unknown field `colour`"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_missing_translation_is_reported_per_locale() {
        let errors = errors_after(|j| {
            j["offers"][1]["title"]
                .as_object_mut()
                .unwrap()
                .remove("it");
        });
        assert_eq!(
            errors,
            vec!["offers[1].title.it: missing text for this locale"]
        );
    }

    #[test]
    fn conditions_may_only_look_at_earlier_questions() {
        let errors = errors_after(|j| {
            j["questions"][0]["show_if"] =
                serde_json::json!({"question": "pain", "includes": "knee"})
        });
        assert_eq!(
            errors,
            vec!["questions[0].show_if.question: `pain` is not an earlier question"]
        );
    }

    #[test]
    fn a_condition_test_must_fit_the_question_kind_and_options() {
        let errors = errors_after(|j| {
            j["questions"][1]["show_if"] =
                serde_json::json!({"question": "surface", "includes": "mud"})
        });
        assert_eq!(
            errors,
            vec![
                "questions[1].show_if.includes: `includes` needs a multiple choice; `surface` is single_choice",
                "questions[1].show_if.includes: `surface` has no option `mud`",
            ]
        );
    }

    #[test]
    fn duplicate_keys_and_unknown_references_are_all_reported() {
        let errors = errors_after(|j| {
            j["questions"][1]["key"] = "surface".into();
            j["offers"][0]["targeting"]["personas"] = serde_json::json!(["ghost"]);
            j["learning_paths"][0]["goals"] = serde_json::json!(["fame"]);
        });
        assert_eq!(
            errors,
            vec![
                "offers[0].targeting.personas[0]: unknown persona `ghost`",
                "learning_paths[0].goals[0]: unknown goal `fame`",
                "questions[1].key: duplicate key `surface`",
            ]
        );
    }

    #[test]
    fn profiles_must_lie_between_zero_and_one() {
        let errors = errors_after(|j| j["personas"][2]["profile"]["grip"] = 1.5.into());
        assert_eq!(
            errors,
            vec!["personas[2].profile.grip: expected a number from 0 to 1"]
        );
    }

    #[test]
    fn a_number_question_needs_a_range_and_other_kinds_refuse_one() {
        let errors = errors_after(|j| {
            j["questions"][3].as_object_mut().unwrap().remove("range");
            j["questions"][4]["range"] = serde_json::json!({"min": 0, "max": 5});
        });
        assert_eq!(
            errors,
            vec![
                "questions[3].range: a number question needs a range",
                "questions[4].range: a nps question takes no range"
            ]
        );
    }

    #[test]
    fn an_unsupported_format_is_refused() {
        let errors = errors_after(|j| j["format"] = 2.into());
        assert_eq!(
            errors,
            vec!["format: unsupported format 2; this version reads format 1"]
        );
    }
}
