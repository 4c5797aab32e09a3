//! The translation files in `app/locales/` and whether they agree. Each file is one language
//! the interface speaks, named by its code (`en.json`, `it.json`); every file must have the
//! same keys as the English one, and each text the same `{{ placeholders }}`.
//!
//! The build script (`app/build.rs`) reads the files with [`read`] and refuses to build when
//! [`problems`] finds any: leptos_i18n on its own would only warn and show English in place
//! of a missing text. The unit tests run the same functions on fixtures. Only `std` and
//! `serde_json` are used, since the build script cannot use the crate it builds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The language every other file is checked against, and the interface's fallback.
pub const DEFAULT: &str = "en";

/// One translation file: its language code and its text.
pub struct File {
    pub language: String,
    pub text: String,
}

/// The translation files of `dir`: every `*.json` in it, the default language first, the
/// others in code order.
pub fn read(dir: &Path) -> Result<Vec<File>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let language = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{}: not a language code", path.display()))?
            .to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push(File { language, text });
    }
    files.sort_by(|a, b| {
        (a.language != DEFAULT)
            .cmp(&(b.language != DEFAULT))
            .then_with(|| a.language.cmp(&b.language))
    });
    Ok(files)
}

/// Every key of a translation file, dotted (`result.title`), with the placeholders its text
/// uses.
fn entries(value: &serde_json::Value) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    fn walk(
        prefix: &str,
        value: &serde_json::Value,
        out: &mut BTreeMap<String, BTreeSet<String>>,
    ) -> Result<(), String> {
        match value {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, value, out)?;
                }
                Ok(())
            }
            serde_json::Value::String(text) => {
                out.insert(prefix.to_string(), placeholders(text));
                Ok(())
            }
            _ => Err(format!("`{prefix}` is neither a text nor a group of texts")),
        }
    }
    if !value.is_object() {
        return Err("not a JSON object of texts".into());
    }
    let mut out = BTreeMap::new();
    walk("", value, &mut out)?;
    Ok(out)
}

/// The names inside `{{ … }}` in `text`.
fn placeholders(text: &str) -> BTreeSet<String> {
    text.split("{{")
        .skip(1)
        .filter_map(|part| part.split_once("}}"))
        .map(|(name, _)| name.trim().to_string())
        .collect()
}

/// What is wrong with `files`, one sentence per problem; empty when every file has every
/// key of the default language's file, no other key, and the same placeholders in each text.
pub fn problems(files: &[File]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for file in files {
        match serde_json::from_str(&file.text)
            .map_err(|e| e.to_string())
            .and_then(|v| entries(&v))
        {
            Ok(keys) => parsed.push((file.language.as_str(), keys)),
            Err(e) => problems.push(format!("{}.json: {e}", file.language)),
        }
    }
    let Some((_, reference)) = parsed.iter().find(|(language, _)| *language == DEFAULT) else {
        if !files.iter().any(|f| f.language == DEFAULT) {
            problems.push(format!("there is no {DEFAULT}.json, the default language"));
        }
        return problems;
    };
    for (language, keys) in &parsed {
        for (key, wanted) in reference {
            match keys.get(key) {
                None => problems.push(format!("{language}.json lacks `{key}`")),
                Some(found) if found != wanted => problems.push(format!(
                    "{language}.json: `{key}` uses {found:?}, {DEFAULT}.json uses {wanted:?}"
                )),
                Some(_) => {}
            }
        }
        for key in keys.keys().filter(|k| !reference.contains_key(*k)) {
            problems.push(format!(
                "{language}.json has `{key}`, which {DEFAULT}.json lacks"
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn locales_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
    }

    fn file(language: &str, text: &str) -> File {
        File {
            language: language.into(),
            text: text.into(),
        }
    }

    #[test]
    fn every_language_file_has_every_key_with_the_same_placeholders() {
        let files = read(&locales_dir()).unwrap();
        assert_eq!(problems(&files), Vec::<String>::new());
    }

    #[test]
    fn the_interface_speaks_exactly_the_languages_of_the_files() {
        let files: Vec<String> = read(&locales_dir())
            .unwrap()
            .into_iter()
            .map(|f| f.language)
            .collect();
        use leptos_i18n::Locale as _;
        let spoken: Vec<&str> = crate::locale::locales()
            .iter()
            .map(|l| l.as_str())
            .collect();
        assert_eq!(files, spoken);
    }

    #[test]
    fn a_missing_key_an_extra_key_or_other_placeholders_are_reported() {
        let en = r#"{"next": "Next", "group": {"count": "{{ n }} questions"}}"#;
        assert_eq!(
            problems(&[file("en", en), file("it", en)]),
            Vec::<String>::new()
        );
        let it = r#"{"group": {"count": "{{ numero }} domande"}, "extra": "x"}"#;
        assert_eq!(
            problems(&[file("en", en), file("it", it)]),
            [
                "it.json: `group.count` uses {\"numero\"}, en.json uses {\"n\"}",
                "it.json lacks `next`",
                "it.json has `extra`, which en.json lacks",
            ]
        );
        assert_eq!(
            problems(&[file("it", en)]),
            ["there is no en.json, the default language"]
        );
        assert_eq!(
            problems(&[file("en", "[1]"), file("it", en)]),
            ["en.json: not a JSON object of texts"]
        );
        assert_eq!(
            problems(&[file("en", r#"{"next": 1}"#)]),
            ["en.json: `next` is neither a text nor a group of texts"]
        );
    }

    /// The build script hands every language [`read`] finds to leptos_i18n, so a third
    /// language is one more file: here a copy of the real files plus `fr.json`.
    #[test]
    fn a_third_language_is_one_more_file() {
        let dir = std::env::temp_dir().join(format!("percorso-locales-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for f in read(&locales_dir()).unwrap() {
            std::fs::write(dir.join(format!("{}.json", f.language)), &f.text).unwrap();
        }
        let english = std::fs::read_to_string(locales_dir().join("en.json")).unwrap();
        let french = english.replace("\"Next\"", "\"Suivant\"");
        std::fs::write(dir.join("fr.json"), &french).unwrap();
        std::fs::write(dir.join("README.md"), "not a language").unwrap();
        let files = read(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        let languages: Vec<&str> = files.iter().map(|f| f.language.as_str()).collect();
        assert_eq!(languages, ["en", "fr", "it"]);
        assert_eq!(problems(&files), Vec::<String>::new());
    }
}
