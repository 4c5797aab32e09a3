//! Database adapters: the [`Store`](app::ssr::store::Store) contract implemented for SQLite
//! and PostgreSQL, chosen at run time from the `DATABASE_URL` scheme. All SQL of the product
//! lives under this module.
//!
//! - [`sql`]: the statement texts, one per constant, shared where both databases accept them;
//! - [`rows`]: the rows they return and their conversion into the contract's types;
//! - [`shared`]: the queries written once over any sqlx database;
//! - [`sqlite`], [`postgres`]: each backend's `impl Store`, connecting and migrating, and
//!   whatever it does its own way (today: how publishing takes turns);
//! - [`error`]: what a client may learn from a database error (`.db()?`);
//! - [`retry`]: every write transaction, run again on serialization failures and deadlocks.

mod error;
pub mod postgres;
mod retry;
mod rows;
mod shared;
mod sql;
pub mod sqlite;

use std::sync::Arc;

use app::ssr::store::SharedStore;

/// Which backend a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Connect to the database at `url`, bring its schema up to date, and return the store.
pub async fn connect(url: &str) -> anyhow::Result<SharedStore> {
    match Backend::of(url) {
        Some(Backend::Sqlite) => Ok(Arc::new(sqlite::SqliteStore::connect(url).await?)),
        Some(Backend::Postgres) => Ok(Arc::new(postgres::PostgresStore::connect(url).await?)),
        None => anyhow::bail!("DATABASE_URL must start with sqlite: or postgres://"),
    }
}
