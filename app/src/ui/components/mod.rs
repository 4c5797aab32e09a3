pub mod choice_input;
pub mod error_view;
pub mod header;
pub mod number_input;
pub mod progress;
pub mod question_form;
pub mod rating_input;
pub mod text_input;
