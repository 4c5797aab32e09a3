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
//! - [`retry`]: every write transaction, run again on serialization failures and deadlocks;
//! - [`group`]: answers committed in groups, one flush for many (group commit);
//! - [`versions`]: parsed questionnaire versions kept in memory (they never change).

mod error;
mod group;
pub mod postgres;
mod retry;
mod rows;
mod shared;
mod sql;
pub mod sqlite;
mod versions;

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
    connect_with(url, url).await
}

/// Like [`connect`], but migrate through `migration_url`: the same database reached another
/// way, e.g. directly rather than through a transaction-mode pooler, or as its owner.
pub async fn connect_with(url: &str, migration_url: &str) -> anyhow::Result<SharedStore> {
    let backend = Backend::of(url);
    if Backend::of(migration_url) != backend {
        anyhow::bail!("MIGRATION_DATABASE_URL must name the same kind of database as DATABASE_URL");
    }
    match backend {
        Some(Backend::Sqlite) => Ok(Arc::new(
            sqlite::SqliteStore::connect(url, migration_url).await?,
        )),
        Some(Backend::Postgres) => Ok(Arc::new(
            postgres::PostgresStore::connect(url, migration_url).await?,
        )),
        None => anyhow::bail!("DATABASE_URL must start with sqlite: or postgres://"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_must_go_to_the_same_kind_of_database() {
        let refused = connect_with("sqlite://unused.db", "postgres://nobody@127.0.0.1:1/x").await;
        let message = refused.err().expect("refused").to_string();
        assert!(message.contains("same kind of database"), "{message}");
    }
}
