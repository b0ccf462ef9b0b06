//! Rate limiters, graded by black-box traces with injected time.
//!
//! Hidden tests are properties any sound limiter keeps (burst, isolation, recovery, at most 2×limit in a
//! window span, long-run rate), each checked on a trace built here. The analysis then replays traces
//! that separate the standard algorithms and names the nearest model, and measures per-call cost as the
//! limit grows.

use crate::execute::run_groups;
use crate::grade::{load_error, summary, verdict_of};
use crate::report::{ExampleResult, FailedTest, FailureKind, Report, Score, Verdict};
use crate::{grade::Options, judge, score};
use catalog::{Case, CaseInput, Entry, Problem, PropertySpec, Trace};
use models::Model;
use runner::{Call, Job, Outcome, Sandbox, SandboxError, StepReport, Value};
use serde::Serialize;

/// Start of every trace: a multiple of every window used, so aligned windows start here.
const T0: f64 = 1000.0;

/// One checked property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Property {
    /// Its name.
    pub name: String,
    /// Whether it held.
    pub ok: bool,
    /// The trace that broke it, in words.
    pub counterexample: Option<String>,
}

/// What the candidate's limiter is and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateLimiterAnalysis {
    /// `fixed_window`, `sliding_log`, `sliding_window_counter`, `token_bucket` or `unknown`.
    pub algorithm: String,
    /// How far above the stated limit the nearest model's limit is (1 for an off-by-one limiter).
    pub limit_offset: i64,
    /// Decisions that differ from the nearest model on the separating traces.
    pub divergences: usize,
    /// Decisions on the separating traces in all.
    pub decisions: usize,
    /// The most admitted in any span of one window, over the limit.
    pub max_in_window_ratio: f64,
    /// Requests refused that an exact sliding count would have allowed.
    pub false_rejections: usize,
    /// Per-call cost as the limit grows.
    pub per_call_cost: PerCallCost,
    /// Memory held per key, and whether idle keys are ever let go.
    pub memory_per_key: Option<MemoryPerKey>,
    /// Properties checked, with counterexamples.
    pub properties: Vec<Property>,
    /// The separating traces: each request's time, the candidate's decision and the nearest model's.
    pub traces: Vec<TraceReplay>,
    /// Signals read from the source, not measured.
    pub static_signals: Vec<String>,
}

/// One separating trace as the candidate's limiter decided it, for plotting admitted vs rejected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraceReplay {
    /// What the trace probes.
    pub name: String,
    /// The limit and window of the fresh limiter.
    pub limit: i64,
    /// Window length in seconds.
    pub window: f64,
    /// Request times, seconds from the trace's start.
    pub times: Vec<f64>,
    /// The candidate's decisions (empty when the trace failed to run).
    pub admitted: Vec<bool>,
    /// The nearest model's decisions.
    pub model: Vec<bool>,
}

/// What each key costs in memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemoryPerKey {
    /// Bytes still held per distinct key after one request each.
    pub bytes_per_key: u64,
    /// Whether memory stopped growing for new keys once the earlier keys had been idle for many windows.
    pub idle_keys_released: bool,
    /// Distinct keys in each of the two batches.
    pub keys: usize,
    /// Live bytes held as the first batch's keys arrive: (keys so far, bytes).
    pub growth: Vec<(usize, u64)>,
}

/// Fuel per call at two limits and early and late in a long trace, and the class that follows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PerCallCost {
    /// `O(1)`, `O(limit)` (grows with the limit) or `O(requests)` (grows with the requests seen so far).
    pub class: String,
    /// The small limit.
    pub small_limit: i64,
    /// The large limit, 100 times the small one.
    pub large_limit: i64,
    /// Mean fuel per `allow` call at the small limit, over the last stretch of a long trace.
    pub fuel_small_limit: u64,
    /// Mean fuel per `allow` call at the large limit.
    pub fuel_large_limit: u64,
    /// The same over the first stretch of that trace (`fuel_small_limit` is over its last).
    pub fuel_early_in_trace: u64,
    /// Requests in the long trace.
    pub requests_in_trace: usize,
    /// Estimated sustainable requests per second per core in native CPython at the large limit.
    pub native_requests_per_second: u64,
    /// Whether 1,000 requests per second is met with at least 10x headroom.
    pub meets_1000_per_second: bool,
}

