//! Which links a definition may carry. Offers, learning-path steps and option images come
//! from authors and end up in `href` and `src` attributes on the customer's page, so only
//! links that cannot run script are accepted: absolute `http(s)` URLs and paths on this site.

use super::definition::Definition;

/// True for `https://…`, `http://…` and site-relative paths such as `/images/a.svg`.
/// Protocol-relative (`//host`) and every other scheme (`javascript:`, `data:`…) are refused.
pub fn is_safe_link(link: &str) -> bool {
    if link.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    if let Some(rest) = link.strip_prefix('/') {
        return !rest.starts_with('/') && !rest.starts_with('\\');
    }
    let lower = link.to_ascii_lowercase();
    ["https://", "http://"].iter().any(|scheme| {
        lower
            .strip_prefix(scheme)
            .is_some_and(|host| !host.is_empty() && !host.starts_with('/'))
    })
}

/// `link` when it is safe to put in a page, else `None` (older stored versions may hold one
/// that today's validation refuses).
pub fn safe_link(link: Option<&str>) -> Option<String> {
    link.filter(|l| is_safe_link(l)).map(str::to_string)
}

/// Remove from `def` every link that is not safe, as a stored version may hold one that
/// today's validation refuses; used before a definition is served.
pub fn strip_unsafe_links(def: &mut Definition) {
    let keep = |link: &mut Option<String>| {
        if link.as_deref().is_some_and(|l| !is_safe_link(l)) {
            *link = None;
        }
    };
    for option in def.questions.iter_mut().flat_map(|q| q.options.iter_mut()) {
        keep(&mut option.image);
    }
    for offer in &mut def.offers {
        keep(&mut offer.url);
        keep(&mut offer.image);
    }
    for step in def
        .learning_paths
        .iter_mut()
        .flat_map(|p| p.steps.iter_mut())
    {
        keep(&mut step.url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_and_site_paths_are_accepted() {
        for ok in [
            "https://example.com/shoes",
            "HTTP://example.com",
            "/images/shoe-road.svg",
            "/",
        ] {
            assert!(is_safe_link(ok), "{ok}");
        }
    }

    #[test]
    fn script_data_and_protocol_relative_links_are_refused() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/x",
            "/\\evil.example",
            "https://",
            "https:///x",
            "vbscript:x",
            "images/a.svg",
            "",
        ] {
            assert!(!is_safe_link(bad), "{bad:?}");
        }
    }
}
