//! Parsed questionnaire versions, kept in memory. A published version never changes, so a
//! copy parsed once is right for as long as it lives, on every app server: nothing here needs
//! to be checked against the database. Which version is *current* for a slug does change,
//! so that is always asked of the database (a lookup by index), never cached.
//!
//! The cache is bounded by the size of the definitions' JSON (the parsed form is of the same
//! order), and loads of one version that race share one read and one parse.

use app::error::StoreError;
use app::ssr::store::PublishedVersion;
use quick_cache::Weighter;
use quick_cache::sync::Cache;

/// What the cache holds at most, in bytes of definition JSON, by default: the demo
/// versions are about 70 KB, so this keeps several hundred.
pub const DEFAULT_CAPACITY_BYTES: u64 = 32 * 1024 * 1024;

/// A version's weight: the length of its JSON, as read from the database.
#[derive(Clone)]
struct JsonLength;

impl Weighter<i64, Cached> for JsonLength {
    fn weight(&self, _: &i64, cached: &Cached) -> u64 {
        cached.weight.max(1)
    }
}

#[derive(Clone)]
struct Cached {
    version: PublishedVersion,
    weight: u64,
}

pub(crate) struct VersionCache {
    cache: Cache<i64, Cached, JsonLength>,
}

impl VersionCache {
    pub(crate) fn new(capacity_bytes: u64) -> VersionCache {
        // The estimate of items only sizes the internal tables.
        let estimated_items = (capacity_bytes / (64 * 1024)).max(16) as usize;
        VersionCache {
            cache: Cache::with_weighter(estimated_items, capacity_bytes, JsonLength),
        }
    }

    /// The version `id`: from memory, or from `load`, which reads it from the database and
    /// returns it with its JSON length (`None` when there is no such version; not kept).
    pub(crate) async fn get_or_load<F, Fut>(
        &self,
        id: i64,
        load: F,
    ) -> Result<Option<PublishedVersion>, StoreError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Option<(PublishedVersion, u64)>, StoreError>>,
    {
        if let Some(hit) = self.cache.get(&id) {
            metrics::counter!("percorso_version_cache_hits_total").increment(1);
            return Ok(Some(hit.version));
        }
        let guard = match self.cache.get_value_or_guard_async(&id).await {
            // Another request was loading it: still read and parsed once.
            Ok(hit) => return Ok(Some(hit.version)),
            Err(guard) => guard,
        };
        metrics::counter!("percorso_version_cache_misses_total").increment(1);
        match load().await? {
            Some((version, weight)) => {
                let _ = guard.insert(Cached {
                    version: version.clone(),
                    weight,
                });
                Ok(Some(version))
            }
            None => Ok(None),
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.cache.len()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn version(id: i64) -> PublishedVersion {
        let (_, json) = crate::demo::DEMOS[0];
        PublishedVersion {
            version_id: id,
            number: 1,
            definition: Arc::new(app::domain::validate::parse_definition(json).unwrap()),
            published_at: chrono::Utc::now(),
        }
    }

    #[tokio::test]
    async fn a_version_is_read_once_then_served_from_memory() {
        let cache = VersionCache::new(DEFAULT_CAPACITY_BYTES);
        let mut reads = 0;
        for _ in 0..3 {
            let got = cache
                .get_or_load(7, || {
                    reads += 1;
                    async { Ok(Some((version(7), 70_000))) }
                })
                .await
                .unwrap()
                .unwrap();
            assert_eq!(got.version_id, 7);
        }
        assert_eq!(reads, 1);
    }

    #[tokio::test]
    async fn a_missing_version_is_not_remembered() {
        let cache = VersionCache::new(DEFAULT_CAPACITY_BYTES);
        for _ in 0..2 {
            let got = cache.get_or_load(1, || async { Ok(None) }).await.unwrap();
            assert!(got.is_none());
        }
        assert_eq!(cache.len(), 0);
    }

    #[tokio::test]
    async fn the_cache_keeps_within_its_bound() {
        let cache = VersionCache::new(200_000);
        for id in 0..10 {
            cache
                .get_or_load(id, || async move { Ok(Some((version(id), 70_000))) })
                .await
                .unwrap();
        }
        assert!(cache.len() <= 3, "{} versions held", cache.len());
        assert!(cache.len() >= 1);
    }
}