/// A trace and what it is for: requests for one fresh limiter.
#[derive(Clone)]
struct Run {
    limit: i64,
    window: f64,
    requests: Vec<(String, f64)>,
}

impl Run {
    fn calls(&self, class: &str, method: &str, slot: u32) -> Vec<Call> {
        let mut calls =
            vec![Call::New { class: class.into(), args: vec![Value::Int(self.limit), Value::Float(self.window)], slot }];
        calls.extend(self.requests.iter().map(|(key, now)| Call::Method {
            slot,
            name: method.into(),
            args: vec![Value::Str(key.clone()), Value::Float(*now)],
        }));
        calls
    }
}

/// The decisions of one trace, or the failure that stopped it.
fn decisions(steps: &[StepReport]) -> Result<Vec<bool>, &StepReport> {
    let (construct, calls) = steps.split_first().expect("a constructor per trace");
    if construct.outcome.value().is_none() {
        return Err(construct);
    }
    calls.iter().map(|s| match s.outcome.value() { Some(Value::Bool(b)) => Ok(*b), _ => Err(s) }).collect()
}

/// Runs traces, one fresh limiter each, and returns each trace's steps (constructor first, then one per
/// request).
fn replay(sandbox: &Sandbox, problem: &Problem, source: &str, runs: &[Run]) -> Result<(StepReport, Vec<Vec<StepReport>>, u64), SandboxError> {
    replay_in_stretches(sandbox, problem, source, runs, |_| Vec::new())
}

/// As `replay`, with each trace's requests made in stretches (one sandbox step each, cut before the
/// request indices `cuts` gives): a request's fuel is its stretch's mean, exact for what is measured
/// over whole stretches. Per-request steps would cost the harness several times the calls themselves.
fn replay_in_stretches(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    runs: &[Run],
    cuts: impl Fn(&Run) -> Vec<usize>,
) -> Result<(StepReport, Vec<Vec<StepReport>>, u64), SandboxError> {
    let Entry::Class { class, method } = &problem.entry else { unreachable!("rate limiter problems name a class") };
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
            let mut calls = vec![Call::New { class: class.clone(), args: vec![Value::Int(run.limit), Value::Float(run.window)], slot }];
            let mut sizes = Vec::new();
            let mut start = 0;
            for end in bounds {
                calls.push(Call::Replay { slot, name: method.clone(), calls: run.requests[start..end].iter().map(args).collect() });
                sizes.push(end - start);
                start = end;
            }
            stretches.push(sizes);
            calls
        })
        .collect();
    let exec = run_groups(sandbox, source, &groups, problem.fuel_per_test)?;
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
    Ok((exec.load, per_run, exec.fuel))
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

fn trace_run(trace: &Trace) -> Run {
    Run { limit: trace.limit, window: trace.window, requests: trace.requests.clone() }
}

/// The trace a property is checked on.
fn property_run(spec: &PropertySpec) -> Run {
    let (l, w) = (spec.limit, spec.window);
    let k = |s: &str| s.to_string();
    let mut requests = Vec::new();
    match spec.property.as_str() {
        "burst" => requests.extend((0..=l).map(|_| (k("k"), T0))),
        "isolation" => {
            requests.extend((0..=l).map(|_| (k("a"), T0)));
            for key in 1..spec.keys.unwrap_or(2) {
                requests.extend((0..l).map(|_| (format!("key-{key}"), T0)));
            }
        }
        "recovery" => {
            requests.extend((0..=l).map(|_| (k("k"), T0)));
            requests.extend((0..=l).map(|_| (k("k"), T0 + 2.0 * w + spec.gap)));
        }
        "span" => {
            let eps = w / 100.0;
            requests.extend((0..l).map(|_| (k("k"), T0 + w - eps)));
            requests.extend((0..l).map(|_| (k("k"), T0 + w + eps)));
            let step = w / (4 * l) as f64;
            requests.extend((0..(8 * l)).map(|i| (k("k"), T0 + 2.0 * w + i as f64 * step)));
        }
        _ => {
            let windows = spec.seconds.unwrap_or(5);
            let step = w / (2 * l) as f64;
            requests.extend((0..(2 * l as usize * windows)).map(|i| (k("k"), T0 + i as f64 * step)));
        }
    }
    Run { limit: l, window: w, requests }
}

