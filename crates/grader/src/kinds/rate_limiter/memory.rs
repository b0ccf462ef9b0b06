//! What each key costs in memory: one request for each of `KEYS` keys, then, twenty windows later, one
//! for each of `KEYS` new keys, with live allocations traced. The first batch gives bytes per key, the
//! second whether idle keys are let go.

use super::trace::{Run, T0};
use crate::report::MemoryPerKey;
use catalog::{Entry, Problem};
use runner::{Job, Sandbox, SandboxError};

const KEYS: usize = 100;

/// The memory per key (when the trace ran far enough to tell) and the fuel spent.
pub(super) fn memory_per_key(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
) -> Result<(Option<MemoryPerKey>, u64), SandboxError> {
    let Entry::Class { class, method } = &problem.entry else {
        unreachable!("the catalogue checks a rate limiter names a class")
    };
    let batch = |t: f64, tag: &str| (0..KEYS).map(move |i| (format!("{tag}-{i}"), t)).collect::<Vec<_>>();
    let requests = [batch(T0, "early"), batch(T0 + 20.0, "late")].concat();
    let run = Run { limit: 5, window: 1.0, requests };
    let job = Job {
        trace_live: true,
        fuel_per_step: Some(problem.fuel_per_test),
        ..Job::new(source, run.calls(class, method, 0))
    };
    let report = sandbox.run(&job)?;
    let live: Vec<Option<u64>> = report.calls.iter().map(|c| c.memory_live).collect();
    let (Some(Some(first)), Some(Some(early)), Some(Some(late))) = (live.get(1), live.get(KEYS), live.get(2 * KEYS))
    else {
        return Ok((None, report.total_fuel));
    };
    let per_key = early.saturating_sub(*first) / (KEYS as u64 - 1);
    let again = late.saturating_sub(*early) / KEYS as u64;
    let released = per_key > 0 && again * 2 < per_key;
    let growth = [1, KEYS / 8, KEYS / 4, KEYS / 2, KEYS]
        .into_iter()
        .filter_map(|keys| live.get(keys).copied().flatten().map(|bytes| (keys, bytes)))
        .collect();
    Ok((
        Some(MemoryPerKey { bytes_per_key: per_key, idle_keys_released: released, keys: KEYS, growth }),
        report.total_fuel,
    ))
}
