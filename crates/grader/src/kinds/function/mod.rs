//! Function problems: a module-level function called with each case's arguments, its return value
//! judged by exact type against the reference solution's on the same input; and beside that, the timing
//! probes.

mod score;

use crate::cache::Cache;
use crate::complexity::{self, Complexity, Curve};
use crate::execute::{run_groups, run_groups_after};
use crate::judge::{self, PREVIEW, load_error, preview_args, verdict_of};
use crate::options::{GradeError, Options};
use crate::references::{self, Answer, args_of};
use crate::report::{
    ExampleResult, FailedTest, FailureKind, Finding, LoadError, Report, Score, Summary, TestSummary, Verdict,
};
use crate::scratch::{CallResult, ScratchError, ScratchResult};
use crate::seeds::ProbeSeeds;
use crate::shrink;
use crate::stored::Stored;
use crate::words;
use catalog::{Case, Category, Check, Entry, Problem};
use runner::{Call, Sandbox, SandboxError, StepReport, Value};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// What the trusted reference gives every grading of a problem version: its answers on the cases, and
/// its probe curve with its answers there; kept in memory, and on disk where it can be (see `stored`).
pub(crate) struct Memo {
    answers: Cache<Vec<Answer>>,
    curves: Cache<Curve>,
    stored: Option<Stored>,
    seeds: ProbeSeeds,
}

impl Memo {
    /// An empty memo that reads and keeps the reference's results in `stored`, if given, its probes drawn
    /// from `seeds`.
    pub(crate) fn new(stored: Option<Stored>, seeds: ProbeSeeds) -> Memo {
        Memo { answers: Cache::default(), curves: Cache::default(), stored, seeds }
    }

    fn answers(&self, sandbox: &Sandbox, problem: &Problem) -> Result<Arc<Vec<Answer>>, GradeError> {
        self.answers.get_or_compute(&problem.fingerprint, || {
            self.kept_or(
                |s| s.answers(problem),
                |s, a| s.keep_answers(problem, a),
                || references::for_cases(sandbox, problem),
            )
        })
    }

    /// Measures `source` beside the reference's curve (see `complexity::measure`); `None` when called off.
    fn measure(
        &self,
        sandbox: &Sandbox,
        problem: &Problem,
        source: &str,
        call_off: &AtomicBool,
    ) -> Result<Option<Complexity>, GradeError> {
        let Some(reference) = self.reference_curve(sandbox, problem, call_off)? else { return Ok(None) };
        complexity::measure(sandbox, &reference, problem, source, self.seeds.salt(problem), call_off)
    }

    /// The reference's probe curve; `None` when called off before it was done (an unfinished curve is not
    /// kept).
    fn reference_curve(
        &self,
        sandbox: &Sandbox,
        problem: &Problem,
        call_off: &AtomicBool,
    ) -> Result<Option<Arc<Curve>>, SandboxError> {
        // `Err(None)`: called off before the curve was done, so nothing is cached.
        let found = self.curves.get_or_compute(&problem.fingerprint, || {
            self.kept_or(
                |s| s.curve(problem),
                |s, c| s.keep_curve(problem, c),
                || {
                    let salt = self.seeds.salt(problem);
                    complexity::probe(sandbox, problem, &problem.reference, salt, false, call_off)
                        .map_err(Some)?
                        .ok_or(None)
                },
            )
        });
        found.map(Some).or_else(|e| e.map_or(Ok(None), Err))
    }

    /// What was kept on disk, else what `compute` gives, then kept there.
    fn kept_or<T, E>(
        &self,
        kept: impl FnOnce(&Stored) -> Option<T>,
        keep: impl FnOnce(&Stored, &T),
        compute: impl FnOnce() -> Result<T, E>,
    ) -> Result<T, E> {
        if let Some(found) = self.stored.as_ref().and_then(kept) {
            return Ok(found);
        }
        let value = compute()?;
        if let Some(stored) = &self.stored {
            keep(stored, &value);
        }
        Ok(value)
    }
}

/// Runs the visible examples only (the candidate's "Run" button); also whether the function is missing.
pub(crate) fn run_examples(
    sandbox: &Sandbox,
    memo: &Memo,
    problem: &Problem,
    source: &str,
) -> Result<(Option<LoadError>, Vec<ExampleResult>, bool), GradeError> {
    let answers = memo.answers(sandbox, problem)?;
    let groups = calls_for(problem, &problem.examples, false);
    let fuel = allowances(problem, &problem.examples);
    let run = run_groups(sandbox, source, &groups, |group| fuel[group])?;
    let missing = run.calls.first().is_some_and(|c| matches!(c.outcome, runner::Outcome::Missing { .. }));
    Ok((load_error(&run.load), examples(&problem.examples, &answers, &run.calls), missing))
}

