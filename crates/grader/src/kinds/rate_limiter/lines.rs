//! Where a limiter's time goes: the line of its code whose work per call grows with the limit, or with
//! the requests it has seen, when its measured per-call cost does (see `cost`).
//!
//! The same steady-state stretches `cost` measures, run again with each line's work charged by the host
//! (see `complexity::explain`): at the two limits, or early and late in the long trace. An explanation
//! only: it decides nothing, and it is dropped where its figures disagree with the stretches' own fuel.

use super::cost::{LARGE_LIMIT, LONG, SMALL_LIMIT, STEADY, steady};
use super::trace::Run;
use crate::complexity::{Across, CostlyLines, Settings, explain, worked};
use crate::report::{CostClass, PerCallCost};
use catalog::{Entry, Problem};
use runner::{Call, Job, Outcome, Sandbox, SandboxError, StepReport, Value};

/// Requests explained in each stretch: the cost per call is a mean, and reporting lines costs the harness
/// a few thousand fuel per line reached.
const EXPLAINED: usize = 100;

/// The limiter's costly lines, where its per-call cost grows; `None` where it does not, or where the
/// explanation does not hold.
pub(super) fn costly_lines(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    cost: &PerCallCost,
) -> Result<Option<CostlyLines>, SandboxError> {
    let Entry::Class { class, method } = &problem.entry else { return Ok(None) };
    // Each explained stretch: its trace, the requests before it, and what one call cost there unexplained.
    let (across, stretches) = match cost.class {
        CostClass::Constant => return Ok(None),
        CostClass::Limit => (
            Across::Limit,
            [
                (steady(SMALL_LIMIT, STEADY), SMALL_LIMIT as usize, cost.fuel_small_limit),
                (steady(LARGE_LIMIT, STEADY), LARGE_LIMIT as usize, cost.fuel_large_limit),
            ],
        ),
        CostClass::Requests => {
            let long = steady(SMALL_LIMIT, LONG);
            let late = long.requests.len() - STEADY;
            (
                Across::Requests,
                [(long.clone(), SMALL_LIMIT as usize, cost.fuel_early_in_trace), (long, late, cost.fuel_small_limit)],
            )
        }
    };
    let Some(explained) = stretches_explained(sandbox, problem, source, (class, method), &stretches)? else {
        return Ok(None);
    };
    let plain = stretches.each_ref().map(|(_, _, per_call)| per_call * EXPLAINED as u64);
    let Some(worked) = worked(&explained, plain) else { return Ok(None) };
    let at = match across {
        Across::Requests => stretches.each_ref().map(|(_, before, _)| (before + (STEADY - EXPLAINED) / 2) as u64),
        _ => stretches.each_ref().map(|(run, _, _)| run.limit as u64),
    };
    let inputs = match across {
        Across::Requests => "early and late in a long trace at the small limit",
        _ => "a full window at each limit",
    };
    let settings = Settings { across, at, inputs };
    Ok(Some(explain(source, settings, &worked)))
}

/// For each trace, `EXPLAINED` requests from the middle of the `STEADY` after its first `before`,
/// explained, each trace on a fresh limiter of its own, all in one store; `None` where a step did not
/// return.
fn stretches_explained(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    (class, method): (&str, &str),
    stretches: &[(Run, usize, u64); 2],
) -> Result<Option<Vec<StepReport>>, SandboxError> {
    let args = |(key, now): &(String, f64)| vec![Value::Str(key.clone()), Value::Float(*now)];
    let calls = stretches.iter().zip(0..).flat_map(|((run, before, _), slot)| {
        let replay = move |from: usize, to: usize| Call::Replay {
            slot,
            name: method.into(),
            calls: run.requests[from..to].iter().map(args).collect(),
        };
        let limiter = vec![Value::Int(run.limit), Value::Float(run.window)];
        // The middle of the stretch `cost` measured, whose mean cost per call is the stretch's.
        let from = before + (STEADY - EXPLAINED) / 2;
        [Call::New { class: class.into(), args: limiter, slot }, replay(0, from), replay(from, from + EXPLAINED)]
    });
    let explain_calls = [false, false, true].repeat(stretches.len());
    let job = Job { explain_calls, fuel_per_step: Some(problem.fuel_per_test), ..Job::new(source, calls.collect()) };
    let steps = sandbox.run(&job)?.calls;
    let measured: Vec<StepReport> = steps.into_iter().skip(2).step_by(3).collect();
    let returned = measured.iter().all(|s| matches!(s.outcome, Outcome::Returned { .. }));
    Ok(returned.then_some(measured))
}
