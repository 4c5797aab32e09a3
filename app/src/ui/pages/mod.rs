pub mod home;
pub mod insight;
pub mod not_found;
pub mod question;
pub mod result;
pub mod start;
