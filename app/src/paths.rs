//! The respondent pages' URLs, built in one place. Segments that may come from a client
//! (question keys, slugs) are percent-encoded, so a path built here is always a valid
//! `Location` header and can never break out of its segment.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn seg(s: &str) -> impl std::fmt::Display + '_ {
    utf8_percent_encode(s, SEGMENT)
}

/// The start screen of an assessment.
pub fn start(slug: &str) -> String {
    format!("/a/{}", seg(slug))
}

/// The resume link: the first unanswered question, on any device.
pub fn resume(token: &str) -> String {
    format!("/r/{}", seg(token))
}

pub fn question(token: &str, key: &str) -> String {
    format!("/r/{}/q/{}", seg(token), seg(key))
}

pub fn insight(token: &str, key: &str) -> String {
    format!("/r/{}/insight/{}", seg(token), seg(key))
}

pub fn result(token: &str) -> String {
    format!("/r/{}/result", seg(token))
}

/// A question, or the result when there is none left (`key` is `None`).
pub fn step(token: &str, key: Option<&str>) -> String {
    match key {
        Some(key) => question(token, key),
        None => result(token),
    }
}

/// `path` with `?name=value` (or `&name=value`) added, the value encoded.
pub fn with_query(path: &str, name: &str, value: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}{name}={}", seg(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_text_is_encoded_and_cannot_leave_its_segment() {
        assert_eq!(question("abc", "surface"), "/r/abc/q/surface");
        assert_eq!(
            question("abc", "a\r\nSet-Cookie: x=1/../.."),
            "/r/abc/q/a%0D%0ASet-Cookie%3A%20x%3D1%2F..%2F.."
        );
        assert_eq!(start("skin care"), "/a/skin%20care");
        assert_eq!(
            with_query("/r/t/q/k", "error", "required"),
            "/r/t/q/k?error=required"
        );
        assert_eq!(
            with_query("/a/x?lang=it", "e", "a&b"),
            "/a/x?lang=it&e=a%26b"
        );
    }
}