/// Checks a property on the decisions of its trace; `Err` holds the counterexample in words.
fn check(spec: &PropertySpec, run: &Run, admitted: &[bool]) -> Result<(), String> {
    let l = spec.limit as usize;
    let count = |range: std::ops::Range<usize>| admitted[range].iter().filter(|a| **a).count();
    match spec.property.as_str() {
        "burst" => {
            let got = count(0..l + 1);
            if admitted[..l].iter().all(|a| *a) && !admitted[l] {
                return Ok(());
            }
            Err(format!("{} requests for a fresh key at t={T0}: {got} admitted, expected exactly {l}", l + 1))
        }
        "isolation" => {
            let others = admitted.len() - (l + 1);
            let got = count(l + 1..admitted.len());
            if count(0..l + 1) == l && got == others {
                return Ok(());
            }
            Err(format!(
                "key 'a' used its {l} requests at t={T0}; then other keys sent {others} at the same instant and {got} were admitted"
            ))
        }
        "recovery" => {
            let second = count(l + 1..2 * l + 2);
            if second == l && !admitted[2 * l + 1] {
                return Ok(());
            }
            let when = run.requests[l + 1].1;
            Err(format!("key exhausted at t={T0}; after {:.2}s idle, {} requests at t={when}: {second} admitted, expected {l}", when - T0, l + 1))
        }
        "span" => {
            let worst = max_in_span(run, admitted);
            if worst <= 2 * l {
                return Ok(());
            }
            Err(format!("{worst} requests admitted within one window of {}s (limit {l}, at most {} allowed)", run.window, 2 * l))
        }
        _ => {
            let windows = spec.seconds.unwrap_or(5);
            let got = count(0..admitted.len());
            let (most, least) = (l * (windows + 1), l * windows / 2);
            if (least..=most).contains(&got) {
                return Ok(());
            }
            Err(format!(
                "{} requests over {windows} windows at twice the limit: {got} admitted, expected between {least} and {most}",
                admitted.len()
            ))
        }
    }
}

