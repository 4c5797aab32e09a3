//! PostgreSQL, for deployments that run several stateless app servers against one database.

use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};

pub struct PostgresStore {
    pub(crate) pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await?;
        sqlx::migrate!("../migrations/postgres").run(&pool).await?;
        Ok(PostgresStore { pool })
    }
}

super::sql_store!(PostgresStore);
