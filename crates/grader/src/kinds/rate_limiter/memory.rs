//! What each key costs in memory, as the host measures it: one request for each of `KEYS` keys, then,
//! twenty windows later, one for each of `KEYS` new keys. The harness fills the free heap before each
//! step, so what a step allocates grows the heap, which the host reads in whole 64 KiB pages: over
//! `KEYS` keys, to within 16 bytes a key (the filling may leave up to a page free). The first batch gives bytes per key (the list of the batch's
//! answers, a pointer a key, included); the second, whether idle keys are let go (their memory is then
//! reused, and the heap hardly grows).

use super::trace::{Run, T0};
use crate::report::MemoryPerKey;
use catalog::{Entry, Problem};
use runner::{Call, FillHeap, Job, Sandbox, SandboxError, Value};

/// Keys in each batch: enough that a limiter keeping a few hundred bytes per key grows the heap by
/// dozens of pages.
const KEYS: usize = 4_096;
/// The counts of keys measured, each in a store of its own, for the growth as keys arrive (a store costs a
/// few milliseconds of grading: two counts show whether the growth is per key).
const CUTS: [usize; 2] = [KEYS / 2, KEYS];

/// The memory per key (when the trace ran far enough to tell) and the fuel spent.
pub(super) fn memory_per_key(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
) -> Result<(Option<MemoryPerKey>, u64), SandboxError> {
    let Entry::Class { class, method } = &problem.entry else {
        unreachable!("the catalogue checks a rate limiter names a class")
    };
    let batch = |t: f64, tag: &str| -> Vec<Vec<Value>> {
        (0..KEYS).map(|i| vec![Value::Str(format!("{tag}-{i}")), Value::Float(t)]).collect()
    };
    let early = batch(T0, "early");
    let late = batch(T0 + 20.0, "late");
    let replay = |calls: &[Vec<Value>]| Call::Replay { slot: 0, name: method.clone(), calls: calls.to_vec() };
    // One store for each count of keys, so that each count's figure loses at most the one page the filling
    // left room in; the last also makes the late batch.
    let mut growth = Vec::new();
    let mut again = 0;
    let mut fuel = 0;
    for keys in CUTS {
        let mut calls = Run { limit: 5, window: 1.0, requests: Vec::new() }.calls(class, method, 0);
        calls.push(replay(&early[..keys]));
        if keys == KEYS {
            calls.push(replay(&late));
        }
        let job = Job {
            fill_heap: FillHeap::BeforeEachCall,
            discard_values: true,
            fuel_per_step: Some(problem.fuel_per_test),
            ..Job::new(source, calls)
        };
        let report = sandbox.run(&job)?;
        fuel += report.total_fuel;
        if !report.calls.iter().all(|c| c.outcome.value().is_some()) {
            return Ok((None, fuel));
        }
        growth.push((keys, report.calls[1].heap_growth));
        again = report.calls.get(2).map_or(0, |c| c.heap_growth);
    }
    let per_key = growth.last().map_or(0, |&(_, bytes)| bytes) / KEYS as u64;
    let again = again / KEYS as u64;
    let released = per_key > 0 && again * 2 < per_key;
    Ok((Some(MemoryPerKey { bytes_per_key: per_key, idle_keys_released: released, keys: KEYS, growth }), fuel))
}
