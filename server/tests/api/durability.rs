//! An acknowledged answer is on disk: a hard kill of the server in the middle of a load loses
//! none of them, and a SIGTERM lets every request in flight finish and loses none either, on
//! either database. Answers are committed in groups (see `db::group`), so these are also the
//! tests that a group is acknowledged only after its commit.

use std::collections::HashSet;
use std::time::Duration;

use app::domain::answer::AnswerValue;
use app::domain::ids::ResponseId;
use app::domain::validate::parse_definition;

use crate::live::{Acknowledged, Failed, LiveServer, load_until};
use crate::support::{Backend, Scratch};

/// Reopen the database and find every acknowledged response and answer, with its value.
async fn all_stored(url: &str, acked: &Acknowledged) {
    assert!(
        acked.answers.len() >= 400,
        "{} answers",
        acked.answers.len()
    );
    let store = server::db::connect(url).await.expect("reopen");
    let def = parse_definition(server::demo::DEMOS[0].1).unwrap();
    for id in &acked.responses {
        let id = ResponseId::parse(id).unwrap();
        let found = store.response(&id).await.unwrap();
        assert!(found.is_some(), "response {id} lost");
    }
    let mut checked = HashSet::new();
    for (id, key, value) in &acked.answers {
        let id = ResponseId::parse(id).unwrap();
        let stored = store.answers(&id).await.unwrap();
        let sent = AnswerValue::from_json(def.question(key).unwrap(), value).unwrap();
        assert_eq!(stored.get(key), Some(&sent), "answer {key} of {id}");
        checked.insert((id, key.clone()));
    }
    assert_eq!(checked.len(), acked.answers.len());
}

/// How many responses the database holds.
async fn count_responses(url: &str) -> usize {
    let sql = "select count(*) from responses";
    let count: i64 = if url.starts_with("sqlite:") {
        let pool = sqlx::SqlitePool::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    } else {
        let pool = sqlx::PgPool::connect(url).await.unwrap();
        sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
    };
    count as usize
}

async fn every_acknowledged_answer_survives_a_hard_kill(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let mut server = LiveServer::start(&scratch.url, &[]).await;
    let child = &mut server.child;
    let (acked, _) = load_until(server.addr, 32, 400, || async {
        child.start_kill().expect("SIGKILL the server");
    })
    .await;
    server.child.wait().await.unwrap();
    all_stored(&scratch.url, &acked).await;
}

async fn a_sigterm_under_load_answers_every_request_it_began(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let mut server = LiveServer::start(&scratch.url, &[("SHUTDOWN_GRACE_SECONDS", "10")]).await;
    let pid = server.child.id().expect("running").to_string();
    let (acked, ended) = load_until(server.addr, 32, 400, || async {
        let sent = tokio::process::Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .await
            .unwrap();
        assert!(sent.success());
    })
    .await;
    let status = tokio::time::timeout(Duration::from_secs(15), server.child.wait())
        .await
        .expect("the server stops within its grace period")
        .unwrap();
    assert!(status.success(), "exit status {status}");
    all_stored(&scratch.url, &acked).await;
    // A request the server had begun was answered before it closed the connection. A request
    // sent just as the server closed an idle keep-alive connection was never read, so nothing
    // of it was stored (HTTP lets clients send such a request again).
    let store = server::db::connect(&scratch.url).await.expect("reopen");
    let mut unanswered_starts = 0;
    for (failed, answering) in &ended {
        match (failed, answering) {
            (Failed::Closed, _) => {}
            (Failed::CutOff(_), None) => unanswered_starts += 1,
            (Failed::CutOff(e), Some((id, key))) => {
                let id = ResponseId::parse(id).unwrap();
                let stored = store.answers(&id).await.unwrap();
                assert!(
                    !stored.contains_key(key),
                    "{key} of {id} stored, unanswered: {e}"
                );
            }
        }
    }
    let started = count_responses(&scratch.url).await;
    assert_eq!(
        started,
        acked.responses.len(),
        "{unanswered_starts} starts unanswered"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_answer_survives_a_hard_kill_on_sqlite() {
    every_acknowledged_answer_survives_a_hard_kill(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_answer_survives_a_hard_kill_on_postgres() {
    every_acknowledged_answer_survives_a_hard_kill(Backend::Postgres).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigterm_under_load_answers_every_request_it_began_on_sqlite() {
    a_sigterm_under_load_answers_every_request_it_began(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sigterm_under_load_answers_every_request_it_began_on_postgres() {
    a_sigterm_under_load_answers_every_request_it_began(Backend::Postgres).await;
}
