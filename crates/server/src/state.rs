//! The service's shared state and its configuration.

use crate::events::Hub;
use crate::metrics::Metrics;
use crate::sheet::Thresholds;
use crate::store::{Store, StoreError};
use catalog::Catalog;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use grader::Grader;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::{Semaphore, mpsc, watch};

/// Settings, each with a default that works on a laptop.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The SQLite database file.
    pub db: PathBuf,
    /// The operator token; generated, stored and printed once when none is given.
    pub operator_token: Option<String>,
    /// Evaluations running at once.
    pub workers: usize,
    /// Submissions that may wait for a worker before new ones get 429.
    pub queue_capacity: usize,
    /// Example runs at once.
    pub run_slots: usize,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Submissions per candidate per minute.
    pub submits_per_minute: u32,
    /// Example runs per candidate per minute.
    pub runs_per_minute: u32,
    /// Decision thresholds per level.
    pub thresholds: Thresholds,
    /// How long shutdown waits for running evaluations.
    pub drain_seconds: u64,
    /// Draft autosaves per candidate per minute (the page saves after a pause in typing).
    pub drafts_per_minute: u32,
    /// The problems folder, where the question bank (`questions.json`) lives too.
    pub problems_dir: PathBuf,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            db: PathBuf::from("screenjudge.db"),
            operator_token: None,
            workers: 2,
            queue_capacity: 64,
            run_slots: 2,
            max_body_bytes: 256 << 10,
            submits_per_minute: 6,
            runs_per_minute: 30,
            thresholds: Thresholds::default(),
            drain_seconds: 30,
            drafts_per_minute: 120,
            problems_dir: Catalog::default_dir(),
        }
    }
}

/// Everything a handler needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub store: Store,
    pub catalog: Catalog,
    pub grader: Grader,
    pub hub: Hub,
    pub metrics: Metrics,
    pub queue: mpsc::Sender<i64>,
    pub operator: String,
    pub submit_limit: DefaultKeyedRateLimiter<i64>,
    pub run_limit: DefaultKeyedRateLimiter<i64>,
    pub draft_limit: DefaultKeyedRateLimiter<i64>,
    pub run_slots: Semaphore,
    pub questions: serde_json::Value,
    pub config: ServerConfig,
    pub stopping: watch::Sender<bool>,
}

/// The operator token as it came to be: given, already stored, or newly generated.
pub enum OperatorToken {
    /// From the configuration.
    Configured,
    /// From an earlier start, kept in the database.
    Stored,
    /// Generated now: print it once.
    Generated(String),
}

impl AppState {
    /// Opens the database and sets everything up. Returns the receiving end of the queue for the workers.
    pub fn new(config: ServerConfig, store: Store, catalog: Catalog, grader: Grader) -> Result<(AppState, mpsc::Receiver<i64>, OperatorToken), StoreError> {
        let (operator, how) = match &config.operator_token {
            Some(t) => (t.clone(), OperatorToken::Configured),
            None => match store.setting("operator_token")? {
                Some(t) => (t, OperatorToken::Stored),
                None => {
                    let t = crate::token::secret();
                    store.set_setting("operator_token", &t)?;
                    (t.clone(), OperatorToken::Generated(t))
                }
            },
        };
        let questions = std::fs::read_to_string(config.problems_dir.join("questions.json"))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_else(|| serde_json::json!({ "questions": [] }));
        let per_minute = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("non-zero"));
        let (queue, receiver) = mpsc::channel(config.queue_capacity.max(1));
        let inner = Inner {
            store,
            catalog,
            grader,
            hub: Hub::default(),
            metrics: Metrics::default(),
            queue,
            operator,
            submit_limit: RateLimiter::keyed(per_minute(config.submits_per_minute)),
            run_limit: RateLimiter::keyed(per_minute(config.runs_per_minute)),
            draft_limit: RateLimiter::keyed(per_minute(config.drafts_per_minute)),
            run_slots: Semaphore::new(config.run_slots.max(1)),
            questions,
            stopping: watch::channel(false).0,
            config,
        };
        Ok((AppState(Arc::new(inner)), receiver, how))
    }
}
