//! Runs groups of calls on a candidate's module, starting a fresh store after a trap so that one
//! runaway test cannot hide the results of the others.
//!
//! A call that runs out of fuel costs the whole allowance in wall time (seconds, for the function
//! problems), so after the first one, later stores give each call a fraction of it: code that loops
//! forever on every input is graded in seconds, not minutes, and every test still reports what it did.
//! When calls in a row end their stores the same way other than by time (out of memory, too much
//! output, too deep), the rest are not run: each reports that same ending with no fuel, and the
//! execution says so. (Timeouts are already cheap after the first, and every test still runs.)

use runner::{Call, Job, Outcome, Sandbox, SandboxError, StepReport};

/// After a timeout, later calls get the allowance divided by this ...
const CUT_DIVISOR: u64 = 20;
/// ... but never less than this (about 6 ms of native CPython), nor more than the allowance.
const CUT_FLOOR: u64 = 100_000_000;
/// Calls in a row that end their stores the same way before the rest are not run.
const SAME_ENDINGS: usize = 3;

/// The calls left out because the ones before them all ended the same way.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CutShort {
    /// Calls in a row that ended the same way.
    pub after: usize,
    /// Calls not run.
    pub skipped: usize,
    /// How they ended.
    pub ending: Outcome,
}

/// The module's load step and one report per call, in the order given.
pub(crate) struct Execution {
    /// Loading the module (from the first store).
    pub load: StepReport,
    /// One report per call; calls in a group after a trap are `NotRun`.
    pub calls: Vec<StepReport>,
    /// Fuel of all runs.
    pub fuel: u64,
    /// The fuel each later call got once a call had run out of its allowance, if one did.
    pub cut_fuel: Option<u64>,
    /// Calls not run because the ones before them all ended the same way.
    pub cut_short: Option<CutShort>,
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
) -> Result<Execution, SandboxError> {
    let mut calls: Vec<StepReport> = Vec::new();
    let mut load = None;
    let mut fuel = 0;
    let mut next = 0;
    let mut cut_fuel = None;
    let mut cut_short = None;
    let mut same: Vec<StepReport> = Vec::new();
    while next < groups.len() || load.is_none() {
        if same.len() >= SAME_ENDINGS {
            let ending = same.last().expect("calls that ended the same way").clone();
            let rest: Vec<StepReport> = groups[next..]
                .iter()
                .flatten()
                .map(|_| StepReport { fuel: 0, output: String::new(), ..ending.clone() })
                .collect();
            cut_short = Some(CutShort { after: same.len(), skipped: rest.len(), ending: ending.outcome });
            calls.extend(rest);
            break;
        }
        let batch: Vec<Call> = groups[next..].iter().flatten().cloned().collect();
        let job = Job { fuel_per_step: Some(cut_fuel.unwrap_or(fuel_per_step)), ..Job::new(source, batch) };
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
            if group.iter().any(|step| step.outcome.ran_out_of_time()) {
                cut_fuel.get_or_insert(cut(fuel_per_step));
            }
            match group.iter().find(|step| ends_the_store(step) && !step.outcome.ran_out_of_time()) {
                Some(ending) if same.last().is_none_or(|last| same_ending(last, ending)) => same.push(ending.clone()),
                Some(ending) => same = vec![ending.clone()],
                None => same.clear(),
            }
            calls.extend(group);
            if trapped {
                break;
            }
        }
    }
    Ok(Execution { load: load.expect("the loop runs at least once"), calls, fuel, cut_fuel, cut_short })
}

/// The fuel per call after a timeout.
fn cut(fuel_per_step: u64) -> u64 {
    (fuel_per_step / CUT_DIVISOR).max(CUT_FLOOR).min(fuel_per_step)
}

/// Whether two calls ended their stores the same way.
fn same_ending(a: &StepReport, b: &StepReport) -> bool {
    std::mem::discriminant(&a.outcome) == std::mem::discriminant(&b.outcome)
}

/// Outcomes after which later calls in the store did not run, or ran after a limit was hit.
fn ends_the_store(step: &StepReport) -> bool {
    !matches!(
        step.outcome,
        Outcome::Returned { .. } | Outcome::Raised { .. } | Outcome::Missing { .. } | Outcome::SyntaxError { .. }
    )
}
