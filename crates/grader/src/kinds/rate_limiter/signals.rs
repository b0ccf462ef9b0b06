//! Signals read from the source text and labelled as such: never used for the algorithm or the verdict.

use crate::report::StaticSignal;

/// Whether a lock is made, and whether a real clock is read.
pub(super) fn static_signals(source: &str) -> Vec<StaticSignal> {
    let mut out = Vec::new();
    if source.contains("Lock(") || source.contains("RLock(") {
        out.push(StaticSignal::Lock);
    } else {
        out.push(StaticSignal::NoLock);
    }
    if ["time.time(", "time.monotonic(", "perf_counter(", "datetime.now("].iter().any(|c| source.contains(c)) {
        out.push(StaticSignal::RealClock);
    }
    out
}
