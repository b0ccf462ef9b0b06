//! Prometheus metrics: queue depth, evaluations by verdict, evaluation durations, runs.

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

/// Every metric the service exports.
pub struct Metrics {
    registry: Registry,
    /// Submissions waiting for a worker.
    pub queue_depth: Gauge,
    /// Finished evaluations by verdict.
    pub evaluations: Family<VerdictLabel, Counter>,
    /// Seconds from start to end of an evaluation.
    pub evaluation_seconds: Histogram,
    /// Example runs served.
    pub runs: Counter,
    /// Requests refused with 429.
    pub throttled: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("screenjudge");
        let queue_depth = Gauge::default();
        let evaluations = Family::<VerdictLabel, Counter>::default();
        let evaluation_seconds = Histogram::new(exponential_buckets(0.01, 2.0, 12));
        let runs = Counter::default();
        let throttled = Counter::default();
        registry.register("queue_depth", "Submissions waiting for a worker", queue_depth.clone());
        registry.register("evaluations", "Finished evaluations by verdict", evaluations.clone());
        registry.register("evaluation_seconds", "Duration of an evaluation", evaluation_seconds.clone());
        registry.register("runs", "Example runs served", runs.clone());
        registry.register("throttled", "Requests refused with 429", throttled.clone());
        Metrics { registry, queue_depth, evaluations, evaluation_seconds, runs, throttled }
    }
}

impl Metrics {
    /// The text exposition format.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}
