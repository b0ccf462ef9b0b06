//! The service's settings by default, written once: `ServerConfig::default()` and the command line's
//! `serve` flags both read them, so a default changed here changes for both.

/// The SQLite database file.
pub const DB: &str = "screenjudge.db";
/// The address to listen on.
pub const ADDR: &str = "127.0.0.1:8080";
/// Evaluations running at once on a node.
pub const WORKERS: usize = 2;
/// Submissions that may wait for a worker before new ones get 429.
pub const QUEUE_CAPACITY: usize = 64;
/// Example runs at once on a node.
pub const RUN_SLOTS: usize = 2;
/// Example runs that may wait for a slot before new ones get 429.
pub const RUN_QUEUE: usize = 16;
/// Fuel per example in a Run.
pub const RUN_FUEL: u64 = 1_000_000_000;
/// Submissions per candidate per minute.
pub const SUBMITS_PER_MINUTE: u32 = 6;
/// Example runs per candidate per minute.
pub const RUNS_PER_MINUTE: u32 = 30;
/// Seconds shutdown waits for running evaluations.
pub const DRAIN_SECONDS: u64 = 30;
/// Draft autosaves per candidate per minute.
pub const DRAFTS_PER_MINUTE: u32 = 120;
/// Timeline reports (pastes, time away) per candidate per minute.
pub const REPORTS_PER_MINUTE: u32 = 30;
/// Seconds a worker's claim on a job lasts unless renewed.
pub const LEASE_SECONDS: u64 = 30;
