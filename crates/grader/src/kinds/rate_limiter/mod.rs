//! Rate limiters, graded by black-box traces with injected time.
//!
//! - `trace`: traces on fresh limiters, replayed in stretches, decisions read back;
//! - `properties`: what every sound limiter keeps (the hidden tests), each checked on a trace built here;
//! - `models`: the standard algorithms, known by identity; `analysis`: the nearest model on traces that
//!   separate them; `behaviours`: what the statement describes beyond the tests;
//! - `cost` and `memory`: per-call fuel as the limit grows, bytes per key; `signals`: read from the source;
//! - `score`: the suggested score and the follow-ups.

mod analysis;
mod behaviours;
mod cost;
mod lines;
mod memory;
mod models;
mod properties;
mod score;
mod signals;
mod trace;

use crate::complexity::CostlyLines;
use crate::judge::{self, load_error, verdict_of};
use crate::options::{GradeError, Options};
use crate::report::{
    ExampleResult, FailedTest, FailureKind, LoadError, MemoryPerKey, PerCallCost, Property, RateLimiterAnalysis,
    Report, Score, Summary, TestSummary, Verdict,
};
use crate::scratch::{ScratchError, ScratchResult, ScratchTrace, TraceDecision};
use crate::words;
use catalog::{Case, CaseInput, Problem, PropertySpec};
use models::Model;
use runner::{Outcome, Sandbox, SandboxError, StepReport, Value};
use trace::{Run, decisions, replay};

/// Runs the visible example traces. Expected decisions come from an exact sliding count: the examples
/// are chosen so every sound algorithm agrees with it.
/// Also whether the class is missing.
pub(crate) fn run_examples(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
) -> Result<(Option<LoadError>, Vec<ExampleResult>, bool), GradeError> {
    let (load, examples, _, missing) = examples(sandbox, problem, source)?;
    Ok((load_error(&load), examples, missing))
}

/// The examples' load step, results and fuel, and whether the class is missing.
fn examples(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
) -> Result<(StepReport, Vec<ExampleResult>, u64, bool), SandboxError> {
    let runs: Vec<Run> = problem
        .examples
        .iter()
        .filter_map(|c| match &c.input {
            CaseInput::Trace(t) => Some(Run { limit: t.limit, window: t.window, requests: t.requests.clone() }),
            _ => None,
        })
        .collect();
    let replayed = replay(sandbox, problem, source, &runs)?;
    let shown = |d: &[bool]| format!("{d:?}").replace("true", "True").replace("false", "False");
    let results = problem
        .examples
        .iter()
        .zip(&runs)
        .zip(&replayed.per_run)
        .map(|((case, run), steps)| {
            let expected = Model::SlidingLog.decide(run);
            let input = run.requests.iter().map(|(k, t)| format!("allow({k:?}, {t})")).collect::<Vec<_>>().join(", ");
            let (actual, error, line) = match decisions(steps) {
                Ok(got) => (shown(&got), None, None),
                Err(step) => {
                    let m = judge::failed(&step.outcome);
                    ("no value".into(), m.error, m.line)
                }
            };
            ExampleResult {
                name: case.name.clone(),
                input: format!("RateLimiter({}, {}) then {input}", run.limit, run.window),
                passed: actual == shown(&expected),
                expected: shown(&expected),
                actual,
                error,
                line,
                output: steps.iter().map(|s| s.output.as_str()).collect(),
            }
        })
        .collect();
    let missing = replayed
        .per_run
        .first()
        .and_then(|steps| steps.first())
        .is_some_and(|s| matches!(s.outcome, Outcome::Missing { .. }));
    Ok((replayed.load, results, replayed.fuel, missing))
}

