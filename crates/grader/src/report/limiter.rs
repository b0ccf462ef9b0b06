//! What the report says about a rate limiter: its algorithm, properties, traces, cost and memory.

use crate::complexity::CostlyLines;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The standard rate limiting algorithms a limiter's decisions can match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Algorithm {
    /// Counts per window, reset at boundaries (aligned, or anchored at a key's first request).
    FixedWindow,
    /// A log of admitted times, counted over the last window.
    SlidingLog,
    /// The previous window's count, weighted by overlap, plus the current one's.
    SlidingWindowCounter,
    /// Tokens refilled at `limit` per window, up to `limit`.
    TokenBucket,
    /// None of the above within a tenth of the decisions.
    Unknown,
}

impl Algorithm {
    /// The identifier used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::FixedWindow => "fixed_window",
            Algorithm::SlidingLog => "sliding_log",
            Algorithm::SlidingWindowCounter => "sliding_window_counter",
            Algorithm::TokenBucket => "token_bucket",
            Algorithm::Unknown => "unknown",
        }
    }

    /// The name in words, e.g. "sliding window counter".
    pub fn words(self) -> &'static str {
        match self {
            Algorithm::FixedWindow => "fixed window",
            Algorithm::SlidingLog => "sliding log",
            Algorithm::SlidingWindowCounter => "sliding window counter",
            Algorithm::TokenBucket => "token bucket",
            Algorithm::Unknown => "no standard algorithm",
        }
    }
}

/// How the work of one `allow` call grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CostClass {
    /// Constant.
    #[serde(rename = "O(1)")]
    Constant,
    /// Grows with the limit.
    #[serde(rename = "O(limit)")]
    Limit,
    /// Grows with the requests seen so far.
    #[serde(rename = "O(requests)")]
    Requests,
}

impl CostClass {
    /// The label used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            CostClass::Constant => "O(1)",
            CostClass::Limit => "O(limit)",
            CostClass::Requests => "O(requests)",
        }
    }
}

/// A signal read from the source text, not measured: never decides a verdict, class or algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaticSignal {
    /// A lock is created.
    Lock,
    /// No lock is created.
    NoLock,
    /// A real clock is read.
    RealClock,
}

impl fmt::Display for StaticSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StaticSignal::Lock => "static: a lock guards shared state",
            StaticSignal::NoLock => "static: no lock; concurrent callers could race on shared state",
            StaticSignal::RealClock => "static: reads a real clock instead of (or besides) the `now` argument",
        })
    }
}

impl StaticSignal {
    const ALL: [StaticSignal; 3] = [StaticSignal::Lock, StaticSignal::NoLock, StaticSignal::RealClock];
}

/// In JSON a signal is its sentence.
impl Serialize for StaticSignal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// And it reads back from its sentence: the sentences are a closed set.
impl<'de> Deserialize<'de> for StaticSignal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StaticSignal, D::Error> {
        let text = String::deserialize(deserializer)?;
        StaticSignal::ALL
            .into_iter()
            .find(|s| s.to_string() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown static signal '{text}'")))
    }
}

/// One checked property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// Its name.
    pub name: String,
    /// Whether it held.
    pub ok: bool,
    /// The trace that broke it, in words.
    pub counterexample: Option<String>,
}

/// What the candidate's limiter is and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateLimiterAnalysis {
    /// The nearest standard algorithm.
    pub algorithm: Algorithm,
    /// How far above the stated limit the nearest model's limit is (1 for an off-by-one limiter).
    pub limit_offset: i64,
    /// Decisions that differ from the nearest model on the separating traces.
    pub divergences: usize,
    /// Decisions on the separating traces in all.
    pub decisions: usize,
    /// The most admitted in any span of one window, over the limit.
    pub max_in_window_ratio: f64,
    /// Requests refused that an exact sliding count would have allowed.
    pub false_rejections: usize,
    /// Per-call cost as the limit grows.
    pub per_call_cost: PerCallCost,
    /// Where a call's work grows, line by line, when it does: an explanation, which decides nothing.
    #[serde(default)]
    pub costly_lines: Option<CostlyLines>,
    /// Memory held per key, and whether idle keys are ever let go.
    pub memory_per_key: Option<MemoryPerKey>,
    /// Properties checked, with counterexamples.
    #[serde(default)]
    pub properties: Vec<Property>,
    /// The separating traces: each request's time, the candidate's decision and the nearest model's.
    #[serde(default)]
    pub traces: Vec<TraceReplay>,
    /// Signals read from the source, not measured.
    #[serde(default)]
    pub static_signals: Vec<StaticSignal>,
}

/// One separating trace as the candidate's limiter decided it, for plotting admitted vs rejected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceReplay {
    /// What the trace probes.
    pub name: String,
    /// The limit and window of the fresh limiter.
    pub limit: i64,
    /// Window length in seconds.
    pub window: f64,
    /// Request times, seconds from the trace's start.
    pub times: Vec<f64>,
    /// The candidate's decisions (empty when the trace failed to run).
    pub admitted: Vec<bool>,
    /// The nearest model's decisions.
    pub model: Vec<bool>,
}

/// What each key costs in memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemoryPerKey {
    /// Bytes still held per distinct key after one request each.
    pub bytes_per_key: u64,
    /// Whether memory stopped growing for new keys once the earlier keys had been idle for many windows.
    pub idle_keys_released: bool,
    /// Distinct keys in each of the two batches.
    pub keys: usize,
    /// Live bytes held as the first batch's keys arrive: (keys so far, bytes).
    pub growth: Vec<(usize, u64)>,
}

/// Fuel per call at two limits and early and late in a long trace, and the class that follows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PerCallCost {
    /// How the work per call grows.
    pub class: CostClass,
    /// The small limit.
    pub small_limit: i64,
    /// The large limit, 100 times the small one.
    pub large_limit: i64,
    /// Mean fuel per `allow` call at the small limit, over the last stretch of a long trace.
    pub fuel_small_limit: u64,
    /// Mean fuel per `allow` call at the large limit.
    pub fuel_large_limit: u64,
    /// The same over the first stretch of that trace (`fuel_small_limit` is over its last).
    pub fuel_early_in_trace: u64,
    /// Requests in the long trace.
    pub requests_in_trace: usize,
    /// Estimated sustainable requests per second per core in native CPython at the large limit.
    pub native_requests_per_second: u64,
    /// Whether 1,000 requests per second is met with at least 10x headroom.
    pub meets_1000_per_second: bool,
}
