//! Prometheus metrics of this node: the shared queue as this node last saw it, evaluations by verdict
//! and their durations, Runs, throttling, store failures; `node_info` names the node and its role.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The verdict label.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct VerdictLabel {
    /// e.g. `accepted`, or `failed` for a fault of the service.
    pub verdict: String,
}

/// The node's labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct NodeLabel {
    node: String,
    role: String,
}

/// Every metric the service exports.
pub struct Metrics {
    registry: Registry,
    /// Submissions waiting for a worker (the whole queue, shared by every node).
    pub queue_depth: Gauge,
    /// Evaluations running (on every node).
    pub jobs_running: Gauge,
    /// Finished evaluations by verdict (this node).
    pub evaluations: Family<VerdictLabel, Counter>,
    /// Seconds from start to end of an evaluation.
    pub evaluation_seconds: Histogram,
    /// Example runs served.
    pub runs: Counter,
    /// Runs holding a slot.
    pub runs_running: Gauge,
    /// Runs waiting for a slot.
    pub runs_waiting: Gauge,
    /// Requests refused with 429.
    pub throttled: Counter,
    /// Store calls that failed.
    pub store_errors: Gauge,
    /// Jobs claimed again after their worker's lease ran out.
    pub reclaimed: Counter,
}

impl Metrics {
    /// The metrics of node `node` in role `role`.
    pub fn new(node: &str, role: &str) -> Metrics {
        let mut registry = Registry::with_prefix("screenjudge");
        let m = Metrics {
            queue_depth: Gauge::default(),
            jobs_running: Gauge::default(),
            evaluations: Family::default(),
            evaluation_seconds: Histogram::new(exponential_buckets(0.01, 2.0, 12)),
            runs: Counter::default(),
            runs_running: Gauge::default(),
            runs_waiting: Gauge::default(),
            throttled: Counter::default(),
            store_errors: Gauge::default(),
            reclaimed: Counter::default(),
            registry: Registry::default(),
        };
        let info = Family::<NodeLabel, Gauge>::default();
        info.get_or_create(&NodeLabel { node: node.into(), role: role.into() }).set(1);
        registry.register("node_info", "This node's name and role", info);
        registry.register("queue_depth", "Submissions waiting for a worker", m.queue_depth.clone());
        registry.register("jobs_running", "Evaluations running on every node", m.jobs_running.clone());
        registry.register("evaluations", "Finished evaluations by verdict", m.evaluations.clone());
        registry.register("evaluation_seconds", "Duration of an evaluation", m.evaluation_seconds.clone());
        registry.register("runs", "Example runs served", m.runs.clone());
        registry.register("runs_running", "Example runs holding a slot", m.runs_running.clone());
        registry.register("runs_waiting", "Example runs waiting for a slot", m.runs_waiting.clone());
        registry.register("throttled", "Requests refused with 429", m.throttled.clone());
        registry.register("store_errors", "Store calls that failed since start", m.store_errors.clone());
        registry.register("reclaimed", "Jobs claimed again after a lease ran out", m.reclaimed.clone());
        Metrics { registry, ..m }
    }

    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}
