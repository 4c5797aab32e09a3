//! The storage contract, run against SQLite, PostgreSQL, and PostgreSQL with `serializable` as
//! its default isolation (where concurrent writes fail and the store must run them again).

use app::domain::answer::AnswerValue;
use app::domain::ids::{ResponseId, ResumeToken, Slug};
use app::domain::recommend::recommend;
use app::domain::validate::parse_definition;
use app::ssr::store::{NewResponse, SharedStore};

use crate::support::TestDb;

mod retention;
mod upgrade;

use retention::{
    a_migrated_database_is_ready, only_unanswered_responses_older_than_the_cut_off_are_deleted,
};

fn demo() -> app::domain::definition::Definition {
    parse_definition(server::demo::DEMOS[0].1).unwrap()
}

fn slug(text: &str) -> Slug {
    Slug::parse(text).unwrap()
}

fn new_response(version_id: i64, n: u8) -> NewResponse {
    NewResponse {
        id: ResponseId::parse(&format!("00000000-0000-4000-8000-0000000000{n:02}")).unwrap(),
        token: ResumeToken::parse(&format!("{:0>48}", n)).unwrap(),
        version_id,
        locale: "it".into(),
        touchpoint: Some("instagram".into()),
        consent: true,
    }
}

async fn publishing_identical_content_twice_creates_one_version(store: SharedStore) {
    let def = demo();
    let first = store.publish(&def).await.unwrap();
    assert_eq!((first.number, first.created), (1, true));
    let again = store.publish(&def).await.unwrap();
    assert_eq!(
        (again.number, again.created, again.version_id),
        (1, false, first.version_id)
    );
    let mut changed = def.clone();
    changed.max_offers = 2;
    let second = store.publish(&changed).await.unwrap();
    assert_eq!((second.number, second.created), (2, true));
    let current = store
        .current_version(&slug(&def.slug))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((current.number, current.definition.max_offers), (2, 2));
}

async fn the_listing_shows_only_the_newest_version_of_each(store: SharedStore) {
    let a = demo();
    let b = parse_definition(server::demo::DEMOS[1].1).unwrap();
    store.publish(&b).await.unwrap();
    store.publish(&a).await.unwrap();
    let mut a2 = a.clone();
    a2.max_offers = 1;
    store.publish(&a2).await.unwrap();
    let listed = store.list_published().await.unwrap();
    let slugs: Vec<_> = listed
        .iter()
        .map(|v| (v.definition.slug.as_str(), v.number))
        .collect();
    assert_eq!(
        slugs,
        vec![("running-shoe-finder", 2), ("skin-care-routine", 1)]
    );
    assert!(
        store
            .current_version(&slug("nope"))
            .await
            .unwrap()
            .is_none()
    );
}

async fn a_response_keeps_the_version_it_started_on(store: SharedStore) {
    let def = demo();
    let v1 = store.publish(&def).await.unwrap();
    let created = store
        .create_response(&new_response(v1.version_id, 1))
        .await
        .unwrap();
    assert_eq!(created.slug, def.slug);
    assert_eq!(created.touchpoint.as_deref(), Some("instagram"));
    assert!(created.consent && created.completed_at.is_none() && created.outcome.is_none());
    let mut edited = def.clone();
    edited.questions.pop();
    store.publish(&edited).await.unwrap();
    let response = store.response(&created.id).await.unwrap().unwrap();
    let version = store.version(response.version_id).await.unwrap().unwrap();
    assert_eq!(*version.definition, def);
}

async fn answers_are_kept_one_by_one_and_replaced_when_changed(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let r = store
        .create_response(&new_response(v.version_id, 2))
        .await
        .unwrap();
    store
        .save_answer(&r.id, "a", &AnswerValue::Keys(vec!["x".into()]))
        .await
        .unwrap();
    store
        .save_answer(&r.id, "b", &AnswerValue::Number(7.5))
        .await
        .unwrap();
    store
        .save_answer(&r.id, "a", &AnswerValue::Keys(vec!["y".into(), "z".into()]))
        .await
        .unwrap();
    store
        .save_answer(&r.id, "c", &AnswerValue::Skipped)
        .await
        .unwrap();
    store
        .save_answer(&r.id, "d", &AnswerValue::Text("ciao, mondo".into()))
        .await
        .unwrap();
    let answers = store.answers(&r.id).await.unwrap();
    assert_eq!(answers.len(), 4);
    assert_eq!(
        answers["a"],
        AnswerValue::Keys(vec!["y".into(), "z".into()])
    );
    assert_eq!(answers["b"], AnswerValue::Number(7.5));
    assert_eq!(answers["c"], AnswerValue::Skipped);
    assert_eq!(answers["d"], AnswerValue::Text("ciao, mondo".into()));
}

