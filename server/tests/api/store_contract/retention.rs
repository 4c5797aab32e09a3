//! The store's part in operating: readiness, and deleting responses that never got an answer.

use app::domain::answer::AnswerValue;
use app::ssr::store::SharedStore;
use chrono::{TimeDelta, Utc};

use super::{demo, new_response};

/// Only responses without a single answer go, and only those started before the cut-off.
pub async fn only_unanswered_responses_older_than_the_cut_off_are_deleted(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let mut ids = Vec::new();
    for n in 1..=4 {
        let r = store
            .create_response(&new_response(v.version_id, n))
            .await
            .unwrap();
        ids.push(r.id);
    }
    let answered = &ids[0];
    store
        .save_answer(answered, "current_shoes", &AnswerValue::Skipped)
        .await
        .unwrap();
    let an_hour_ago = Utc::now() - TimeDelta::hours(1);
    assert_eq!(store.delete_unanswered(an_hour_ago).await.unwrap(), 0);
    for id in &ids {
        assert!(store.response(id).await.unwrap().is_some());
    }
    let later = Utc::now() + TimeDelta::seconds(1);
    assert_eq!(store.delete_unanswered(later).await.unwrap(), 3);
    assert!(store.response(answered).await.unwrap().is_some());
    assert_eq!(store.answers(answered).await.unwrap().len(), 1);
    for id in &ids[1..] {
        assert!(store.response(id).await.unwrap().is_none(), "{id:?}");
    }
    assert_eq!(store.delete_unanswered(later).await.unwrap(), 0);
}

/// A database the server has migrated is ready.
pub async fn a_migrated_database_is_ready(store: SharedStore) {
    store.ready().await.expect("ready");
}
