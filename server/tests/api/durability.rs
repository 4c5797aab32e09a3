//! An acknowledged answer is on disk: a hard kill of the server in the middle of a load loses
//! none of them, on either database. Answers are committed in groups (see `db::group`), so
//! this is also the test that a group is acknowledged only after its commit.

use std::collections::HashSet;

use app::domain::answer::AnswerValue;
use app::domain::ids::ResponseId;
use app::domain::validate::parse_definition;

use crate::live::{LiveServer, load_until};
use crate::support::{Backend, Scratch};

async fn every_acknowledged_answer_survives_a_hard_kill(backend: Backend) {
    let scratch = Scratch::new(backend).await;
    let mut server = LiveServer::start(&scratch.url, &[]).await;
    let child = &mut server.child;
    let (acked, _) = load_until(server.addr, 32, 400, || async {
        child.start_kill().expect("SIGKILL the server");
    })
    .await;
    server.child.wait().await.unwrap();
    assert!(
        acked.answers.len() >= 400,
        "{} answers",
        acked.answers.len()
    );

    let store = server::db::connect(&scratch.url).await.expect("reopen");
    let def = parse_definition(server::demo::DEMOS[0].1).unwrap();
    let mut checked = HashSet::new();
    for id in &acked.responses {
        let id = ResponseId::parse(id).unwrap();
        assert!(
            store.response(&id).await.unwrap().is_some(),
            "response {id} lost"
        );
    }
    for (id, key, value) in &acked.answers {
        let id = ResponseId::parse(id).unwrap();
        let stored = store.answers(&id).await.unwrap();
        let sent = AnswerValue::from_json(def.question(key).unwrap(), value).unwrap();
        assert_eq!(stored.get(key), Some(&sent), "answer {key} of {id}");
        checked.insert((id, key.clone()));
    }
    assert_eq!(checked.len(), acked.answers.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_answer_survives_a_hard_kill_on_sqlite() {
    every_acknowledged_answer_survives_a_hard_kill(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_answer_survives_a_hard_kill_on_postgres() {
    every_acknowledged_answer_survives_a_hard_kill(Backend::Postgres).await;
}
