//! The service's shared state and its configuration.

use crate::bus::Bus;
use crate::defaults;
use crate::links::PublicUrl;
use crate::metrics::Metrics;
use crate::runs::RunGate;
use crate::sheet::Thresholds;
use crate::store::{DraftPolicy, Store, StoreError};
use catalog::{Catalog, QuestionBank};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use grader::Grader;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;

/// What a node does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Role {
    /// The API and the workers (one machine).
    #[default]
    All,
    /// The API only: submissions are queued for worker nodes.
    Api,
    /// Workers only (and `/health`, `/metrics`).
    Worker,
}

impl Role {
    /// Whether this node grades.
    pub fn grades(self) -> bool {
        self != Role::Api
    }

    /// The flag's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::All => "all",
            Role::Api => "api",
            Role::Worker => "worker",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role's name that is none of them.
#[derive(Debug, thiserror::Error)]
#[error("'{0}' is not a role (all, api, worker)")]
pub struct UnknownRole(String);

impl std::str::FromStr for Role {
    type Err = UnknownRole;

    fn from_str(text: &str) -> Result<Role, UnknownRole> {
        match text {
            "all" => Ok(Role::All),
            "api" => Ok(Role::Api),
            "worker" => Ok(Role::Worker),
            other => Err(UnknownRole(other.to_string())),
        }
    }
}

/// Settings, each with a default that works on a laptop.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The database: a SQLite file path (or `sqlite:` URL) or a `postgres://` URL.
    pub db: String,
    /// What this node does.
    pub role: Role,
    /// The operator token; generated, stored and printed once when none is given.
    pub operator_token: Option<String>,
    /// Evaluations running at once on this node.
    pub workers: usize,
    /// Submissions that may wait for a worker before new ones get 429.
    pub queue_capacity: usize,
    /// Example runs at once.
    pub run_slots: usize,
    /// Example runs that may wait for a slot before new ones get 429.
    pub run_queue: usize,
    /// Fuel per example in a Run (the problem's own budget if that is smaller).
    pub run_fuel: u64,
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
    /// Timeline reports (pastes, time away) per candidate per minute.
    pub reports_per_minute: u32,
    /// How drafts are coalesced and capped.
    pub drafts: DraftPolicy,
    /// Event streams open at once per link.
    pub streams_per_link: usize,
    /// Submissions per page of a list when the request names no `limit`; the largest `limit` is 200.
    pub page_size: i64,
    /// How long a worker's claim on a job lasts without renewal (it renews at a third of it).
    pub lease_seconds: u64,
    /// How often idle workers look for jobs without being woken, and the sweep's period.
    pub poll_millis: u64,
    /// Whether evaluations run the timing probes.
    pub probes: bool,
    /// The problems folder, where the question bank (`questions.json`) lives too.
    pub problems_dir: PathBuf,
    /// The address people reach the service at, for absolute links; none: the request's `Host`.
    pub public_url: Option<PublicUrl>,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            db: defaults::DB.into(),
            role: Role::All,
            operator_token: None,
            workers: defaults::WORKERS,
            queue_capacity: defaults::QUEUE_CAPACITY,
            run_slots: defaults::RUN_SLOTS,
            run_queue: defaults::RUN_QUEUE,
            run_fuel: defaults::RUN_FUEL,
            max_body_bytes: 256 << 10,
            submits_per_minute: defaults::SUBMITS_PER_MINUTE,
            runs_per_minute: defaults::RUNS_PER_MINUTE,
            thresholds: Thresholds::default(),
            drain_seconds: defaults::DRAIN_SECONDS,
            drafts_per_minute: defaults::DRAFTS_PER_MINUTE,
            reports_per_minute: defaults::REPORTS_PER_MINUTE,
            drafts: DraftPolicy { coalesce_ms: 5_000, max_rows: 2_000 },
            streams_per_link: 4,
            page_size: 50,
            lease_seconds: defaults::LEASE_SECONDS,
            poll_millis: 1_000,
            probes: true,
            problems_dir: Catalog::default_dir(),
            public_url: None,
        }
    }
}

/// Everything a handler needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState(pub(crate) Arc<Inner>);