async fn an_answer_for_an_unknown_response_is_refused(store: SharedStore) {
    let result = store
        .save_answer(
            &ResponseId::parse("00000000-0000-4000-8000-00000000ffff").unwrap(),
            "a",
            &AnswerValue::Number(1.0),
        )
        .await;
    assert!(result.is_err(), "foreign keys must be enforced");
}

async fn responses_are_found_by_token_and_only_by_their_own(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let new = new_response(v.version_id, 3);
    let r = store.create_response(&new).await.unwrap();
    assert_eq!(
        store
            .response_by_token(&new.token)
            .await
            .unwrap()
            .unwrap()
            .id,
        r.id
    );
    assert!(
        store
            .response_by_token(&ResumeToken::parse(&format!("{:0>48}", 99)).unwrap())
            .await
            .unwrap()
            .is_none()
    );
    let mut dup = new_response(v.version_id, 4);
    dup.token = new.token.clone();
    assert!(matches!(
        store.create_response(&dup).await,
        Err(app::error::StoreError::Conflict(_))
    ));
}

/// A clash with a named constraint reaches clients as a fixed text, not the database's words.
async fn a_duplicate_response_id_is_a_conflict_told_in_our_words(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let first = new_response(v.version_id, 8);
    store.create_response(&first).await.unwrap();
    let mut again = new_response(v.version_id, 9);
    again.id = first.id.clone();
    match store.create_response(&again).await {
        Err(app::error::StoreError::Conflict(text)) => {
            assert_eq!(text, "a response with this id already exists");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn completing_stores_the_outcome_and_the_first_completion_time(store: SharedStore) {
    let def = demo();
    let v = store.publish(&def).await.unwrap();
    let r = store
        .create_response(&new_response(v.version_id, 5))
        .await
        .unwrap();
    let outcome = recommend(&def, &Default::default());
    store.complete(&r.id, &outcome).await.unwrap();
    let done = store.response(&r.id).await.unwrap().unwrap();
    let first = done.completed_at.expect("completed");
    assert_eq!(done.outcome.as_ref(), Some(&outcome));
    store.complete(&r.id, &outcome).await.unwrap();
    let again = store.response(&r.id).await.unwrap().unwrap();
    assert_eq!(again.completed_at, Some(first));
    store.set_locale(&r.id, "en").await.unwrap();
    assert_eq!(store.response(&r.id).await.unwrap().unwrap().locale, "en");
    // Completed is final, in the store itself: no answer slips in after the outcome.
    let late = store
        .save_answer(&r.id, "gait", &AnswerValue::Keys(vec!["heel".into()]))
        .await;
    assert!(
        matches!(&late, Err(app::error::StoreError::Conflict(m)) if m.contains("completed")),
        "{late:?}"
    );
    assert!(store.answers(&r.id).await.unwrap().is_empty());
}

/// An acknowledged answer is committed: another pool, with connections of its own, sees it.
/// (Whether it survives a crash is up to the database's durability settings.)
async fn answers_are_visible_through_a_new_connection(db: &TestDb) {
    let v = db.store.publish(&demo()).await.unwrap();
    let r = db
        .store
        .create_response(&new_response(v.version_id, 6))
        .await
        .unwrap();
    db.store
        .save_answer(&r.id, "gait", &AnswerValue::Keys(vec!["heel".into()]))
        .await
        .unwrap();
    let restarted = db.reconnect().await;
    let answers = restarted.answers(&r.id).await.unwrap();
    assert_eq!(answers["gait"], AnswerValue::Keys(vec!["heel".into()]));
}

/// Publishers of one questionnaire take turns: each gets a number of its own, none fails.
async fn concurrent_publishes_get_one_number_each(store: SharedStore) {
    let mut publishes = tokio::task::JoinSet::new();
    for n in 1..=8 {
        let store = store.clone();
        let mut def = demo();
        def.max_offers = n;
        publishes.spawn(async move { store.publish(&def).await });
    }
    let mut numbers = Vec::new();
    while let Some(published) = publishes.join_next().await {
        let published = published.unwrap().expect("every publish succeeds");
        assert!(published.created);
        numbers.push(published.number);
    }
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    let current = store
        .current_version(&slug(&demo().slug))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.number, 8);
}

/// Answers given at the same moment to one response (several tabs, a retrying client) are
/// all kept, though each also touches the response.
async fn concurrent_answers_to_one_response_are_all_kept(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let r = store
        .create_response(&new_response(v.version_id, 7))
        .await
        .unwrap();
    let mut saves = tokio::task::JoinSet::new();
    for n in 0..12 {
        let (store, id) = (store.clone(), r.id.clone());
        saves.spawn(async move {
            let value = AnswerValue::Number(f64::from(n));
            store.save_answer(&id, &format!("q{n}"), &value).await
        });
    }
    while let Some(saved) = saves.join_next().await {
        saved.unwrap().expect("every answer is saved");
    }
    let answers = store.answers(&r.id).await.unwrap();
    assert_eq!(answers.len(), 12);
    assert_eq!(answers["q11"], AnswerValue::Number(11.0));
}

async fn a_response_is_read_with_its_answers_in_one_go(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let r = store.create_response(&new_response(v.version_id, 9)).await;
    let id = r.unwrap().id;
    let (read, answers) = store.response_with_answers(&id).await.unwrap().unwrap();
    assert_eq!((read.id.clone(), answers.len()), (id.clone(), 0));
    for (key, n) in [("a", 1.0), ("b", 2.0)] {
        store
            .save_answer(&id, key, &AnswerValue::Number(n))
            .await
            .unwrap();
    }
    let (read, answers) = store.response_with_answers(&id).await.unwrap().unwrap();
    assert_eq!(Some(read), store.response(&id).await.unwrap());
    assert_eq!(answers, store.answers(&id).await.unwrap());
    assert_eq!(answers.len(), 2);
    let unknown = ResponseId::parse("00000000-0000-4000-8000-000000000098").unwrap();
    assert!(
        store
            .response_with_answers(&unknown)
            .await
            .unwrap()
            .is_none()
    );
}

/// Answers that arrive together share a commit, yet each is judged alone: one to a completed
/// or unknown response is refused without costing the others theirs.
async fn answers_committed_together_are_each_judged_alone(store: SharedStore) {
    let v = store.publish(&demo()).await.unwrap();
    let mut ids = Vec::new();
    for n in 20..60 {
        let r = store.create_response(&new_response(v.version_id, n)).await;
        ids.push(r.unwrap().id);
    }
    let closed = ids[7].clone();
    let outcome = recommend(&demo(), &Default::default());
    store.complete(&closed, &outcome).await.unwrap();
    let unknown = ResponseId::parse("00000000-0000-4000-8000-000000000099").unwrap();
    ids.push(unknown.clone());
    let mut saves = tokio::task::JoinSet::new();
    for id in ids.iter().cloned() {
        let store = store.clone();
        saves.spawn(async move {
            let saved = store.save_answer(&id, "q", &AnswerValue::Number(1.0)).await;
            (id, saved)
        });
    }
    while let Some(joined) = saves.join_next().await {
        let (id, saved) = joined.unwrap();
        if id == closed || id == unknown {
            assert!(
                matches!(saved, Err(app::error::StoreError::Conflict(_))),
                "{saved:?}"
            );
        } else {
            saved.expect("an answer to an open response is stored");
            assert_eq!(store.answers(&id).await.unwrap().len(), 1);
        }
    }
    assert!(store.answers(&closed).await.unwrap().is_empty());
}

macro_rules! contract {
    ($backend:ident) => {
        use crate::support::{Backend, TestDb};
        contract!(@store $backend:
            publishing_identical_content_twice_creates_one_version,
            the_listing_shows_only_the_newest_version_of_each,
            a_response_keeps_the_version_it_started_on,
            answers_are_kept_one_by_one_and_replaced_when_changed,
            an_answer_for_an_unknown_response_is_refused,
            responses_are_found_by_token_and_only_by_their_own,
            a_duplicate_response_id_is_a_conflict_told_in_our_words,
            completing_stores_the_outcome_and_the_first_completion_time,
            concurrent_publishes_get_one_number_each,
            concurrent_answers_to_one_response_are_all_kept,
            answers_committed_together_are_each_judged_alone,
            a_response_is_read_with_its_answers_in_one_go,
            only_unanswered_responses_older_than_the_cut_off_are_deleted,
            a_migrated_database_is_ready,
        );
        #[tokio::test]
        async fn answers_are_visible_through_a_new_connection() {
            let db = TestDb::new(Backend::$backend).await;
            super::answers_are_visible_through_a_new_connection(&db).await;
        }
        #[tokio::test]
        async fn responses_from_before_hashed_tokens_resume_with_their_token() {
            super::upgrade::responses_from_before_hashed_tokens_resume_with_their_token(Backend::$backend)
                .await;
        }
    };
    (@store $backend:ident: $($name:ident),* $(,)?) => {
        $(#[tokio::test] async fn $name() {
            let db = TestDb::new(Backend::$backend).await;
            super::$name(db.store.clone()).await;
        })*
    };
}

mod sqlite {
    contract!(Sqlite);
}

mod postgres {
    contract!(Postgres);
}

mod postgres_serializable {
    contract!(PostgresSerializable);
}
