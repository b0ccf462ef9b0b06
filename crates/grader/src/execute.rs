//! Runs groups of calls on a candidate's module, starting a fresh store after a trap so that one
//! runaway test cannot hide the results of the others.
//!
//! A call that runs out of fuel costs the whole allowance in wall time (seconds, for the function
//! problems), so after the first one, later stores give each call a fraction of it: code that loops
//! forever on every input is graded in seconds, not minutes, and every test still reports what it did.
//! When calls in a row end the same way other than by time (out of memory, too much output, a result too
//! large or too deep to show, a broken protocol), the rest are not run: each reports the last of those
//! endings with no fuel, and the execution says so. (Timeouts are already cheap after the first, and every
//! test still runs.) Each call's allowance is the caller's: a test on a tiny input gets far less than one
//! on the largest.

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
    /// How they ended, in order (one cause, perhaps in more than one form: see `Ending`).
    pub endings: Vec<Outcome>,
}

/// The module's load step and one report per call, in the order given.
pub(crate) struct Execution {
    /// Loading the module (from the first store).
    pub load: StepReport,
    /// One report per call; calls in a group after a trap are `NotRun`.
    pub calls: Vec<StepReport>,
    /// Fuel of all runs.
    pub fuel: u64,
    /// Once a call had run out of its allowance, each later call got a twentieth of its own: the most
    /// any got, if a call ran out.
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

/// Runs `groups` in order, each call of group `i` with `allowance(i)` fuel. Calls within a group share
/// state (an object's method calls); a trap ends its group and the next group starts in a fresh store.
pub(crate) fn run_groups(
    sandbox: &Sandbox,
    source: &str,
    groups: &[Vec<Call>],
    allowance: impl Fn(usize) -> u64,
) -> Result<Execution, SandboxError> {
    run_groups_after(sandbox, source, groups, allowance, None)
}

/// As `run_groups`, after an execution of the same code (`earlier`) whose rule on timeouts carries on:
/// once a call there ran out of its allowance, every call here gets a twentieth of its own.
pub(crate) fn run_groups_after(
    sandbox: &Sandbox,
    source: &str,
    groups: &[Vec<Call>],
    allowance: impl Fn(usize) -> u64,
    earlier: Option<&Execution>,
) -> Result<Execution, SandboxError> {
    let mut calls: Vec<StepReport> = Vec::new();
    let mut load = None;
    let mut fuel = 0;
    let mut next = 0;
    let mut cut_fuel =
        earlier.and_then(|e| e.cut_fuel).map(|_| cut((0..groups.len()).map(&allowance).max().unwrap_or(0)));
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
            let endings = same.iter().map(|step| step.outcome.clone()).collect();
            cut_short = Some(CutShort { after: same.len(), skipped: rest.len(), endings });
            calls.extend(rest);
            break;
        }
        // The first store makes only as many calls as it takes to see the rule apply: a value too large
        // to show does not end its store, and the rest would run in it.
        let end = if load.is_none() { (next + SAME_ENDINGS).min(groups.len()) } else { groups.len() };
        let batch: Vec<Call> = groups[next..end].iter().flatten().cloned().collect();
        let fuel_of_calls: Vec<u64> = (next..end)
            .flat_map(|group| {
                let own = allowance(group);
                let fuel = if cut_fuel.is_some() { cut(own) } else { own };
                std::iter::repeat_n(fuel, groups[group].len())
            })
            .collect();
        // Loading the module gets the most any call may get, whichever calls this store makes.
        let most = (0..groups.len())
            .map(|group| if cut_fuel.is_some() { cut(allowance(group)) } else { allowance(group) })
            .max()
            .unwrap_or(u64::MAX);
        let job = Job { fuel_per_step: Some(most), fuel_of_calls, ..Job::new(source, batch) };
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
        while next < end {
            let group: Vec<StepReport> = results.by_ref().take(groups[next].len()).collect();
            next += 1;
            let trapped = group.iter().any(ends_the_store);
            if group.iter().any(|step| step.outcome.ran_out_of_time()) {
                let most = (0..groups.len()).map(&allowance).max().unwrap_or(0);
                cut_fuel.get_or_insert(cut(most));
            }
            match group.iter().find(|step| ending(step).is_some()) {
                Some(step) if same.last().is_none_or(|last| ending(last) == ending(step)) => same.push(step.clone()),
                Some(step) => same = vec![step.clone()],
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

/// A call's fuel after a timeout.
fn cut(allowance: u64) -> u64 {
    (allowance / CUT_DIVISOR).max(CUT_FLOOR).min(allowance)
}

/// How a call ended, for the rule on calls in a row.
#[derive(Debug, PartialEq)]
enum Ending {
    /// Out of memory, too much output, or a returned value too large or too deep to show: one cause (a
    /// result that outgrew the sandbox) in the forms it takes as the harness keeps each result alive.
    Outgrown,
    /// Another way of ending the store, other than by time (timeouts have their own rule).
    Other(std::mem::Discriminant<Outcome>),
}

/// `None` for a call that returned an ordinary value, raised, or ran out of time.
fn ending(step: &StepReport) -> Option<Ending> {
    match &step.outcome {
        Outcome::MemoryLimit { .. } | Outcome::OutputLimit { .. } => Some(Ending::Outgrown),
        Outcome::Returned { value } if value.unshowable() => Some(Ending::Outgrown),
        outcome if ends_the_store(step) && !outcome.ran_out_of_time() => {
            Some(Ending::Other(std::mem::discriminant(outcome)))
        }
        _ => None,
    }
}

/// Outcomes after which later calls in the store did not run, or ran after a limit was hit.
fn ends_the_store(step: &StepReport) -> bool {
    !matches!(
        step.outcome,
        Outcome::Returned { .. } | Outcome::Raised { .. } | Outcome::Missing { .. } | Outcome::SyntaxError { .. }
    )
}
