//! Reading and checking a questionnaire definition. Every problem is reported with the path of
//! the value at fault, e.g. `questions[3].options[1].effects.stability: unknown trait`, and
//! all problems are reported at once so an author can fix them in one pass.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::definition::{Definition, FORMAT_VERSION, Text};
use super::ids::is_slug;

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
}

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

mod questions;
#[cfg(test)]
mod tests;
