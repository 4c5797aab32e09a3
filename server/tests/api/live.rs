//! The real server binary on a real port, and respondents that drive it over TCP: for the
//! tests of what survives a hard kill or a shutdown under load.

use std::net::SocketAddr;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::client::some_answer;

/// `server serve` over `database_url`, with the demos published, on a free local port.
pub struct LiveServer {
    pub addr: SocketAddr,
    pub child: Child,
}

impl LiveServer {
    pub async fn start(database_url: &str, env: &[(&str, &str)]) -> LiveServer {
        let addr = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap()
        };
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", addr.to_string())
            .env("LOAD_DEMO", "true")
            .env("RUST_LOG", "warn")
            // Every respondent here is one address, far faster than any visitor.
            .env("START_BURST", "1000000")
            .env("ANSWER_BURST", "1000000")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start the server");
        let server = LiveServer { addr, child };
        for _ in 0..300 {
            if let Ok(mut conn) = Conn::open(addr).await
                && let Ok((StatusCode::OK, _)) = conn.send("GET", "/healthz", None, None).await
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not become healthy at {addr}");
    }
}

/// One keep-alive HTTP/1.1 connection.
pub struct Conn {
    sender: SendRequest<Full<Bytes>>,
}

impl Conn {
    pub async fn open(addr: SocketAddr) -> Result<Conn, String> {
        let stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        Ok(Conn { sender })
    }

    /// Send a request and read the whole answer.
    pub async fn send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Result<(StatusCode, Value), Failed> {
        // The server closed the connection between requests (e.g. it is shutting down).
        self.sender.ready().await.map_err(|_| Failed::Closed)?;
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "localhost")
            .header("content-type", "application/json");
        if let Some(token) = token {
            req = req.header("x-response-token", token);
        }
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let req = req.body(Full::new(Bytes::from(body))).unwrap();
        let res = self
            .sender
            .send_request(req)
            .await
            .map_err(|e| Failed::CutOff(e.to_string()))?;
        let status = res.status();
        let bytes = res
            .into_body()
            .collect()
            .await
            .map_err(|e| Failed::CutOff(e.to_string()))?
            .to_bytes();
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, value))
    }
}

/// How a request failed.
#[derive(Debug)]
pub enum Failed {
    /// Before it was sent: the connection was closed.
    Closed,
    /// Sent, with no whole answer (what went wrong, for the assertion's message).
    CutOff(#[allow(dead_code, reason = "shown by Debug")] String),
}

/// How a respondent's run ended, and the answer (response id, question key) it was sending.
pub type Ended = (Failed, Option<(String, String)>);

/// What respondents were told was stored: responses started and answers acknowledged.
#[derive(Default)]
pub struct Acknowledged {
    pub responses: Vec<String>,
    /// (response id, question key, value).
    pub answers: Vec<(String, String, Value)>,
}

/// A respondent that starts responses and answers them question by question, forward only,
/// recording each acknowledgement, until the connection fails. Returns how it failed, and
/// the answer it was sending then (`None`: it was starting a response).
pub async fn respondent(addr: SocketAddr, acked: Arc<Mutex<Acknowledged>>) -> Ended {
    let Ok(mut conn) = Conn::open(addr).await else {
        return (Failed::Closed, None);
    };
    let start = "/api/v1/questionnaires/running-shoe-finder/responses";
    loop {
        let body = json!({"consent": true, "locale": "en"});
        let (id, token, mut next) = match conn.send("POST", start, None, Some(body)).await {
            Ok((StatusCode::CREATED, v)) => (
                v["id"].as_str().unwrap().to_string(),
                v["token"].as_str().unwrap().to_string(),
                v["next"].clone(),
            ),
            Ok((status, v)) => panic!("start refused: {status} {v}"),
            Err(failed) => return (failed, None),
        };
        acked.lock().unwrap().responses.push(id.clone());
        while !next.is_null() {
            let key = next["key"].as_str().unwrap().to_string();
            let value = some_answer(&next);
            let path = format!("/api/v1/responses/{id}/answers/{key}");
            let body = json!({ "value": value });
            match conn.send("PUT", &path, Some(&token), Some(body)).await {
                Ok((StatusCode::OK, v)) => {
                    acked.lock().unwrap().answers.push((id.clone(), key, value));
                    next = v["next"].clone();
                }
                Ok((status, v)) => panic!("answer refused: {status} {v}"),
                Err(failed) => return (failed, Some((id, key))),
            }
        }
    }
}

/// Run `clients` respondents against `addr` until there are at least `answers` acknowledged
/// answers, then call `stop`; returns what was acknowledged and how each respondent ended.
pub async fn load_until<F, Fut>(
    addr: SocketAddr,
    clients: usize,
    answers: usize,
    stop: F,
) -> (Acknowledged, Vec<Ended>)
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ()>,
{
    let acked = Arc::new(Mutex::new(Acknowledged::default()));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..clients {
        tasks.spawn(respondent(addr, acked.clone()));
    }
    for _ in 0..600 {
        if acked.lock().unwrap().answers.len() >= answers {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    stop().await;
    let ended = tasks.join_all().await;
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    (acked, ended)
}
