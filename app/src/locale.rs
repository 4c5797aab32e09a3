//! Which language the interface speaks to a reader: the one policy, used by every page, error
//! page, the 404 page, the server functions and the REST API.
//!
//! The interface's languages are the translation files in `app/locales/` (see
//! [`crate::i18n`]); questionnaires bring their own texts and may offer other languages, which
//! [`content_wanted`] lets them use.

use leptos_i18n::Locale as _;

use crate::i18n::Locale;

/// The languages the interface speaks, the default (English) first: one per translation file.
pub fn locales() -> &'static [Locale] {
    Locale::get_all()
}

/// The language `code` names, if the interface speaks it (`"it"`, not `"it-IT"` or `"IT"`).
pub fn spoken(code: &str) -> Option<Locale> {
    code.parse().ok()
}

/// The interface language, decided in this order:
/// 1. `lang`, asked for in the URL (`?lang=` on pages, `?locale=` in the API), if the
///    interface speaks it;
/// 2. the language of the response being shown, if any and if the interface speaks it;
/// 3. `accepted`: what the browser's `Accept-Language` negotiated to (see [`accepted`]);
/// 4. English.
pub fn choose(lang: Option<&str>, response: Option<&str>, accepted: Option<Locale>) -> Locale {
    lang.and_then(spoken)
        .or_else(|| response.and_then(spoken))
        .or(accepted)
        .unwrap_or_default()
}

/// The interface language that best fits an `Accept-Language` header, if any does.
pub fn accepted(header: &str) -> Option<Locale> {
    let offered: Vec<&str> = locales().iter().map(|l| l.as_str()).collect();
    negotiate(header, &offered).and_then(|code| spoken(&code))
}

/// The language to look for in a questionnaire's own texts: the one asked for in the URL, as
/// asked (a questionnaire may have languages the interface does not), else the interface's.
/// `Definition::pick_locale` then falls back to one the questionnaire has.
pub fn content_wanted(lang: Option<&str>, ui: Locale) -> &str {
    lang.filter(|l| !l.is_empty()).unwrap_or(ui.as_str())
}

/// The best language of `offered` for an `Accept-Language` header, or `None` if none fits.
/// Quality values are honoured; ties keep the header's order.
pub fn negotiate(header: &str, offered: &[&str]) -> Option<String> {
    let mut wanted: Vec<(f32, usize, String)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next()?.trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next()?.to_string();
            (q > 0.0 && !primary.is_empty()).then_some((q, i, primary))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted
        .into_iter()
        .map(|(_, _, lang)| lang)
        .find(|lang| offered.contains(&lang.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_honours_quality_values() {
        assert_eq!(
            negotiate("en-GB,en;q=0.8,it;q=0.9", &["en", "it"]).as_deref(),
            Some("en")
        );
        assert_eq!(
            negotiate("fr-FR, it;q=0.7, en;q=0.3", &["en", "it"]).as_deref(),
            Some("it")
        );
        assert_eq!(negotiate("it-IT", &["en", "it"]).as_deref(), Some("it"));
        assert_eq!(negotiate("de, fr", &["en", "it"]), None);
        assert_eq!(
            negotiate("it;q=0, en", &["en", "it"]).as_deref(),
            Some("en")
        );
        assert_eq!(negotiate("", &["en", "it"]), None);
    }

    #[test]
    fn english_is_the_default_and_comes_first() {
        assert_eq!(Locale::default(), Locale::en);
        assert_eq!(locales().first(), Some(&Locale::en));
        assert!(locales().contains(&Locale::it));
    }

    #[test]
    fn italian_and_english_differ_and_unknown_locales_fall_back_to_english() {
        use leptos_i18n::td_string;
        assert_eq!(td_string!(Locale::it, next), "Avanti");
        assert_eq!(td_string!(Locale::en, next), "Next");
        assert_eq!(td_string!(choose(Some("de"), None, None), next), "Next");
    }

    #[test]
    fn the_url_wins_then_the_response_then_the_browser_then_english() {
        let it = Some(Locale::it);
        assert_eq!(choose(Some("en"), Some("it"), it), Locale::en);
        assert_eq!(
            choose(Some("de"), Some("it"), None),
            Locale::it,
            "?lang=de is not spoken"
        );
        assert_eq!(choose(None, Some("it"), Some(Locale::en)), Locale::it);
        assert_eq!(
            choose(None, Some("de"), it),
            Locale::it,
            "a German response"
        );
        assert_eq!(choose(None, None, it), Locale::it);
        assert_eq!(choose(None, None, None), Locale::en);
        assert_eq!(
            choose(Some("IT"), None, None),
            Locale::en,
            "codes are exact"
        );
    }

    #[test]
    fn accept_language_is_negotiated_among_the_interface_languages() {
        // Klingon: a language no translation file will add.
        assert_eq!(accepted("tlh, it;q=0.7, en;q=0.3"), Some(Locale::it));
        assert_eq!(accepted("tlh"), None);
    }

    #[test]
    fn questionnaire_texts_follow_the_url_even_in_a_language_the_interface_lacks() {
        assert_eq!(content_wanted(Some("de"), Locale::en), "de");
        assert_eq!(content_wanted(None, Locale::it), "it");
        assert_eq!(content_wanted(Some(""), Locale::it), "it");
    }
}