/// Grades a rate limiter: examples, then the property tests and the analysis side by side.
pub(crate) fn grade(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    options: &Options,
) -> Result<Report, GradeError> {
    let examples = examples(sandbox, problem, source)?;
    // The analysis needs none of the hidden tests' results: once the examples show that the class loads and
    // is there, it runs beside the tests, on a second core.
    let (load, _, _, missing) = &examples;
    let wanted = options.probes && matches!(load.outcome, Outcome::Returned { .. }) && !missing;
    std::thread::scope(|scope| {
        let measuring = wanted.then(|| scope.spawn(|| measure(sandbox, problem, source)));
        let measured =
            || measuring.map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        graded(sandbox, problem, source, examples, measured)
    })
}

/// Grades the hidden properties after the examples, and joins the analysis measured beside them, if any.
fn graded(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    (load, examples, mut fuel, _): (StepReport, Vec<ExampleResult>, u64, bool),
    measured: impl FnOnce() -> Option<Result<Measured, SandboxError>>,
) -> Result<Report, GradeError> {
    let specs: Vec<(&Case, &PropertySpec)> = problem
        .tests
        .iter()
        .filter_map(|c| if let CaseInput::Property(p) = &c.input { Some((c, p)) } else { None })
        .collect();
    let runs: Vec<Run> = specs.iter().map(|(_, s)| properties::property_run(s)).collect();
    let replayed = replay(sandbox, problem, source, &runs)?;
    fuel += replayed.fuel;
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    let mut checked = Vec::new();
    for (((case, spec), run), steps) in specs.iter().zip(&runs).zip(&replayed.per_run) {
        let result = match decisions(steps) {
            Ok(admitted) => match properties::check(spec, run, &admitted) {
                None => Ok(()),
                Some(why) => Err((FailureKind::Property, why, None, None)),
            },
            Err(step) => {
                let m = judge::failed(&step.outcome);
                Err((m.kind, m.error.clone().unwrap_or_default(), m.error, m.line))
            }
        };
        passed.push(result.is_ok());
        checked.push(Property {
            name: case.name.clone(),
            ok: result.is_ok(),
            counterexample: result.as_ref().err().map(|e| e.1.clone()),
        });
        if let Err((kind, why, error, line)) = result {
            failed.push(FailedTest {
                category: case.category,
                name: case.name.clone(),
                kind,
                input: format!("RateLimiter({}, {}) with {} requests", run.limit, run.window, run.requests.len()),
                shrunk_input: None,
                shrunk: None,
                expected: format!("the '{}' property holds", spec.property.as_str()),
                actual: why,
                error,
                line,
                fuel: steps.iter().map(|s| s.fuel).sum(),
                reference_fuel: None,
            });
        }
    }
    let loaded = matches!(load.outcome, Outcome::Returned { .. });
    let verdict = verdict_of(&load, &failed);
    let analysis = match measured() {
        Some(measured) if loaded && verdict != Verdict::MissingEntry => {
            let measured = measured?;
            fuel += measured.fuel;
            Some(analysis(measured, checked, source))
        }
        _ => None,
    };
    let mut report = Report {
        problem: problem.id.clone(),
        verdict,
        summary: Summary::default(),
        load_error: load_error(&load),
        examples,
        tests: TestSummary::new(problem, &passed, failed),
        findings: Vec::new(),
        complexity: None,
        complexity_note: None,
        rate_limiter: analysis,
        score: Score { suggested: 1, reasons: Vec::new() },
        follow_ups: Vec::new(),
        fuel_total: fuel,
    };
    score::assess(problem, &mut report);
    Ok(report)
}

/// What the analysis beyond the tests measured: the nearest model and behaviours, cost, memory.
struct Measured {
    behaviour: analysis::Behaviour,
    per_call_cost: PerCallCost,
    costly_lines: Option<CostlyLines>,
    memory_per_key: Option<MemoryPerKey>,
    fuel: u64,
}

