//! Request traces and how they are replayed: each trace on a fresh limiter, its requests in stretches
//! (one sandbox step each), and each request's decision read back.

use crate::execute::run_groups;
use catalog::{Entry, Problem};
use runner::{Call, Outcome, Sandbox, SandboxError, StepReport, Value};

/// Start of every trace: a multiple of every window used, so aligned windows start here.
pub(super) const T0: f64 = 1000.0;

/// A trace and what it is for: requests for one fresh limiter.
#[derive(Clone)]
pub(super) struct Run {
    pub limit: i64,
    pub window: f64,
    pub requests: Vec<(String, f64)>,
}

impl Run {
    /// The same requests for a limiter with another limit.
    pub fn with_limit(&self, limit: i64) -> Run {
        Run { limit, ..self.clone() }
    }

    /// The constructor, then one call per request, on one slot.
    pub fn calls(&self, class: &str, method: &str, slot: u32) -> Vec<Call> {
        let mut calls = vec![Call::New {
            class: class.into(),
            args: vec![Value::Int(self.limit), Value::Float(self.window)],
            slot,
        }];
        calls.extend(self.requests.iter().map(|(key, now)| Call::Method {
            slot,
            name: method.into(),
            args: vec![Value::Str(key.clone()), Value::Float(*now)],
        }));
        calls
    }
}

/// The traces' steps as replayed: the module's load, then per trace its constructor and one step per
/// request, and the fuel of every run.
pub(super) struct Replayed {
    pub load: StepReport,
    pub per_run: Vec<Vec<StepReport>>,
    pub fuel: u64,
}

/// The decisions of one trace, or the failure that stopped it.
pub(super) fn decisions(steps: &[StepReport]) -> Result<Vec<bool>, &StepReport> {
    let (construct, calls) = steps.split_first().expect("a constructor per trace");
    if construct.outcome.value().is_none() {
        return Err(construct);
    }
    calls
        .iter()
        .map(|s| match s.outcome.value() {
            Some(Value::Bool(b)) => Ok(*b),
            _ => Err(s),
        })
        .collect()
}

/// Runs traces, one fresh limiter each.
pub(super) fn replay(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    runs: &[Run],
) -> Result<Replayed, SandboxError> {
    replay_in_stretches(sandbox, problem, source, runs, |_| Vec::new())
}

/// As `replay`, with each trace's requests made in stretches (one sandbox step each, cut before the
/// request indices `cuts` gives): a request's fuel is its stretch's mean, exact for what is measured
/// over whole stretches. Per-request steps would cost the harness several times the calls themselves.
pub(super) fn replay_in_stretches(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    runs: &[Run],
    cuts: impl Fn(&Run) -> Vec<usize>,
) -> Result<Replayed, SandboxError> {
    let Entry::Class { class, method } = &problem.entry else {
        unreachable!("the catalogue checks a rate limiter names a class")
    };
    // A stretch's fuel is a test's fuel per call, up to the sandbox's ceiling per step.
    let longest = (sandbox.limits().fuel_per_step / problem.fuel_per_test.max(1)).max(1) as usize;
    let mut stretches: Vec<Vec<usize>> = Vec::new();
    let groups: Vec<Vec<Call>> = runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let slot = i as u32;
            let args = |(key, now): &(String, f64)| vec![Value::Str(key.clone()), Value::Float(*now)];
            // The first request goes alone: a limiter that hangs is stopped at one call's fuel, not at a
            // stretch's. No stretch is longer than `longest`, so each call keeps a test's fuel on average.
            let every = (longest..run.requests.len()).step_by(longest);
            let mut bounds: Vec<usize> =
                std::iter::once(1).chain(every).chain(cuts(run)).filter(|&c| c > 0 && c < run.requests.len()).collect();
            bounds.sort_unstable();
            bounds.dedup();
            bounds.push(run.requests.len());
            let mut calls = vec![Call::New {
                class: class.clone(),
                args: vec![Value::Int(run.limit), Value::Float(run.window)],
                slot,
            }];
            let mut sizes = Vec::new();
            let mut start = 0;
            for end in bounds {
                calls.push(Call::Replay {
                    slot,
                    name: method.clone(),
                    calls: run.requests[start..end].iter().map(args).collect(),
                });
                sizes.push(end - start);
                start = end;
            }
            stretches.push(sizes);
            calls
        })
        .collect();
    let exec = run_groups(sandbox, source, &groups, |_| problem.fuel_per_test)?;
    let mut steps = exec.calls.into_iter();
    let per_run = groups
        .iter()
        .zip(&stretches)
        .map(|(group, sizes)| {
            let mut own = steps.by_ref().take(group.len());
            let mut out: Vec<StepReport> = own.next().into_iter().collect();
            for (step, &n) in own.zip(sizes) {
                out.extend(per_request(step, n));
            }
            out
        })
        .collect();
    Ok(Replayed { load: exec.load, per_run, fuel: exec.fuel })
}

/// One report per request of a replayed stretch: its own result and the stretch's mean fuel. A stretch
/// that did not return its list of results reports that outcome at its first request.
fn per_request(step: StepReport, n: usize) -> Vec<StepReport> {
    let share = step.fuel / n.max(1) as u64;
    match &step.outcome {
        Outcome::Returned { value: Value::List(values) } if values.len() == n => values
            .iter()
            .enumerate()
            .map(|(i, value)| StepReport {
                outcome: Outcome::Returned { value: value.clone() },
                fuel: share,
                output: if i == 0 { step.output.clone() } else { String::new() },
                ..step.clone()
            })
            .collect(),
        _ => std::iter::once(step).chain(std::iter::repeat_with(StepReport::not_run)).take(n).collect(),
    }
}