/// Grades `source` against every hidden test and measures it.
///
/// The timing probes start beside the hidden tests, on a second core, before the tests have shown
/// whether the code is worth measuring (see `why_not_measured`): when it is not, they are called off at
/// their next batch and their curve is dropped, and when it is, the grading takes the longer of the two
/// instead of their sum.
pub(crate) fn grade(
    sandbox: &Sandbox,
    memo: &Memo,
    problem: &Problem,
    source: &str,
    options: &Options,
) -> Result<Report, GradeError> {
    let speculate = options.probes && !problem.probes.is_empty();
    let call_off = AtomicBool::new(false);
    let (tested, measured) = std::thread::scope(|scope| {
        let probes = speculate.then(|| scope.spawn(|| memo.measure(sandbox, problem, source, &call_off)));
        let _unwinding = CallOffOnPanic(&call_off);
        let tested = run_tests(sandbox, memo, problem, source, options, &call_off);
        if tested.is_err() {
            call_off.store(true, Ordering::Relaxed);
        }
        (tested, probes.map(|handle| handle.join().expect("the probe thread does not panic")))
    });
    let Tested { mut verdict, load, examples, tests, mut findings, not_measured, fuel } = tested?;
    let complexity = match (&not_measured, measured) {
        (None, Some(measured)) => measured?,
        _ => None,
    };
    if let Some(found) = complexity.as_ref().and_then(|c| c.worst_case.clone()) {
        findings.push(Finding::WorstCaseFound { shape: found.shape, example: found.example });
    }
    if let Some(detail) = complexity.as_ref().and_then(|c| c.harness_rewritten.clone()) {
        findings.push(Finding::ProbeHarnessRewritten { detail });
    }
    if let Some(c) = complexity.as_ref().filter(|c| c.wrong_answers > 0) {
        // A fast wrong answer is not fast: the probes' inputs are tests too.
        findings.push(Finding::ProbeWrongAnswers { count: c.wrong_answers, largest_n: c.largest_n });
        if verdict == Verdict::Accepted {
            verdict = Verdict::WrongAnswer;
        }
    }
    let mut report = Report {
        problem: problem.id.clone(),
        verdict,
        load_error: load_error(&load),
        summary: Summary::default(),
        examples,
        tests,
        findings,
        complexity,
        complexity_note: not_measured.filter(|_| !problem.probes.is_empty()),
        rate_limiter: None,
        score: Score { suggested: 1, reasons: Vec::new() },
        follow_ups: Vec::new(),
        fuel_total: fuel,
    };
    if let Some(c) = &report.complexity {
        report.fuel_total += c.fuel_total;
    }
    score::assess(problem, &mut report);
    Ok(report)
}

/// Calls the probes off if the tests panic, so the panic is not held up by a whole probe run.
struct CallOffOnPanic<'a>(&'a AtomicBool);

impl Drop for CallOffOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(true, Ordering::Relaxed);
        }
    }
}

/// What the hidden tests showed, before the probes' curve joins it.
struct Tested {
    verdict: Verdict,
    load: StepReport,
    examples: Vec<ExampleResult>,
    tests: TestSummary,
    findings: Vec<Finding>,
    /// Why the probes' curve is not wanted, if it is not.
    not_measured: Option<String>,
    fuel: u64,
}