/// The most admitted requests in any half-open span of one window.
fn max_in_span(run: &Run, admitted: &[bool]) -> usize {
    let times: Vec<f64> = run.requests.iter().zip(admitted).filter(|(_, a)| **a).map(|((_, t), _)| *t).collect();
    let mut best = 0;
    let mut start = 0;
    for end in 0..times.len() {
        while times[end] - times[start] >= run.window - 1e-9 {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}

/// Runs the visible example traces. Expected decisions come from an exact sliding count: the examples
/// are chosen so every sound algorithm agrees with it.
pub(crate) fn run_examples(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<(StepReport, Vec<ExampleResult>, u64), SandboxError> {
    let runs: Vec<Run> = problem.examples.iter().filter_map(|c| if let CaseInput::Trace(t) = &c.input { Some(trace_run(t)) } else { None }).collect();
    let (load, per_run, fuel) = replay(sandbox, problem, source, &runs)?;
    let results = problem
        .examples
        .iter()
        .zip(&runs)
        .zip(&per_run)
        .map(|((case, run), steps)| {
            let expected = models::SlidingLog.decide(run);
            let input = run.requests.iter().map(|(k, t)| format!("allow({k:?}, {t})")).collect::<Vec<_>>().join(", ");
            let shown = |d: &[bool]| format!("{d:?}").replace("true", "True").replace("false", "False");
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
    Ok((load, results, fuel))
}

/// Grades a rate limiter: examples, property tests, then the analysis.
pub(crate) fn grade(sandbox: &Sandbox, problem: &Problem, source: &str, options: &Options) -> Result<Report, SandboxError> {
    let (load, examples, mut fuel) = run_examples(sandbox, problem, source)?;
    let specs: Vec<(&Case, &PropertySpec)> =
        problem.tests.iter().filter_map(|c| if let CaseInput::Property(p) = &c.input { Some((c, p)) } else { None }).collect();
    let runs: Vec<Run> = specs.iter().map(|(_, s)| property_run(s)).collect();
    let (_, per_run, test_fuel) = replay(sandbox, problem, source, &runs)?;
    fuel += test_fuel;
    let mut failed = Vec::new();
    let mut passed = Vec::new();
    let mut properties = Vec::new();
    for (((case, spec), run), steps) in specs.iter().zip(&runs).zip(&per_run) {
        let result = match decisions(steps) {
            Ok(admitted) => check(spec, run, &admitted).map_err(|why| (FailureKind::Property, why, None, None)),
            Err(step) => {
                let m = judge::failed(&step.outcome);
                Err((m.kind, m.error.clone().unwrap_or_default(), m.error, m.line))
            }
        };
        passed.push(result.is_ok());
        properties.push(Property {
            name: case.name.clone(),
            ok: result.is_ok(),
            counterexample: result.as_ref().err().map(|e| e.1.clone()),
        });
        if let Err((kind, why, error, line)) = result {
            failed.push(FailedTest {
                category: case.category.clone(),
                name: case.name.clone(),
                kind,
                input: format!("RateLimiter({}, {}) with {} requests", run.limit, run.window, run.requests.len()),
                shrunk_input: None,
                expected: format!("the '{}' property holds", spec.property),
                actual: why,
                error,
                line,
                fuel: steps.iter().map(|s| s.fuel).sum(),
            });
        }
    }
    let loaded = matches!(load.outcome, Outcome::Returned { .. });
    let verdict = verdict_of(&load, &failed);
    let analysis = if loaded && options.probes && verdict != Verdict::MissingEntry {
        let (analysis, analysis_fuel) = analyse(sandbox, problem, source, properties)?;
        fuel += analysis_fuel;
        Some(analysis)
    } else {
        None
    };
    let mut report = Report {
        problem: problem.id.clone(),
        verdict,
        load_error: load_error(&load),
        examples,
        tests: summary(problem, &passed, failed),
        findings: Vec::new(),
        complexity: None,
        rate_limiter: analysis,
        score: Score { suggested: 1, reasons: Vec::new() },
        follow_ups: Vec::new(),
        fuel_total: fuel,
    };
    score::assess(problem, &mut report);
    Ok(report)
}

/// Separating traces, model matching, and cost.
fn analyse(sandbox: &Sandbox, problem: &Problem, source: &str, properties: Vec<Property>) -> Result<(RateLimiterAnalysis, u64), SandboxError> {
    let (l, w) = (4i64, 1.0f64);
    let runs = separating_traces(l, w);
    let behaviours = behaviours(l, w);
    let all: Vec<Run> = runs.iter().chain(behaviours.iter().map(|b| &b.run)).cloned().collect();
    let (_, per_run, mut fuel) = replay(sandbox, problem, source, &all)?;
    let (per_run, behaviour_steps) = per_run.split_at(runs.len());
    let observed: Vec<Option<Vec<bool>>> = per_run.iter().map(|s| decisions(s).ok()).collect();
    let mut properties = properties;
    properties.extend(behaviours.iter().zip(behaviour_steps).map(|(b, steps)| {
        let held = decisions(steps).map_err(|s| s.outcome.summary()).and_then(|got| (b.check)(&b.run, &got));
        Property { name: format!("analysis: {}", b.name), ok: held.is_ok(), counterexample: held.err() }
    }));
    // Each model at the stated limit and one above it: an off-by-one limiter is still its family.
    let mut best = ("unknown", usize::MAX, l);
    let mut total = 0;
    for (model, limit) in models::ALL.iter().flat_map(|m| [(m, l), (m, l + 1)]) {
        let mut diverged = 0;
        total = 0;
        for (run, got) in runs.iter().zip(&observed) {
            let want = model.decide(&Run { limit, window: run.window, requests: run.requests.clone() });
            total += want.len();
            diverged += match got {
                Some(got) => want.iter().zip(got).filter(|(a, b)| a != b).count(),
                None => want.len(),
            };
        }
        if diverged < best.1 {
            best = (model.name(), diverged, limit);
        }
    }
    // A model that disagrees on more than a tenth of the decisions is not the candidate's algorithm.
    let algorithm = if best.1 * 10 <= total { best.0 } else { "unknown" };
    let mut ratio: f64 = 0.0;
    let mut false_rejections = 0;
    let mut first_false_rejection = None;
    for ((run, got), name) in runs.iter().zip(&observed).zip(TRACE_NAMES) {
        if let Some(got) = got {
            ratio = ratio.max(max_in_span(run, got) as f64 / run.limit as f64);
            let exact = models::SlidingLog.decide(run);
            let refused: Vec<usize> = (0..got.len()).filter(|&i| exact[i] && !got[i]).collect();
            false_rejections += refused.len();
            if let (None, Some(&i)) = (&first_false_rejection, refused.first()) {
                let t = run.requests[i].1;
                let before = run.requests[..i].iter().zip(got).filter(|((_, s), a)| **a && *s > t - run.window).count();
                first_false_rejection = Some(format!(
                    "'{name}': the request at t=+{:.3}s was refused with only {before} admitted in the window before it (limit {})",
                    t - T0,
                    run.limit
                ));
            }
        }
    }
    properties.push(Property {
        name: "analysis: refuses nothing an exact sliding count would admit".into(),
        ok: first_false_rejection.is_none(),
        counterexample: first_false_rejection,
    });
    let nearest = models::ALL.iter().find(|m| m.name() == best.0);
    let traces = runs
        .iter()
        .zip(&observed)
        .zip(TRACE_NAMES)
        .map(|((run, got), name)| TraceReplay {
            name: name.to_string(),
            limit: run.limit,
            window: run.window,
            times: run.requests.iter().map(|(_, t)| ((t - T0) * 1000.0).round() / 1000.0).collect(),
            admitted: got.clone().unwrap_or_default(),
            model: nearest
                .map(|m| m.decide(&Run { limit: best.2, window: run.window, requests: run.requests.clone() }))
                .unwrap_or_default(),
        })
        .collect();
    let (per_call_cost, cost_fuel) = per_call_cost(sandbox, problem, source)?;
    fuel += cost_fuel;
    let (memory_per_key, memory_fuel) = memory_per_key(sandbox, problem, source)?;
    fuel += memory_fuel;
    let analysis = RateLimiterAnalysis {
        algorithm: algorithm.to_string(),
        limit_offset: if algorithm == "unknown" { 0 } else { best.2 - l },
        divergences: best.1.min(total),
        decisions: total,
        max_in_window_ratio: (ratio * 100.0).round() / 100.0,
        false_rejections,
        per_call_cost,
        memory_per_key,
        properties,
        traces,
        static_signals: static_signals(source),
    };
    Ok((analysis, fuel))
}

/// Behaviour the statement describes beyond the hidden tests: what it is, its trace, and its check (`Err`
/// holds the counterexample in words). A weighted sliding-window counter misses the first two by design,
/// and the statement accepts that design, so these inform and never decide the verdict.
struct Behaviour {
    name: &'static str,
    run: Run,
    check: fn(&Run, &[bool]) -> Result<(), String>,
}

fn behaviours(l: i64, w: f64) -> [Behaviour; 2] {
    let k = || "k".to_string();
    let boundary = (0..l).map(|_| (k(), T0)).chain((0..=l).map(|_| (k(), T0 + w))).collect();
    let step = 1.05 * w / l as f64;
    let steady = (0..5 * l).map(|i| (k(), T0 + i as f64 * step)).collect();
    [
        Behaviour {
            name: "capacity is back exactly one window after a burst (the statement's boundary rule)",
            run: Run { limit: l, window: w, requests: boundary },
            check: capacity_back_after_one_window,
        },
        Behaviour {
            name: "steady traffic just under the limit is all admitted",
            run: Run { limit: l, window: w, requests: steady },
            check: steady_traffic_admitted,
        },
    ]
}

/// `limit` requests at once, then `limit + 1` exactly one window later: `limit` of those are admitted.
fn capacity_back_after_one_window(run: &Run, admitted: &[bool]) -> Result<(), String> {
    let l = run.limit as usize;
    let got = admitted[l..].iter().filter(|a| **a).count();
    if got == l {
        return Ok(());
    }
    Err(format!("{l} requests at t=0, then {} at exactly t={}: {got} of them admitted, expected {l}", l + 1, run.window))
}

/// Evenly spaced requests a little under the limit's rate: every one is admitted.
fn steady_traffic_admitted(run: &Run, admitted: &[bool]) -> Result<(), String> {
    let Some(i) = admitted.iter().position(|a| !a) else { return Ok(()) };
    let t = run.requests[i].1;
    let before = run.requests[..i].iter().filter(|(_, s)| *s > t - run.window).count();
    Err(format!(
        "one request every {:.3}s (limit {} per {}s): the one at t=+{:.3}s was refused with {before} in the window before it",
        run.requests[1].1 - run.requests[0].1,
        run.limit,
        run.window,
        t - T0
    ))
}

/// What each separating trace probes, in the order `separating_traces` builds them.
const TRACE_NAMES: [&str; 6] = [
    "boundary burst: limit just before and just after a window boundary",
    "burst, then one request every window/limit",
    "burst mid-window, then single requests across the next window",
    "half a window apart, then a burst after the first request's window",
    "anchoring: a late request, then bursts after the aligned boundary",
    "partial refill: exhaust, then requests at fractions of a window",
];

/// Traces on which the four families decide differently (fresh key per trace).
fn separating_traces(l: i64, w: f64) -> Vec<Run> {
    let k = || "k".to_string();
    let at = |times: Vec<f64>| Run { limit: l, window: w, requests: times.into_iter().map(|t| (k(), t)).collect() };
    let burst = |t: f64| (0..l).map(move |_| t);
    vec![
        // Boundary: l just before T0 + w, l just after.
        at(burst(T0 + w - 0.01).chain(burst(T0 + w + 0.01)).collect()),
        // l at once, then one every w / l for two windows.
        at(burst(T0).chain((1..=2 * l).map(|i| T0 + i as f64 * w / l as f64)).collect()),
        // l mid-window, then single requests across the next window: the weighted counter's estimate.
        at(burst(T0 + 0.5).chain((0..8).map(|i| T0 + w + 0.05 + i as f64 * 0.125)).collect()),
        // One request, the rest half a window later, then a burst after the first request's window.
        at(std::iter::once(T0 + 0.3).chain((1..l).map(|_| T0 + 0.8)).chain(burst(T0 + 1.4)).collect()),
        // Anchoring: a request late in the first window, then a burst just after the aligned boundary.
        at(std::iter::once(T0 + 0.9).chain(burst(T0 + w + 0.05)).chain(burst(T0 + 1.85)).collect()),
        // Partial refill: exhaust, then requests at fractions of a window.
        at(burst(T0).chain([0.3, 0.55, 0.8, 1.05, 1.3, 1.6, 2.0, 2.02].map(|d| T0 + d)).collect()),
    ]
}

/// Mean fuel per `allow` in steady state at two limits 100 times apart (a full window of requests, then
/// one request as each old one leaves the window), and early and late in a long trace at the small limit.
/// The limits per-call cost is measured at. 100 times apart is enough: shifting a list of 1,000 entries
/// (`list.pop(0)`) adds about 40% to a call, where an O(1) limiter's cost moves by about 1%.
const SMALL_LIMIT: i64 = 10;
const LARGE_LIMIT: i64 = 1000;

fn per_call_cost(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<(PerCallCost, u64), SandboxError> {
    const STEADY: usize = 400;
    const LONG: usize = 4 * STEADY;
    let steady = |limit: i64, calls: usize| {
        let step = 1.0 / limit as f64;
        let fill = (0..limit).map(|i| ("k".to_string(), T0 + i as f64 * step));
        let next = (0..calls).map(|i| ("k".to_string(), T0 + 1.0 + i as f64 * step));
        Run { limit, window: 1.0, requests: fill.chain(next).collect() }
    };
    let runs = [steady(SMALL_LIMIT, LONG), steady(LARGE_LIMIT, STEADY)];
    // Stretches of `STEADY` requests after the window's fill, so that each mean below is one step's.
    let stretches = |run: &Run| (0..=LONG / STEADY).map(|i| run.limit as usize + i * STEADY).collect();
    let (_, per_run, fuel) = replay_in_stretches(sandbox, problem, source, &runs, stretches)?;
    // Mean over a stretch of calls; a call that did not return counts as not measured, not as free.
    let mean = |steps: &[StepReport]| {
        let returned: Vec<u64> = steps.iter().filter(|s| s.outcome.value().is_some()).map(|s| s.fuel).collect();
        returned.iter().sum::<u64>() / returned.len().max(1) as u64
    };
    let long = &per_run[0];
    let early = mean(&long[long.len() - LONG..long.len() - LONG + STEADY]);
    let small = mean(&long[long.len() - STEADY..]);
    let large = mean(&per_run[1][per_run[1].len() - STEADY..]);
    // Growth along one trace at one limit comes first: the large-limit run has also seen more requests.
    // Shifting or filtering a list of `limit` entries shows even when it runs at C speed.
    let class = if small as f64 > early as f64 * 1.25 {
        "O(requests)"
    } else if large as f64 > small as f64 * 1.25 {
        "O(limit)"
    } else {
        "O(1)"
    };
    let native = (crate::complexity::FUEL_PER_NATIVE_SECOND / large.max(1) as f64) as u64;
    Ok((
        PerCallCost {
            class: class.into(),
            small_limit: SMALL_LIMIT,
            large_limit: LARGE_LIMIT,
            fuel_small_limit: small,
            fuel_large_limit: large,
            fuel_early_in_trace: early,
            requests_in_trace: long.len() - 1,
            native_requests_per_second: native,
            meets_1000_per_second: native >= 10_000,
        },
        fuel,
    ))
}

/// One request for each of `KEYS` keys, then, twenty windows later, one for each of `KEYS` new keys,
/// with live allocations traced: the first batch gives bytes per key, the second whether idle keys go.
fn memory_per_key(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<(Option<MemoryPerKey>, u64), SandboxError> {
    const KEYS: usize = 100;
    let Entry::Class { class, method } = &problem.entry else { unreachable!("rate limiter problems name a class") };
    let batch = |t: f64, tag: &str| (0..KEYS).map(move |i| (format!("{tag}-{i}"), t)).collect::<Vec<_>>();
    let requests = [batch(T0, "early"), batch(T0 + 20.0, "late")].concat();
    let run = Run { limit: 5, window: 1.0, requests };
    let job = Job { trace_live: true, fuel_per_step: Some(problem.fuel_per_test), ..Job::new(source, run.calls(class, method, 0)) };
    let report = sandbox.run(&job)?;
    let live: Vec<Option<u64>> = report.calls.iter().map(|c| c.memory_live).collect();
    let (Some(Some(first)), Some(Some(early)), Some(Some(late))) = (live.get(1), live.get(KEYS), live.get(2 * KEYS)) else {
        return Ok((None, report.total_fuel));
    };
    let per_key = early.saturating_sub(*first) / (KEYS as u64 - 1);
    let again = late.saturating_sub(*early) / KEYS as u64;
    let released = per_key > 0 && again * 2 < per_key;
    let growth = [1, KEYS / 8, KEYS / 4, KEYS / 2, KEYS]
        .into_iter()
        .filter_map(|keys| live.get(keys).copied().flatten().map(|bytes| (keys, bytes)))
        .collect();
    Ok((Some(MemoryPerKey { bytes_per_key: per_key, idle_keys_released: released, keys: KEYS, growth }), report.total_fuel))
}

/// Read from the source text and labelled as such: never used for the algorithm or the verdict.
fn static_signals(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    if source.contains("Lock(") || source.contains("RLock(") {
        out.push("static: a lock guards shared state".into());
    } else {
        out.push("static: no lock; concurrent callers could race on shared state".into());
    }
    if ["time.time(", "time.monotonic(", "perf_counter(", "datetime.now("].iter().any(|c| source.contains(c)) {
        out.push("static: reads a real clock instead of (or besides) the `now` argument".into());
    }
    out
}

/// Reference models of the standard algorithms, for `limit` per `window`.
mod models {
    use super::Run;
    use std::collections::{HashMap, VecDeque};

    pub(super) trait Model {
        fn name(&self) -> &'static str;
        fn decide(&self, run: &Run) -> Vec<bool>;
    }

    pub(super) const ALL: [&dyn Model; 5] =
        [&FixedWindow, &AnchoredWindow, &SlidingLog, &SlidingWindowCounter, &TokenBucket];

    pub(super) struct FixedWindow;
    /// A fixed window that starts at the key's first request instead of at multiples of the window.
    pub(super) struct AnchoredWindow;
    pub(super) struct SlidingLog;
    pub(super) struct SlidingWindowCounter;
    pub(super) struct TokenBucket;

    impl Model for FixedWindow {
        fn name(&self) -> &'static str {
            "fixed_window"
        }
        fn decide(&self, run: &Run) -> Vec<bool> {
            let mut state: HashMap<&str, (i64, i64)> = HashMap::new();
            run.requests
                .iter()
                .map(|(key, now)| {
                    let id = (now / run.window).floor() as i64;
                    let entry = state.entry(key).or_insert((id, 0));
                    if entry.0 != id {
                        *entry = (id, 0);
                    }
                    entry.1 += 1;
                    entry.1 <= run.limit
                })
                .collect()
        }
    }

    impl Model for AnchoredWindow {
        fn name(&self) -> &'static str {
            "fixed_window"
        }
        fn decide(&self, run: &Run) -> Vec<bool> {
            let mut state: HashMap<&str, (f64, i64)> = HashMap::new();
            run.requests
                .iter()
                .map(|(key, now)| {
                    let entry = state.entry(key).or_insert((*now, 0));
                    if now - entry.0 >= run.window {
                        *entry = (*now, 0);
                    }
                    entry.1 += 1;
                    entry.1 <= run.limit
                })
                .collect()
        }
    }

    impl Model for SlidingLog {
        fn name(&self) -> &'static str {
            "sliding_log"
        }
        fn decide(&self, run: &Run) -> Vec<bool> {
            let mut logs: HashMap<&str, VecDeque<f64>> = HashMap::new();
            run.requests
                .iter()
                .map(|(key, now)| {
                    let log = logs.entry(key).or_default();
                    while log.front().is_some_and(|t| now - t >= run.window) {
                        log.pop_front();
                    }
                    let ok = (log.len() as i64) < run.limit;
                    if ok {
                        log.push_back(*now);
                    }
                    ok
                })
                .collect()
        }
    }

    impl Model for SlidingWindowCounter {
        fn name(&self) -> &'static str {
            "sliding_window_counter"
        }
        fn decide(&self, run: &Run) -> Vec<bool> {
            let mut state: HashMap<&str, (i64, f64, f64)> = HashMap::new();
            run.requests
                .iter()
                .map(|(key, now)| {
                    let id = (now / run.window).floor() as i64;
                    let (win, prev, cur) = state.entry(key).or_insert((id, 0.0, 0.0));
                    if *win != id {
                        *prev = if id == *win + 1 { *cur } else { 0.0 };
                        *cur = 0.0;
                        *win = id;
                    }
                    let elapsed = (now - id as f64 * run.window) / run.window;
                    let estimate = *prev * (1.0 - elapsed) + *cur;
                    let ok = estimate < run.limit as f64 - 1e-9;
                    if ok {
                        *cur += 1.0;
                    }
                    ok
                })
                .collect()
        }
    }

    impl Model for TokenBucket {
        fn name(&self) -> &'static str {
            "token_bucket"
        }
        fn decide(&self, run: &Run) -> Vec<bool> {
            let cap = run.limit as f64;
            let rate = cap / run.window;
            let mut state: HashMap<&str, (f64, f64)> = HashMap::new();
            run.requests
                .iter()
                .map(|(key, now)| {
                    let (tokens, last) = state.entry(key).or_insert((cap, *now));
                    *tokens = (*tokens + (now - *last) * rate).min(cap);
                    *last = *now;
                    let ok = *tokens >= 1.0 - 1e-9;
                    if ok {
                        *tokens -= 1.0;
                    }
                    ok
                })
                .collect()
        }
    }
}