pub(crate) struct Inner {
    pub store: Arc<Store>,
    pub catalog: Catalog,
    pub grader: Grader,
    pub bus: Arc<Bus>,
    pub metrics: Metrics,
    /// The operator token's digest (`token::digest`): the token itself is never kept.
    pub operator: String,
    pub node: String,
    pub submit_limit: DefaultKeyedRateLimiter<i64>,
    pub run_limit: DefaultKeyedRateLimiter<i64>,
    pub draft_limit: DefaultKeyedRateLimiter<i64>,
    pub report_limit: DefaultKeyedRateLimiter<i64>,
    pub scratch_limit: DefaultKeyedRateLimiter<i64>,
    pub runs: RunGate,
    pub questions: QuestionBank,
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

/// Handed to `run` (or `start_workers`): the state's workers have not started yet.
pub struct WorkerStart(pub(crate) ());

impl AppState {
    /// Sets everything up, reading or creating the operator token in the database.
    pub async fn open(
        config: ServerConfig,
        store: Store,
        catalog: Catalog,
        grader: Grader,
    ) -> Result<(AppState, WorkerStart, OperatorToken), StoreError> {
        use crate::token::{digest, is_digest, secret};
        let (operator, how) = match &config.operator_token {
            Some(t) => (digest(t), OperatorToken::Configured),
            None => match store.setting("operator_token").await? {
                Some(kept) if is_digest(&kept) => (kept, OperatorToken::Stored),
                Some(plain) => {
                    // Stored in plain text by an earlier version: kept as its digest from now on.
                    let kept = digest(&plain);
                    store.replace_setting("operator_token", &kept).await?;
                    (kept, OperatorToken::Stored)
                }
                None => {
                    let fresh = secret();
                    let kept = store.set_setting_once("operator_token", &digest(&fresh)).await?;
                    if kept == digest(&fresh) {
                        (kept, OperatorToken::Generated(fresh))
                    } else {
                        (kept, OperatorToken::Stored)
                    }
                }
            },
        };
        Ok(AppState::assemble(config, store, catalog, grader, operator, how))
    }

    /// `open` for callers outside async code, or with a configured operator token (then the database is
    /// not touched here). Inside a multi-threaded tokio runtime it blocks this worker thread briefly.
    pub fn new(
        config: ServerConfig,
        store: Store,
        catalog: Catalog,
        grader: Grader,
    ) -> Result<(AppState, WorkerStart, OperatorToken), StoreError> {
        if let Some(t) = config.operator_token.as_deref() {
            let operator = crate::token::digest(t);
            return Ok(AppState::assemble(config, store, catalog, grader, operator, OperatorToken::Configured));
        }
        let opening = AppState::open(config, store, catalog, grader);
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => tokio::task::block_in_place(|| handle.block_on(opening)),
            Err(_) => tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| StoreError::Corrupt(e.to_string()))?
                .block_on(opening),
        }
    }

    fn assemble(
        config: ServerConfig,
        store: Store,
        catalog: Catalog,
        grader: Grader,
        operator: String,
        how: OperatorToken,
    ) -> (AppState, WorkerStart, OperatorToken) {
        let questions = QuestionBank::load(&config.problems_dir).unwrap_or_else(|e| {
            tracing::warn!(error = %e, "no question bank: the score sheet offers only the interviewer's own questions");
            QuestionBank::default()
        });
        let per_minute = |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).expect("non-zero"));
        let node = format!("{}-{}-{}", config.role.as_str(), std::process::id(), &crate::token::secret()[..8]);
        let metrics = Metrics::new(&node, config.role.as_str());
        let inner = Inner {
            store: Arc::new(store),
            catalog,
            grader,
            bus: Arc::new(Bus::default()),
            metrics,
            operator,
            node,
            submit_limit: RateLimiter::keyed(per_minute(config.submits_per_minute)),
            run_limit: RateLimiter::keyed(per_minute(config.runs_per_minute)),
            draft_limit: RateLimiter::keyed(per_minute(config.drafts_per_minute)),
            report_limit: RateLimiter::keyed(per_minute(config.reports_per_minute)),
            scratch_limit: RateLimiter::keyed(per_minute(config.runs_per_minute)),
            runs: RunGate::new(config.run_slots, config.run_queue),
            questions,
            stopping: watch::channel(false).0,
            config,
        };
        (AppState(Arc::new(inner)), WorkerStart(()), how)
    }

    /// The store (tests use it to inject faults).
    pub fn store(&self) -> &Store {
        &self.0.store
    }

    /// This node's name in leases, logs and metrics.
    pub fn node(&self) -> &str {
        &self.0.node
    }

    /// Tells the workers to take no new job and the event streams to end (the first step of shutdown).
    pub fn begin_stopping(&self) {
        self.0.stopping.send_replace(true);
    }
}