/// Runs the examples and hidden tests (and each small test again, for kept state), judges them and
/// shrinks the failures. Calls the probes off as soon as the tests show they are not wanted.
fn run_tests(
    sandbox: &Sandbox,
    memo: &Memo,
    problem: &Problem,
    source: &str,
    options: &Options,
    call_off: &AtomicBool,
) -> Result<Tested, GradeError> {
    let mutation = problem.checks(Check::NoMutation);
    let repeats: Vec<Case> = if problem.checks(Check::Stateless) {
        problem.tests.iter().filter(|c| c.category != Category::Large).cloned().collect()
    } else {
        Vec::new()
    };
    let answers = memo.answers(sandbox, problem)?;
    let (example_answers, test_answers) = answers.split_at(problem.examples.len());
    // The examples run in stores of their own: what they print reaches the candidate, so no store that
    // holds a hidden input ever writes to the candidate's view.
    let example_fuel = allowances(problem, &problem.examples);
    let shown = run_groups(sandbox, source, &calls_for(problem, &problem.examples, false), |g| example_fuel[g])?;
    let hidden: Vec<Case> = problem.tests.iter().chain(&repeats).cloned().collect();
    let fuel = allowances(problem, &hidden);
    let run = run_groups_after(sandbox, source, &calls_for(problem, &hidden, mutation), |g| fuel[g], Some(&shown))?;
    let (test_steps, repeat_steps) = run.calls.split_at(problem.tests.len());

    let mut failed = Vec::new();
    let mut passed = Vec::new();
    for ((case, step), expected) in problem.tests.iter().zip(test_steps).zip(test_answers) {
        let args = args_of(case);
        let mismatch = judge::judge(step, expected, args, mutation);
        passed.push(mismatch.is_none());
        if let Some(m) = mismatch {
            failed.push(FailedTest {
                category: case.category,
                name: case.name.clone(),
                kind: m.kind,
                input: preview_args(args),
                shrunk_input: None,
                shrunk: None,
                expected: expected.value.preview(PREVIEW),
                actual: m.actual,
                error: m.error,
                line: m.line,
                fuel: step.fuel,
                reference_fuel: Some(expected.fuel),
            });
        }
    }
    let verdict = verdict_of(&run.load, &failed);
    let not_measured = why_not_measured(problem, options, &run.load, verdict, &passed);
    if not_measured.is_some() {
        call_off.store(true, Ordering::Relaxed);
    }
    if run.loaded() {
        // Not the tests left unrun by a cut, nor results too large to show: a smaller input would not
        // make those readable.
        let unreadable: Vec<&str> = problem
            .tests
            .iter()
            .zip(test_steps)
            .filter(|(_, step)| step.fuel == 0 || step.outcome.value().is_some_and(Value::unshowable))
            .map(|(case, _)| case.name.as_str())
            .collect();
        shrink::shrink_failures(sandbox, problem, source, &mut failed, |test| {
            !unreadable.contains(&test.name.as_str())
        })?;
    }
    let mut findings = state_kept(&repeats, test_steps, repeat_steps);
    if let Some(cut) = run.cut_fuel {
        let least = failed
            .iter()
            .filter(|test| test.kind == FailureKind::Timeout)
            .filter_map(|test| Some(test.fuel as f64 / test.reference_fuel?.max(1) as f64))
            .reduce(f64::min);
        findings.push(Finding::FuelCut { allowance: problem.fuel_per_test, cut, least });
    }
    if let Some(cut) = &run.cut_short {
        findings.push(Finding::CutShort {
            after: cut.after,
            skipped: cut.skipped,
            ending: words::endings(&cut.endings),
        });
    }
    Ok(Tested {
        verdict,
        examples: examples(&problem.examples, example_answers, &shown.calls),
        tests: TestSummary::new(problem, &passed, failed),
        load: shown.load,
        findings,
        not_measured,
        fuel: shown.fuel + run.fuel,
    })
}

/// Why the timing probes do not run, in words, or `None` when they do: a curve of code that does not
/// load, or that passes no hidden test, would measure nothing worth reading.
fn why_not_measured(
    problem: &Problem,
    options: &Options,
    load: &StepReport,
    verdict: Verdict,
    passed: &[bool],
) -> Option<String> {
    let reason = if problem.probes.is_empty() {
        "this problem has no timing probes"
    } else if !options.probes {
        "timing probes were not asked for"
    } else if !matches!(load.outcome, runner::Outcome::Returned { .. }) {
        "the code does not load"
    } else if verdict == Verdict::MissingEntry {
        "the function to measure is not defined"
    } else if !passed.contains(&true) {
        "no hidden test passes"
    } else {
        return None;
    };
    Some(format!("Growth not measured: {reason}."))
}

/// A finding for each repeated call that answered differently the second time.
fn state_kept(repeats: &[Case], first: &[StepReport], again: &[StepReport]) -> Vec<Finding> {
    repeats
        .iter()
        .zip(first)
        .zip(again)
        .filter_map(|((case, first), again)| match (first.outcome.value(), again.outcome.value()) {
            (Some(a), Some(b)) if a != b => {
                Some(Finding::KeepsState { case: case.name.clone(), first: a.preview(60), again: b.preview(60) })
            }
            _ => None,
        })
        .collect()
}

