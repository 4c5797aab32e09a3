//! The page a browser gets when the server's own layers refuse a request before any route
//! renders (a method a page does not take, a request too large or too slow, too many
//! requests): the error page's words and status, in the visitor's language, without the app.

use leptos_i18n::{Locale as _, td_string};

use crate::error::AppError;
use crate::i18n::Locale;
use crate::ui::components::error_view::texts;

/// A whole HTML document for `error`, in `ui`.
pub fn error_page(ui: Locale, error: &AppError) -> String {
    let (title, body) = texts(ui, error);
    let (title, body) = (
        html_escape::encode_text(title),
        html_escape::encode_text(body),
    );
    let home = html_escape::encode_text(td_string!(ui, error.go_home));
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/percorso.css\"></head>\
         <body><main><section class=\"card error-page\" role=\"alert\"><h1>{title}</h1>\
         <p>{body}</p><p><a class=\"button secondary\" href=\"/\">{home}</a></p></section>\
         </main></body></html>",
        lang = ui.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_speaks_the_visitors_language() {
        let page = error_page(Locale::it, &AppError::RateLimited { retry_after: 3 });
        assert!(
            page.starts_with("<!DOCTYPE html><html lang=\"it\">"),
            "{page}"
        );
        assert!(page.contains("<title>"), "{page}");
    }
}