fn measure(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<Measured, SandboxError> {
    let behaviour = analysis::analyse(sandbox, problem, source)?;
    let (per_call_cost, cost_fuel) = cost::per_call_cost(sandbox, problem, source)?;
    let costly_lines = lines::costly_lines(sandbox, problem, source, &per_call_cost)?;
    let (memory_per_key, memory_fuel) = memory::memory_per_key(sandbox, problem, source)?;
    let fuel = behaviour.fuel + cost_fuel + memory_fuel;
    Ok(Measured { behaviour, per_call_cost, costly_lines, memory_per_key, fuel })
}

/// The analysis beyond the tests: the nearest model, behaviours, cost, memory, signals.
fn analysis(measured: Measured, checked: Vec<Property>, source: &str) -> RateLimiterAnalysis {
    let Measured { behaviour, per_call_cost, costly_lines, memory_per_key, .. } = measured;
    let nearest = &behaviour.nearest;
    RateLimiterAnalysis {
        algorithm: behaviour.algorithm,
        limit_offset: if nearest.matches { nearest.limit - analysis::LIMIT } else { 0 },
        divergences: nearest.divergences,
        decisions: nearest.decisions,
        max_in_window_ratio: behaviour.max_in_window_ratio,
        false_rejections: behaviour.false_rejections,
        per_call_cost,
        costly_lines,
        memory_per_key,
        properties: checked.into_iter().chain(behaviour.properties).collect(),
        traces: behaviour.traces,
        static_signals: signals::static_signals(source),
    }
}

/// The interviewer's trace on a fresh limiter of the candidate's and one of the reference's, decision by
/// decision; also whether the class is missing. A reference that does not answer means the trace does not
/// fit.
pub(crate) fn scratch(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    trace: ScratchTrace,
    fuel: u64,
) -> Result<(ScratchResult, bool), ScratchError> {
    let run = Run { limit: trace.limit, window: trace.window, requests: trace.requests };
    let reference =
        replay(sandbox, problem, &problem.reference, std::slice::from_ref(&run)).map_err(GradeError::from)?;
    let expected = match reference.per_run.first().map(|steps| decisions(steps)) {
        Some(Ok(decided)) => decided,
        Some(Err(step)) => return Err(ScratchError::Reference { outcome: words::outcome(&step.outcome) }),
        None => return Err(ScratchError::Reference { outcome: words::outcome(&reference.load.outcome) }),
    };
    let mut lowered = problem.clone();
    lowered.fuel_per_test = fuel.min(problem.fuel_per_test).max(1);
    let replayed = replay(sandbox, &lowered, source, std::slice::from_ref(&run)).map_err(GradeError::from)?;
    let steps = replayed.per_run.into_iter().next().unwrap_or_default();
    let missing = steps.first().is_some_and(|s| matches!(s.outcome, Outcome::Missing { .. }));
    let (error, line) = match (load_error(&replayed.load), steps.iter().find(|s| s.outcome.value().is_none())) {
        (Some(load), _) => (Some(load.message), load.line),
        (None, Some(step)) => {
            let m = judge::failed(&step.outcome);
            (m.error, m.line)
        }
        (None, None) => (None, None),
    };
    let answered: Vec<Option<bool>> = match decisions(&steps) {
        Ok(all) => all.into_iter().map(Some).collect(),
        Err(_) => steps
            .iter()
            .skip(1)
            .map_while(|s| match s.outcome.value() {
                Some(Value::Bool(b)) => Some(Some(*b)),
                _ => None,
            })
            .collect(),
    };
    let error = error.or_else(|| {
        steps.iter().skip(1).find_map(|s| match s.outcome.value() {
            Some(Value::Bool(_)) => None,
            Some(other) => Some(format!("allow returned a {} where a bool was due", other.type_name())),
            None => None,
        })
    });
    let requests: Vec<TraceDecision> = run
        .requests
        .iter()
        .zip(&expected)
        .enumerate()
        .map(|(i, ((key, time), reference))| TraceDecision {
            key: key.clone(),
            time: *time,
            candidate: answered.get(i).copied().flatten(),
            reference: *reference,
        })
        .collect();
    let agrees = error.is_none() && requests.iter().all(|r| r.candidate == Some(r.reference));
    let output = steps.iter().map(|s| s.output.as_str()).collect();
    Ok((ScratchResult::Trace { limit: run.limit, window: run.window, requests, error, line, output, agrees }, missing))
}