/// One group (of one call) per case.
/// Each case's fuel: the problem's allowance, or a twentieth of it for an input of at most
/// `SMALL_INPUT` items. On so few items even cubic code takes under a million steps, far below that
/// share, so code that loops forever on a small test is stopped in tens of milliseconds, not seconds.
/// (Larger inputs keep the whole allowance: what a test costs depends on its shape as much as its size.)
fn allowances(problem: &Problem, cases: &[Case]) -> Vec<u64> {
    const SMALL_INPUT: usize = 100;
    const SMALL_SHARE: u64 = 20;
    let size = |case: &Case| args_of(case).iter().filter_map(Value::length).sum::<usize>();
    let small = (problem.fuel_per_test / SMALL_SHARE).max(1);
    cases.iter().map(|case| if size(case) <= SMALL_INPUT { small } else { problem.fuel_per_test }).collect()
}

fn calls_for(problem: &Problem, cases: &[Case], report_args: bool) -> Vec<Vec<Call>> {
    let Entry::Function { function } = &problem.entry else { return Vec::new() };
    cases
        .iter()
        .map(|case| vec![Call::Function { name: function.clone(), args: args_of(case).to_vec(), report_args }])
        .collect()
}

fn examples(cases: &[Case], answers: &[Answer], steps: &[StepReport]) -> Vec<ExampleResult> {
    cases
        .iter()
        .zip(answers)
        .zip(steps)
        .map(|((case, expected), step)| {
            let args = args_of(case);
            let mismatch = judge::judge(step, expected, args, false);
            ExampleResult {
                name: case.name.clone(),
                input: preview_args(args),
                expected: expected.value.preview(PREVIEW),
                actual: step.outcome.value().map(|v| v.preview(PREVIEW)).unwrap_or_else(|| "no value".into()),
                passed: mismatch.is_none(),
                error: mismatch.as_ref().and_then(|m| m.error.clone()),
                line: mismatch.and_then(|m| m.line),
                output: step.output.clone(),
            }
        })
        .collect()
}

/// One call of the candidate's code on the interviewer's arguments, beside the reference's answer; also
/// whether the function is missing. A reference that does not answer means the input does not fit. With
/// `against_reference`, a call that does not finish is said against the reference's work on the input;
/// without, in words that name no reference.
pub(crate) fn scratch(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    args: Vec<Value>,
    fuel: u64,
    against_reference: bool,
) -> Result<(ScratchResult, bool), ScratchError> {
    let Entry::Function { function } = &problem.entry else {
        return Err(ScratchError::Input("this problem's entry point is a class".into()));
    };
    let expected = match references::answer_with_fuel(sandbox, problem, vec![args.clone()]) {
        Ok(mut answers) => answers.pop().unwrap_or(Answer { value: Value::None, fuel: 0 }),
        Err(GradeError::Reference { outcome, .. }) => return Err(ScratchError::Reference { outcome }),
        Err(other) => return Err(other.into()),
    };
    let groups = vec![vec![Call::function(function, args.clone())]];
    let fuel = fuel.min(problem.fuel_per_test);
    let run = run_groups(sandbox, source, &groups, |_| fuel).map_err(GradeError::from)?;
    let missing = run.calls.first().is_some_and(|c| matches!(c.outcome, runner::Outcome::Missing { .. }));
    let candidate = if let Some(load) = load_error(&run.load) {
        CallResult { value: None, error: Some(load.message), line: load.line, output: run.load.output.clone() }
    } else if let Some(step) = run.calls.first() {
        let mismatch = match judge::judge(step, &expected, &args, false) {
            Some(_) if !against_reference && step.outcome.ran_out_of_time() => Some(judge::failed(&step.outcome)),
            other => other,
        };
        CallResult {
            value: step.outcome.value().map(shown),
            error: mismatch.as_ref().and_then(|m| m.error.clone()),
            line: mismatch.as_ref().and_then(|m| m.line),
            output: step.output.clone(),
        }
    } else {
        CallResult { value: None, error: Some("not run".into()), line: None, output: String::new() }
    };
    let agrees = candidate.error.is_none()
        && candidate.value.is_some()
        && run.calls.first().and_then(|s| s.outcome.value()) == Some(&expected.value);
    let input = match args.as_slice() {
        [one] => shown(one),
        many => preview_args(many),
    };
    Ok((ScratchResult::Call { input, candidate, reference: shown(&expected.value), agrees }, missing))
}

/// A value as a scratch run shows it: cut when long, and then with its size, since a person pasted it
/// whole ("[3, 1, …] (100,000 items)").
fn shown(value: &Value) -> String {
    let preview = value.preview(PREVIEW);
    match value.length() {
        Some(n) if value.to_string().chars().count() > PREVIEW => {
            let unit = if matches!(value, Value::Str(_)) { "characters" } else { "items" };
            format!("{preview} ({} {unit})", words::thousands(n as u64))
        }
        _ => preview,
    }
}
