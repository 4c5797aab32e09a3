//! The serve loop: accepts connections for the router with the limits `axum::serve` cannot set.
//!
//! - at most `max_connections` are served at once; more wait in the listen queue until one
//!   closes (so one client cannot take every file descriptor);
//! - an HTTP/1 request head must arrive within `header_read_timeout`, counted from when the
//!   server starts waiting for it (so also between the requests of a kept-alive connection);
//! - a connection with no request in progress for `idle_timeout` is closed, whatever its
//!   protocol, including one that never sent a byte;
//! - when `shutdown` resolves, no more connections are accepted, requests in progress get
//!   `shutdown_grace` to finish, and the loop returns even if some are still open.

use std::convert::Infallible;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore};
use tokio::time::Instant;
use tower::ServiceExt;

use crate::config::ConnectionLimits;
use crate::errors::{MAX_HEADER_BYTES, MAX_HEADERS, MAX_URI};

/// Serve `app` on `listener` until `shutdown` resolves, then drain (see the module doc).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true)
        // Above the router's own limits, which answer in the API's or the page's form; these
        // only stop what would not fit in memory.
        .max_headers(MAX_HEADERS * 2)
        .max_buf_size((MAX_URI + MAX_HEADER_BYTES) * 2);
    builder.http2().timer(TokioTimer::new());
    let builder = Arc::new(builder);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little rather than spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let activity = Activity::new();
        let service = {
            let (app, activity) = (app.clone(), activity.clone());
            hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
                req.extensions_mut().insert(ConnectInfo(peer));
                let guard = activity.begin();
                let app = app.clone();
                async move {
                    let res = app.oneshot(req.map(axum::body::Body::new)).await?;
                    // In progress until the response's body is sent (or dropped).
                    Ok::<_, Infallible>(res.map(|body| {
                        axum::body::Body::new(body.map_frame(move |frame| {
                            let _ = &guard;
                            frame
                        }))
                    }))
                }
            })
        };
        let conn = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), service)
            .into_owned();
        let conn = graceful.watch(conn);
        let idle_timeout = limits.idle_timeout;
        tokio::spawn(async move {
            tokio::select! {
                _ = conn => {}
                () = activity.idle_for(idle_timeout) => {
                    tracing::debug!(%peer, "closing an idle connection");
                }
            }
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("shutting down: finishing the requests in progress");
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("shutdown grace period over; closing the connections left");
    }
}

/// Whether a connection has a request in progress, and since when it has had none.
#[derive(Clone)]
struct Activity {
    state: Arc<Mutex<(usize, Instant)>>,
    changed: Arc<Notify>,
}

/// A request in progress; dropping it ends it.
struct InProgress(Activity);

impl Drop for InProgress {
    fn drop(&mut self) {
        let mut state = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
        state.0 -= 1;
        state.1 = Instant::now();
        drop(state);
        self.0.changed.notify_waiters();
    }
}

impl Activity {
    fn new() -> Activity {
        Activity {
            state: Arc::new(Mutex::new((0, Instant::now()))),
            changed: Arc::new(Notify::new()),
        }
    }

    fn begin(&self) -> InProgress {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0 += 1;
        self.changed.notify_waiters();
        InProgress(self.clone())
    }

    /// Resolves once no request has been in progress for `timeout`.
    async fn idle_for(&self, timeout: Duration) {
        loop {
            let changed = self.changed.notified();
            let (in_progress, since) = *self.state.lock().unwrap_or_else(|e| e.into_inner());
            if in_progress > 0 {
                changed.await;
                continue;
            }
            tokio::select! {
                () = tokio::time::sleep_until(since + timeout) => {
                    let (now_in_progress, now_since) =
                        *self.state.lock().unwrap_or_else(|e| e.into_inner());
                    if now_in_progress == 0 && now_since == since {
                        return;
                    }
                }
                () = changed => {}
            }
        }
    }
}
