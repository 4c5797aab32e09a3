//! The pure domain: the questionnaire definition and its validation, answers, the path through
//! a questionnaire, scoring, recommendation and the wording of reasons. No I/O and no
//! framework imports, so it compiles for the server and the browser alike.

pub mod answer;
pub mod definition;
pub mod explain;
pub mod flow;
pub mod ids;
pub mod link;
pub mod outcome;
pub mod recommend;
pub mod scoring;
pub mod validate;

#[cfg(test)]
pub(crate) mod testing;
