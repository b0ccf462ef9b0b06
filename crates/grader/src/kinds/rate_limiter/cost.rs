//! What one `allow` call costs: mean fuel per call in steady state at two limits 100 times apart (a
//! full window of requests, then one request as each old one leaves the window), and early and late in
//! a long trace at the small limit.

use super::trace::{Run, T0, replay_in_stretches};
use crate::calibration::FUEL_PER_NATIVE_SECOND;
use crate::report::{CostClass, PerCallCost};
use catalog::Problem;
use runner::{Sandbox, SandboxError, StepReport};

/// The limits per-call cost is measured at. 100 times apart is enough: shifting a list of 1,000 entries
/// (`list.pop(0)`) adds about 40% to a call, where an O(1) limiter's cost moves by about 1%.
pub(super) const SMALL_LIMIT: i64 = 10;
pub(super) const LARGE_LIMIT: i64 = 1000;
/// Requests per measured stretch, and in the long trace.
pub(super) const STEADY: usize = 400;
pub(super) const LONG: usize = 4 * STEADY;

/// One key's full window at `limit` (one request per step of the window), then `calls` more at the same
/// pace: one old request leaves the window as each new one comes.
pub(super) fn steady(limit: i64, calls: usize) -> Run {
    let step = 1.0 / limit as f64;
    let fill = (0..limit).map(|i| ("k".to_string(), T0 + i as f64 * step));
    let next = (0..calls).map(|i| ("k".to_string(), T0 + 1.0 + i as f64 * step));
    Run { limit, window: 1.0, requests: fill.chain(next).collect() }
}

/// The per-call cost and the fuel spent measuring it.
pub(super) fn per_call_cost(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
) -> Result<(PerCallCost, u64), SandboxError> {
    let runs = [steady(SMALL_LIMIT, LONG), steady(LARGE_LIMIT, STEADY)];
    // Stretches of `STEADY` requests after the window's fill, so that each mean below is one step's.
    let stretches = |run: &Run| (0..=LONG / STEADY).map(|i| run.limit as usize + i * STEADY).collect();
    let replayed = replay_in_stretches(sandbox, problem, source, &runs, stretches)?;
    let long = &replayed.per_run[0];
    let early = mean(&long[long.len() - LONG..long.len() - LONG + STEADY]);
    let small = mean(&long[long.len() - STEADY..]);
    let large = mean(&replayed.per_run[1][replayed.per_run[1].len() - STEADY..]);
    // Growth along one trace at one limit comes first: the large-limit run has also seen more requests.
    // Shifting or filtering a list of `limit` entries shows even when it runs at C speed.
    let class = if small as f64 > early as f64 * 1.25 {
        CostClass::Requests
    } else if large as f64 > small as f64 * 1.25 {
        CostClass::Limit
    } else {
        CostClass::Constant
    };
    let native = (FUEL_PER_NATIVE_SECOND / large.max(1) as f64) as u64;
    let cost = PerCallCost {
        class,
        small_limit: SMALL_LIMIT,
        large_limit: LARGE_LIMIT,
        fuel_small_limit: small,
        fuel_large_limit: large,
        fuel_early_in_trace: early,
        requests_in_trace: long.len() - 1,
        native_requests_per_second: native,
        meets_1000_per_second: native >= 10_000,
    };
    Ok((cost, replayed.fuel))
}

/// Mean fuel over a stretch of calls; a call that did not return counts as not measured, not as free.
fn mean(steps: &[StepReport]) -> u64 {
    let returned: Vec<u64> = steps.iter().filter(|s| s.outcome.value().is_some()).map(|s| s.fuel).collect();
    returned.iter().sum::<u64>() / returned.len().max(1) as u64
}
