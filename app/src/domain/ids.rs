//! Identifiers that arrive as text in URLs and headers, parsed once at the edge: a function
//! that takes a [`ResponseId`] cannot be handed a token or a slug by mistake, and text that
//! cannot be an identifier never reaches the database.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, $rule:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// `text` if it has this identifier's form, else `None`.
            pub fn parse(text: &str) -> Option<Self> {
                let rule: fn(&str) -> bool = $rule;
                rule(text).then(|| $name(text.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(text: String) -> Result<Self, String> {
                $name::parse(&text).ok_or_else(|| format!("not a valid {}", stringify!($name)))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// A questionnaire's URL name: lowercase letters, digits and `-`, at most 64.
    Slug,
    is_slug
);

identifier!(
    /// A response's id: a UUID in its lowercase hyphenated form.
    ResponseId,
    is_uuid
);

identifier!(
    /// The secret that lets a respondent resume: 48 lowercase hex digits (192 random bits).
    ResumeToken,
    |s| s.len() == 48 && s.bytes().all(is_lower_hex)
);

pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_lower_hex(b: u8) -> bool {
    b.is_ascii_digit() || (b'a'..=b'f').contains(&b)
}

fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.bytes().all(is_lower_hex))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_identifier_accepts_only_its_own_form() {
        let id = "6f1c1a52-93a4-4d6e-9c1f-2b7d3f0e8a11";
        let token = "0123456789abcdef0123456789abcdef0123456789abcdef";
        assert!(ResponseId::parse(id).is_some());
        assert!(ResponseId::parse(token).is_none());
        assert!(ResponseId::parse(&id.to_uppercase()).is_none());
        assert!(ResumeToken::parse(token).is_some());
        assert!(ResumeToken::parse(id).is_none());
        assert!(ResumeToken::parse(&token[1..]).is_none());
        assert!(Slug::parse("running-shoe-finder").is_some());
        assert!(Slug::parse("Running").is_none());
        assert!(Slug::parse("a/b").is_none());
        assert!(Slug::parse("").is_none());
    }

    #[test]
    fn identifiers_read_from_json_are_checked() {
        assert!(serde_json::from_str::<Slug>("\"skin-care\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"Skin Care\"").is_err());
        assert_eq!(
            serde_json::to_string(&Slug::parse("x").unwrap()).unwrap(),
            "\"x\""
        );
    }
}
