//! The demo assessments bundled with the binary, published at start-up so a fresh install
//! has something to take.

use app::domain::validate::parse_definition;
use app::ssr::store::Store;

pub const DEMOS: [(&str, &str); 2] = [
    (
        "running-shoe-finder.json",
        include_str!("../demo/running-shoe-finder.json"),
    ),
    (
        "skin-care-routine.json",
        include_str!("../demo/skin-care-routine.json"),
    ),
];

/// Publish each demo unless its newest version is already identical.
pub async fn load(store: &dyn Store) -> anyhow::Result<()> {
    for (name, json) in DEMOS {
        let def =
            parse_definition(json).map_err(|e| anyhow::anyhow!("demo {name} is invalid:\n{e}"))?;
        let published = match store.publish(&def).await {
            // Another server published it at the same moment: theirs stands.
            Err(app::error::StoreError::Conflict(_)) => store.publish(&def).await?,
            other => other?,
        };
        if published.created {
            tracing::info!(slug = %def.slug, version = published.number, "published demo assessment");
        }
    }
    Ok(())
}
