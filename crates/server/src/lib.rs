//! The screenjudge service: interview sessions, submissions evaluated on a bounded worker pool, live
//! updates over server-sent events, and the interviewer's score sheet, over a JSON HTTP API.
//!
//! - `routes`: the handlers; `error`: the one error shape;
//! - `state`: configuration and shared state; `store`: SQLite with migrations;
//! - `evaluate`: the workers, crash recovery, draining at shutdown;
//! - `events`: per-session broadcast for SSE; `sheet`: score sheet, decision, exports;
//! - `token`: unguessable links and constant-time comparison; `metrics`: Prometheus;
//! - `pages`: the candidate's and interviewer's pages, bundled from `web/` by the build script.
//!
//! The entry point is `run(listener, state, receiver, shutdown)`; tests call `app(state)` without a socket.

mod error;
mod evaluate;
mod events;
mod metrics;
mod pages;
mod routes;
pub mod sheet;
mod state;
mod store;
mod token;

pub use error::ApiError;
pub use evaluate::{drain, start as start_workers};
pub use state::{AppState, OperatorToken, ServerConfig};
pub use store::{Store, StoreError};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use std::future::Future;
use tokio::net::TcpListener;
use tokio::sync::mpsc;

/// The router over `state`.
pub fn app(state: AppState) -> Router {
    let body_limit = state.0.config.max_body_bytes;
    Router::new()
        .route("/health", get(routes::health))
        .route("/metrics", get(routes::metrics))
        .route("/api/openapi.json", get(routes::openapi))
        .route("/api/problems", get(routes::problems))
        .route("/api/questions", get(routes::questions))
        .route("/api/sessions", post(routes::create_session))
        .route("/api/c/{token}", get(routes::candidate_view))
        .route("/api/c/{token}/draft", put(routes::save_draft))
        .route("/api/c/{token}/run", post(routes::run_examples))
        .route("/api/c/{token}/submissions", post(routes::submit).get(routes::candidate_submission_list))
        .route("/api/c/{token}/events", get(routes::candidate_events))
        .route("/api/i/{token}", get(routes::interviewer_view))
        .route("/api/i/{token}/submissions", get(routes::interviewer_submission_list))
        .route("/api/i/{token}/events", get(routes::interviewer_events))
        .route("/api/i/{token}/sheet", put(routes::save_sheet))
        .route("/api/i/{token}/sheet/history", get(routes::sheet_history))
        .route("/api/i/{token}/export/{format}", get(routes::export))
        .route("/c/{token}", get(pages::candidate))
        .route("/i/{token}", get(pages::interviewer))
        .route("/assets/{file}", get(pages::asset))
        .fallback(|| async { ApiError::not_found("route") })
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(state)
}

/// Starts the workers (re-queueing unfinished submissions) and serves until `shutdown` resolves, then
/// stops taking new requests and gives running evaluations the drain timeout to finish.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    receiver: mpsc::Receiver<i64>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let workers = evaluate::start(&state, receiver);
    tracing::info!(addr = %listener.local_addr()?, "listening");
    let stopping = state.clone();
    let signal = async move {
        shutdown.await;
        // Workers take no new jobs and event streams end, so the open connections can close.
        let _ = stopping.0.stopping.send(true);
    };
    axum::serve(listener, app(state.clone())).with_graceful_shutdown(signal).await?;
    tracing::info!("draining running evaluations");
    evaluate::drain(&state, workers).await;
    Ok(())
}
