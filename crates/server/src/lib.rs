//! The screenjudge service: interview sessions, submissions graded by workers on one or more nodes, live
//! updates over server-sent events, and the interviewer's score sheet, over a JSON HTTP API.
//!
//! - `routes`: the handlers (`candidate`, `interviewer`); `error`: the one error shape;
//! - `state`: configuration and shared state; `store`: SQLite or PostgreSQL, and the job queue in it;
//! - `evaluate`: the workers, leases, the sweep, draining at shutdown; `runs`: fair Run slots;
//! - `events`: per-session broadcast for SSE; `bus`: jobs and events between nodes (LISTEN/NOTIFY);
//! - `insights`: figures across sessions for the operator, and a session's standing; `history`: generated
//!   history for demos, tests and the benchmark;
//! - `sheet`: score sheet and decision; `export`: the exports; `feedback`: the draft for the candidate;
//!   `model`: the status, stage and level sets; `reports`: stored reports read back as the grader's types;
//! - `timeline`: the candidate's timeline events (pastes, time away, Runs), read strictly;
//! - `token`: unguessable links and constant-time comparison; `links`: absolute links from the public
//!   URL; `metrics`: Prometheus;
//! - `pages`: the start page and the candidate's and interviewer's pages, bundled from `web/` by the
//!   build script;
//! - `headers`: the security headers every answer carries; `vocabulary`: every closed set with its words,
//!   and the calibrations, which the pages read.
//!
//! The entry point is `run(listener, state, workers, shutdown)`; tests call `app(state)` without a socket.

mod bus;
pub mod defaults;
mod error;
mod evaluate;
mod events;
mod exact;
mod export;
mod feedback;
mod headers;
pub mod history;
pub mod insights;
mod links;
mod metrics;
pub mod model;
mod pages;
mod reports;
mod routes;
mod runs;
pub mod sheet;
mod state;
mod store;
pub mod timeline;
mod token;
pub mod vocabulary;

pub use error::ApiError;
pub use evaluate::{drain, start as start_workers};
pub use links::PublicUrl;
pub use state::{AppState, OperatorToken, Role, ServerConfig, UnknownRole, WorkerStart};
pub use store::{Backend, DraftPolicy, Store, StoreError};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use routes::{candidate, interviewer};
use std::future::Future;
use tokio::net::TcpListener;

/// The router over `state`: the API and the pages (`/metrics` behind the operator token).
pub fn app(state: AppState) -> Router {
    let body_limit = state.0.config.max_body_bytes;
    Router::new()
        .route("/health", get(routes::health))
        .route("/metrics", get(routes::metrics))
        .route("/api/openapi.json", get(routes::openapi))
        .route("/api/problems", get(routes::problems))
        .route("/api/questions", get(routes::questions))
        .route("/api/sessions", post(routes::create_session).get(routes::sessions::list))
        .route("/api/insights", get(routes::insights::figures))
        .route("/api/insights/cases", get(routes::insights::cases))
        .route("/api/insights/export/{table}", get(routes::insights::export))
        .route("/api/c/{token}", get(candidate::view))
        .route("/api/c/{token}/draft", put(candidate::save_draft))
        .route("/api/c/{token}/run", post(candidate::run))
        .route("/api/c/{token}/try", post(candidate::try_input).layer(DefaultBodyLimit::max(routes::INPUT_BODY_BYTES)))
        .route("/api/c/{token}/submissions", post(candidate::submit).get(candidate::submissions))
        .route("/api/c/{token}/events", get(candidate::events))
        .route("/api/c/{token}/signals", post(candidate::signal).layer(DefaultBodyLimit::max(timeline::REPORT_BYTES)))
        .route("/api/i/{token}", get(interviewer::view))
        .route("/api/i/{token}/submissions", get(interviewer::submissions))
        .route("/api/i/{token}/events", get(interviewer::events))
        .route("/api/i/{token}/sheet", put(interviewer::save_sheet))
        .route("/api/i/{token}/sheet/history", get(interviewer::sheet_history))
        .route("/api/i/{token}/export/{format}", get(interviewer::export))
        .route("/api/i/{token}/timeline", get(interviewer::timeline))
        .route(
            "/api/i/{token}/scratch",
            post(interviewer::scratch).layer(DefaultBodyLimit::max(routes::INPUT_BODY_BYTES)),
        )
        .route("/api/i/{token}/standing", get(routes::insights::standing))
        .route("/", get(pages::start))
        .route("/insights", get(pages::insights))
        .route("/c/{token}", get(pages::candidate))
        .route("/i/{token}", get(pages::interviewer))
        .route("/assets/{file}", get(pages::asset))
        .fallback(|| async { ApiError::not_found("route") })
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(axum::middleware::map_response_with_state(state.clone(), routes::limits::count_refusals))
        .layer(axum::middleware::map_response(error::log_faults))
        .layer(axum::middleware::from_fn(headers::secure))
        .with_state(state)
}

/// The operators' router for a separate listen address: `/health` and `/metrics` without a token.
pub fn ops_app(state: AppState) -> Router {
    Router::new()
        .route("/health", get(routes::health))
        .route("/metrics", get(routes::open_metrics))
        .fallback(|| async { ApiError::not_found("route") })
        .layer(axum::middleware::from_fn(headers::secure))
        .with_state(state)
}

/// A worker node's router: `/health`, and `/metrics` behind the operator token as on the API.
fn worker_app(state: AppState) -> Router {
    Router::new()
        .route("/health", get(routes::health))
        .route("/metrics", get(routes::metrics))
        .fallback(|| async { ApiError::not_found("route") })
        .layer(axum::middleware::from_fn(headers::secure))
        .with_state(state)
}

/// Serves `ops_app` on its own listener until the process ends.
pub async fn serve_ops(listener: TcpListener, state: AppState) {
    if let Err(e) = axum::serve(listener, ops_app(state)).await {
        tracing::error!(error = %e, "the metrics listener stopped");
    }
}

/// Starts this node's workers (unless its role is `api`) and the listener for the other nodes, serves
/// until `shutdown` resolves (a `worker` node serves only `/health` and `/metrics`), then takes no new
/// job or request and gives running evaluations the drain timeout to finish.
pub async fn run(
    listener: TcpListener,
    state: AppState,
    workers: WorkerStart,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state.0.bus.listen(state.0.store.clone());
    let role = state.0.config.role;
    let workers = role.grades().then(|| evaluate::start(&state, workers));
    tracing::info!(addr = %listener.local_addr()?, role = role.as_str(), node = %state.0.node, "listening");
    let stopping = state.clone();
    let signal = async move {
        shutdown.await;
        // Workers take no new jobs and event streams end, so the open connections can close.
        stopping.begin_stopping();
    };
    let router = if role == Role::Worker { worker_app(state.clone()) } else { app(state.clone()) };
    axum::serve(listener, router).with_graceful_shutdown(signal).await?;
    if let Some(workers) = workers {
        tracing::info!("draining running evaluations");
        evaluate::drain(&state, workers).await;
    }
    Ok(())
}
