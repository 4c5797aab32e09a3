//! Group commit for answers. An answer is acknowledged only once it is on disk, and making
//! something durable costs a flush of the write-ahead log (an fsync) per commit. Answers
//! therefore go through a short queue to writer tasks; a writer takes every answer waiting
//! (up to [`MAX_BATCH`]), stores them in one transaction, commits once, and only then tells
//! each request how its answer fared. Under load many answers share one flush; a lone answer
//! is written at once, without waiting for company.
//!
//! A batch is two statements whatever its size (each backend writes them its own way, see
//! [`BatchSql`]), so the writer spends its time committing, not talking to the database.
//! Each answer is still judged alone (its response must be open), and a batch that fails as
//! a whole is written again one answer per transaction, so one bad answer never costs the
//! others theirs.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use app::error::StoreError;
use chrono::{DateTime, Utc};
use sqlx::{Database, Encode, Executor, IntoArguments, Pool, Type};
use tokio::sync::{Mutex, mpsc, oneshot};

use super::retry::write;
use super::rows::json_error;

/// A backend's statements for a batch. `touch_open` gets the time and a JSON array of
/// response ids, marks the open ones as updated (taking their row locks, so a completion
/// waits or is waited for) and returns their ids; `upsert` gets the time and a JSON array of
/// `[response id, question key, answer JSON]`, one per question, and stores them.
#[derive(Clone, Copy)]
pub(crate) struct BatchSql {
    pub touch_open: &'static str,
    pub upsert: &'static str,
}

/// The most answers one transaction takes.
pub(crate) const MAX_BATCH: usize = 256;
/// Answers waiting beyond this make the next request wait to enqueue (back pressure).
const QUEUE: usize = 4 * MAX_BATCH;

struct Job {
    response_id: String,
    question_key: String,
    /// The answer's JSON.
    value: String,
    /// Whether the response was open (and the answer stored), once committed.
    reply: oneshot::Sender<Result<bool, StoreError>>,
}

/// The writers' queue. Dropping it (with the store) lets the writers finish what is queued
/// and stop.
pub(crate) struct AnswerQueue {
    jobs: mpsc::Sender<Job>,
}

impl AnswerQueue {
    /// Start `writers` writer tasks on `pool`. SQLite has one writer at a time, so it needs
    /// one; PostgreSQL gains from a few, each filling its batch while another commits.
    pub(crate) fn start<DB>(pool: Pool<DB>, sql: BatchSql, writers: usize) -> AnswerQueue
    where
        DB: Database,
        for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
        for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
        for<'q> &'q str: Encode<'q, DB> + Type<DB>,
        for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
        for<'r> (String,): sqlx::FromRow<'r, DB::Row>,
    {
        let (jobs, queued) = mpsc::channel(QUEUE);
        let queued = Arc::new(Mutex::new(queued));
        for _ in 0..writers.max(1) {
            tokio::spawn(writer(pool.clone(), sql, queued.clone()));
        }
        AnswerQueue { jobs }
    }

    /// Store one answer; `Ok(false)` when its response is completed or unknown. Returns once
    /// the answer is committed.
    pub(crate) async fn save(
        &self,
        response_id: &str,
        question_key: &str,
        value: String,
    ) -> Result<bool, StoreError> {
        let (reply, outcome) = oneshot::channel();
        let job = Job {
            response_id: response_id.to_string(),
            question_key: question_key.to_string(),
            value,
            reply,
        };
        let stopped = || StoreError::Unavailable("the answer writer has stopped".into());
        self.jobs.send(job).await.map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?
    }
}

/// Take batches off the queue until it is closed and empty.
async fn writer<DB>(pool: Pool<DB>, sql: BatchSql, queued: Arc<Mutex<mpsc::Receiver<Job>>>)
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'r> (String,): sqlx::FromRow<'r, DB::Row>,
{
    loop {
        let mut batch = Vec::new();
        {
            // Only one writer collects at a time; the others are committing meanwhile.
            let mut queued = queued.lock().await;
            if queued.recv_many(&mut batch, MAX_BATCH).await == 0 {
                return;
            }
        }
        metrics::histogram!("percorso_answer_batch_size").record(batch.len() as f64);
        tracing::trace!(size = batch.len(), "answer batch");
        // Rows are locked in one order in every batch, so concurrent batches cannot deadlock.
        batch.sort_by(|a, b| a.response_id.cmp(&b.response_id));
        match commit(&pool, sql, &batch).await {
            Ok(open) => {
                for (job, open) in batch.into_iter().zip(open) {
                    let _ = job.reply.send(Ok(open));
                }
            }
            Err(e) if batch.len() == 1 => {
                let job = batch.pop().expect("one job");
                let _ = job.reply.send(Err(e));
            }
            Err(e) => {
                tracing::warn!(error = %e, size = batch.len(), "answer batch failed; writing its answers one by one");
                for job in batch {
                    let one = std::slice::from_ref(&job);
                    let result = commit(&pool, sql, one).await.map(|open| open[0]);
                    let _ = job.reply.send(result);
                }
            }
        }
    }
}

/// Store `batch` in one transaction of two statements, whatever its size; for each answer,
/// whether its response was open.
async fn commit<DB>(pool: &Pool<DB>, sql: BatchSql, batch: &[Job]) -> Result<Vec<bool>, StoreError>
where
    DB: Database,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    for<'q> DB::Arguments<'q>: IntoArguments<'q, DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'r> (String,): sqlx::FromRow<'r, DB::Row>,
{
    let ids: BTreeSet<&str> = batch.iter().map(|j| j.response_id.as_str()).collect();
    let ids = serde_json::to_string(&ids).map_err(json_error)?;
    let ids = ids.as_str();
    let result = write(|| async move {
        let now = Utc::now();
        let mut tx = pool.begin().await?;
        // Takes the responses' row locks and leaves out completed ones (see the statement).
        let open: Vec<(String,)> = sqlx::query_as(sql.touch_open)
            .bind(now)
            .bind(ids)
            .fetch_all(&mut *tx)
            .await?;
        let open: HashSet<String> = open.into_iter().map(|(id,)| id).collect();
        // One row per question: the last answer given to it in this batch.
        let mut rows: BTreeMap<(&str, &str), &str> = BTreeMap::new();
        for job in batch.iter().filter(|j| open.contains(&j.response_id)) {
            rows.insert((&job.response_id, &job.question_key), &job.value);
        }
        if !rows.is_empty() {
            let rows: Vec<[&str; 3]> = rows.into_iter().map(|((r, q), v)| [r, q, v]).collect();
            let rows = serde_json::to_string(&rows).map_err(|e| sqlx::Error::Encode(e.into()))?;
            sqlx::query(sql.upsert)
                .bind(now)
                .bind(rows.as_str())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(batch
            .iter()
            .map(|j| open.contains(&j.response_id))
            .collect::<Vec<_>>())
    })
    .await;
    if let Ok(open) = &result {
        let stored = open.iter().filter(|o| **o).count();
        metrics::counter!("percorso_answer_commits_total").increment(1);
        metrics::counter!("percorso_answers_stored_total").increment(stored as u64);
    }
    result
}
