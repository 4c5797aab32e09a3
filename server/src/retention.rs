//! Retention: responses that never got an answer are deleted `RETENTION_DAYS` after they
//! were started (a visitor who opened the start page and left, or a flood of starts). Answered
//! responses are kept: they are what analysts read.

use std::time::Duration;

use app::ssr::store::SharedStore;
use chrono::{TimeDelta, Utc};

/// How often the sweep runs.
const EVERY: Duration = Duration::from_secs(60 * 60);

/// One sweep: delete the unanswered responses started more than `keep` ago.
pub async fn sweep(store: &SharedStore, keep: TimeDelta) {
    match store.delete_unanswered(Utc::now() - keep).await {
        Ok(0) => {}
        Ok(deleted) => {
            metrics::counter!("percorso_retention_deleted_total").increment(deleted);
            tracing::info!(deleted, "unanswered responses past retention deleted");
        }
        Err(e) => tracing::warn!(error = %e, "retention sweep failed; trying again later"),
    }
}

/// Sweep now and every hour, for as long as the server runs.
pub async fn run(store: SharedStore, keep: TimeDelta) {
    loop {
        sweep(&store, keep).await;
        tokio::time::sleep(EVERY).await;
    }
}
