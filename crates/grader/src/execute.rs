//! Runs groups of calls on a candidate's module, starting a fresh store after a trap so that one
//! runaway test cannot hide the results of the others.

use runner::{Call, Job, Outcome, Sandbox, SandboxError, StepReport};

/// The module's load step and one report per call, in the order given.
pub(crate) struct Execution {
    /// Loading the module (from the first store).
    pub load: StepReport,
    /// One report per call; calls in a group after a trap are `NotRun`.
    pub calls: Vec<StepReport>,
    /// Fuel of all runs.
    pub fuel: u64,
}

impl Execution {
    /// True when the module loaded.
    pub fn loaded(&self) -> bool {
        matches!(self.load.outcome, Outcome::Returned { .. })
    }
}

/// Runs `groups` in order. Calls within a group share state (an object's method calls); a trap ends
/// its group and the next group starts in a fresh store.
pub(crate) fn run_groups(
    sandbox: &Sandbox,
    source: &str,
    groups: &[Vec<Call>],
    fuel_per_step: u64,
    trace_memory: bool,
) -> Result<Execution, SandboxError> {
    let mut calls: Vec<StepReport> = Vec::new();
    let mut load = None;
    let mut fuel = 0;
    let mut next = 0;
    while next < groups.len() || load.is_none() {
        let batch: Vec<Call> = groups[next..].iter().flatten().cloned().collect();
        let job = Job { trace_memory, fuel_per_step: Some(fuel_per_step), ..Job::new(source, batch) };
        let report = sandbox.run(&job)?;
        fuel += report.total_fuel;
        let loaded = report.loaded();
        if load.is_none() {
            load = Some(report.load.clone());
        }
        if !loaded {
            // The module itself fails: every remaining call is not run.
            calls.extend(groups[next..].iter().flatten().map(|_| report.load.clone()));
            break;
        }
        let mut results = report.calls.into_iter();
        while next < groups.len() {
            let group: Vec<StepReport> = results.by_ref().take(groups[next].len()).collect();
            next += 1;
            let trapped = group.iter().any(ends_the_store);
            calls.extend(group);
            if trapped {
                break;
            }
        }
    }
    Ok(Execution { load: load.expect("the loop runs at least once"), calls, fuel })
}

/// Outcomes after which later calls in the store did not run, or ran after a limit was hit.
fn ends_the_store(step: &StepReport) -> bool {
    !matches!(step.outcome, Outcome::Returned { .. } | Outcome::Raised { .. } | Outcome::Missing { .. } | Outcome::SyntaxError { .. })
}
