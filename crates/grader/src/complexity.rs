//! Timing probes: how a submission's exact cost grows with its input, and the class that growth names.
//!
//! Sizes run arithmetic at small n (to see exponential growth early) and then geometric (doubling), up to
//! the problem's largest probe size. Every family is run at every size and the worst cost kept; the fixed
//! cost of a call on an empty input is subtracted. Cheap sizes share a store (a fresh store costs more
//! than their calls). The phase has a fuel budget: growth stops when the next sizes are predicted to
//! exceed what is left, and running out is itself evidence. Probe answers are checked too.

use crate::fit;
use crate::grade::expected_for;
use catalog::{Entry, Problem};
use runner::{Call, Job, Outcome, Sandbox, SandboxError, Value};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Fuel for the whole probe phase of one submission.
pub const PROBE_BUDGET: u64 = 1_500_000_000;
/// Native CPython runs about this much guest fuel per second: `cargo bench -p grader` prints the figure
/// (1.63e10 on this machine kind, CPython 3.11 against the guest's 3.14).
pub const FUEL_PER_NATIVE_SECOND: f64 = 1.6e10;

/// One measured size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Input size.
    pub n: u64,
    /// Fuel of the worst family's call, fixed overhead subtracted.
    pub fuel: u64,
    /// Peak Python allocation of that call, in bytes; measured at every other size, from the largest down
    /// (`None` at the sizes between).
    pub memory: Option<u64>,
    /// The family that cost the most at this size.
    pub family: String,
}

/// The cost at the statement's largest input, extrapolated, beside the reference solution's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extrapolation {
    /// The statement's largest n.
    pub n: u64,
    /// The submission's predicted fuel there.
    pub fuel: f64,
    /// The reference solution's predicted fuel there.
    pub reference_fuel: f64,
    /// `fuel / reference_fuel`.
    pub ratio: f64,
    /// The submission's predicted time in native CPython, in seconds.
    pub native_seconds: f64,
}

/// The measured complexity of a submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Complexity {
    /// Time class, one of `fit::CLASSES`.
    pub time: String,
    /// The next most likely time class.
    pub runner_up: Option<String>,
    /// True when the data cannot separate `time` and `runner_up`.
    pub ambiguous: bool,
    /// 0 to 1.
    pub confidence: f64,
    /// Each growth term's share of the fitted cost at the largest n, largest first.
    pub term_shares: Vec<(String, f64)>,
    /// Space class (peak allocation growth).
    pub space: String,
    /// The measured points, smallest n first.
    pub points: Vec<Point>,
    /// The reference solution's points, for plotting beside these.
    pub reference_points: Vec<Point>,
    /// The largest n measured.
    pub largest_n: u64,
    /// Whether growth stopped because the budget ran out (a lower bound on the cost).
    pub budget_exhausted: bool,
    /// The size whose call used up its share of the budget, if one did.
    pub stopped_at: Option<u64>,
    /// Cost at the statement's largest n compared with the reference.
    pub extrapolation: Option<Extrapolation>,
    /// Probe calls whose answer was wrong (a fast wrong answer is not fast).
    pub wrong_answers: usize,
    /// Fuel spent on probes.
    pub fuel_total: u64,
}

/// A probe run's curve before classification.
struct Curve {
    points: Vec<Point>,
    budget_exhausted: bool,
    stopped_at: Option<u64>,
    wrong: usize,
    fuel: u64,
}

/// Measures `source` on the problem's probe families.
pub fn measure(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<Complexity, SandboxError> {
    let curve = probe(sandbox, problem, source)?;
    let reference = reference_curve(sandbox, problem)?;
    let time_fit = fit::classify(&as_pairs(&curve.points));
    let space = classify_space(&curve.points);
    let extrapolation = match (&time_fit, fit::classify(&as_pairs(&reference))) {
        // An exponential fit predicts no finite cost at the statement's size: nothing to compare.
        (Some(mine), Some(theirs)) if mine.predict(problem.max_n as f64).is_finite() => {
            let n = problem.max_n as f64;
            let (fuel, reference_fuel) = (mine.predict(n), theirs.predict(n).max(1.0));
            Some(Extrapolation {
                n: problem.max_n,
                fuel: fuel.round(),
                reference_fuel: reference_fuel.round(),
                ratio: (fuel / reference_fuel * 10.0).round() / 10.0,
                native_seconds: fuel / FUEL_PER_NATIVE_SECOND,
            })
        }
        _ => None,
    };
    let term_shares = time_fit.as_ref().map(|f| f.term_shares.iter().map(|(t, s)| (t.to_string(), *s)).collect()).unwrap_or_default();
    let (time, runner_up, ambiguous, confidence) = match &time_fit {
        Some(f) => (f.label.to_string(), f.runner_up.map(str::to_string), f.ambiguous, f.confidence),
        None => ("unknown".to_string(), None, true, 0.0),
    };
    Ok(Complexity {
        time,
        runner_up,
        ambiguous,
        confidence,
        term_shares,
        space,
        largest_n: curve.points.last().map_or(0, |p| p.n),
        points: curve.points,
        reference_points: reference,
        budget_exhausted: curve.budget_exhausted,
        stopped_at: curve.stopped_at,
        extrapolation,
        wrong_answers: curve.wrong,
        fuel_total: curve.fuel,
    })
}

/// Peak allocation grows in steps (hash tables and lists resize by factors), which defeats a term-by-term
/// fit; the slope from the smallest to the largest measured size, over two or more decades, does not.
fn classify_space(points: &[Point]) -> String {
    let measured: Vec<(u64, u64)> = points.iter().filter(|p| p.n >= 16).filter_map(|p| Some((p.n, p.memory?))).collect();
    let (Some(&(first_n, first)), Some(&(last_n, last))) = (measured.first(), measured.last()) else { return "unknown".into() };
    if last < 4096 {
        return "O(1)".into();
    }
    let slope = ((last as f64 + 64.0) / (first as f64 + 64.0)).ln() / (last_n as f64 / first_n as f64).ln();
    let class = match slope {
        s if s < 0.15 => "O(1)",
        s if s < 0.6 => "O(log n)",
        s if s < 1.5 => "O(n)",
        s if s < 2.5 => "O(n^2)",
        _ => "O(n^3)",
    };
    class.into()
}

fn as_pairs(points: &[Point]) -> Vec<(f64, f64)> {
    points.iter().map(|p| (p.n as f64, p.fuel.max(1) as f64)).collect()
}

/// The sizes to try, up to the statement's largest n.
fn sizes(max_n: u64) -> Vec<u64> {
    let mut out: Vec<u64> = (1..=7).map(|i| 2 * i).collect();
    let mut n = 16.0f64;
    while (n as u64) <= max_n {
        out.push(n.round() as u64);
        n *= 2.0;
    }
    out
}

/// Sizes up to this run together first, before any cost is known: small enough that even exponential
/// code finishes them quickly.
const FIRST_BATCH_MAX_N: u64 = 16;
/// Further sizes share a store while their predicted fuel together stays under this: a fresh store
/// costs more than the small calls it would hold.
const BATCH_FUEL: u64 = 250_000_000;

/// How the cost of one size (all families, harness included) grows: the slope is taken over at least a
/// doubling of n (between close small sizes, fixed costs and noise would make it swing).
#[derive(Clone, Copy)]
struct Growth {
    /// The latest size and its fuel: predictions start here.
    n: u64,
    fuel: u64,
    /// The size and fuel the slope was last measured from.
    anchor: (u64, u64),
    power: f64,
}

impl Growth {
    /// Predicted fuel of size `n`, erring high: half a power above the measured slope.
    fn predict(&self, n: u64) -> u64 {
        (self.fuel as f64 * (n as f64 / self.n as f64).powf(self.power + 0.5)).min(1e18) as u64
    }

    fn after(previous: Option<Growth>, n: u64, fuel: u64) -> Growth {
        let fuel = fuel.max(1);
        let slope = |(an, af): (u64, u64)| ((fuel as f64 / af as f64).ln() / (n as f64 / an as f64).ln()).clamp(1.0, 8.0);
        match previous {
            Some(p) if n >= 2 * p.anchor.0 => Growth { n, fuel, anchor: (n, fuel), power: slope(p.anchor) },
            Some(p) => Growth { n, fuel, ..p },
            None => Growth { n, fuel, anchor: (n, fuel), power: 2.0 },
        }
    }
}

fn probe(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<Curve, SandboxError> {
    let Entry::Function { function } = &problem.entry else {
        return Ok(Curve { points: vec![], budget_exhausted: false, stopped_at: None, wrong: 0, fuel: 0 });
    };
    let call = |arg: Value| Call::function(function, vec![arg]);
    let families = problem.probes.len();
    let sizes = sizes(problem.probe_max_n);
    let mut curve = Curve { points: vec![], budget_exhausted: false, stopped_at: None, wrong: 0, fuel: 0 };
    let mut spent = 0u64;
    // The baseline is the fixed cost of a call: the first store's call on the empty input.
    // A submission that wastes fuel on the empty input (to flatten its curve) gets a baseline no larger
    // than its cheapest probe call.
    let mut baseline = u64::MAX;
    let mut growth: Option<Growth> = None;
    let mut worst_families = Vec::new();
    // The memory run after the loop repeats each size's worst call: its cost is set aside as sizes grow.
    let mut reserved = 0u64;
    let mut next = 0;
    'batches: while next < sizes.len() {
        let mut batch = Vec::new();
        let mut predicted = 0u64;
        while let Some(&n) = sizes.get(next) {
            let cost = match growth {
                Some(g) => g.predict(n),
                None if n <= FIRST_BATCH_MAX_N => 0,
                None => break,
            };
            if !batch.is_empty() && predicted.saturating_add(cost) > BATCH_FUEL {
                break;
            }
            batch.push(n);
            predicted = predicted.saturating_add(cost);
            next += 1;
        }
        if batch.is_empty() {
            break;
        }
        // Each call gets an equal share of what is left, and one family may cost its whole size: the
        // batch must fit in what is left, and its largest size in one share.
        let left = PROBE_BUDGET.saturating_sub(spent + reserved).max(1);
        let share = left / families as u64;
        if let Some(g) = growth
            && (predicted > left || batch.last().is_some_and(|&n| g.predict(n) > share))
        {
            curve.budget_exhausted = true;
            break;
        }
        let first = baseline == u64::MAX;
        // Every store starts with one discarded call per family, so that each measured call finds the
        // interpreter equally warm (bytecode specialised, caches filled), whichever store it runs in.
        let warm_n = batch[0].min(FIRST_BATCH_MAX_N) as usize;
        let mut inputs: Vec<Value> = problem.probes.iter().map(|f| f.generate.build_at(warm_n)).collect();
        if first {
            inputs.push(problem.probes[0].generate.build_at(0));
        }
        for &n in &batch {
            inputs.extend(problem.probes.iter().map(|f| f.generate.build_at(n as usize)));
        }
        let job = Job {
            fuel_per_step: Some(share),
            ..Job::new(source, inputs.into_iter().map(call).collect())
        };
        let run = sandbox.run(&job)?;
        spent += run.total_fuel;
        let mut steps = run.calls.iter();
        if steps.by_ref().take(families).any(|c| c.outcome.ran_out_of_time()) {
            curve.budget_exhausted = true;
            curve.stopped_at = Some(batch[0]);
            break;
        }
        if first {
            baseline = steps.next().map_or(0, |c| c.fuel);
        }
        let mut inputs = job.calls.iter().map(|c| &c.args()[0]).skip(families + usize::from(first));
        for (index, &n) in batch.iter().enumerate() {
            let size: Vec<_> = steps.by_ref().take(families).collect();
            let size_inputs: Vec<&Value> = inputs.by_ref().take(families).collect();
            if size.iter().any(|c| c.outcome.ran_out_of_time()) {
                curve.budget_exhausted = true;
                curve.stopped_at = Some(n);
                break 'batches;
            }
            if size.first().is_none_or(|c| matches!(c.outcome, Outcome::NotRun)) {
                if index == 0 {
                    // The warm-up (a size no larger than this one) ended the store: nothing larger will run.
                    break 'batches;
                }
                // A call of an earlier size ended the store: the sizes from here on run again in a fresh one.
                next -= batch.len() - index;
                break;
            }
            for (input, step) in size_inputs.iter().zip(&size) {
                let expected = expected_for(problem, std::slice::from_ref(*input));
                if step.outcome.value() != Some(&expected) {
                    curve.wrong += 1;
                }
            }
            let size_fuel: u64 = size.iter().map(|c| c.fuel + c.harness_fuel).sum();
            growth = Some(Growth::after(growth, n, size_fuel));
            // Only calls that returned are costs of the algorithm; one that raised stopped part-way.
            let returned = size.iter().enumerate().filter(|(_, c)| matches!(c.outcome, Outcome::Returned { .. }));
            let Some((worst, step)) = returned.max_by_key(|(_, c)| c.fuel) else { continue };
            baseline = baseline.min(size.iter().map(|c| c.fuel).min().unwrap_or(0));
            reserved += step.fuel;
            curve.points.push(Point { n, fuel: step.fuel.saturating_sub(baseline), memory: None, family: problem.probes[worst].name.clone() });
            worst_families.push(worst);
        }
    }
    // Peak allocation of the worst family at every other size (from the largest down: a factor of 4, still
    // decades apart), in one run of its own so tracing never adds to fuel; tracing restarts at every
    // step, so each call's peak is its own. The answers were checked above: they are not sent back.
    let traced: Vec<usize> = (0..curve.points.len()).rev().step_by(2).rev().collect();
    if !traced.is_empty() {
        let calls = traced.iter().map(|&i| call(problem.probes[worst_families[i]].generate.build_at(curve.points[i].n as usize)));
        let traced_job = Job { trace_memory: true, discard_values: true, ..Job::new(source, calls.collect()) };
        let memory_run = sandbox.run(&traced_job)?;
        spent += memory_run.total_fuel;
        for (&i, step) in traced.iter().zip(&memory_run.calls) {
            curve.points[i].memory = step.memory_peak;
        }
    }
    curve.fuel = spent;
    Ok(curve)
}

/// The reference solution's curve, measured once per problem per process.
fn reference_curve(sandbox: &Sandbox, problem: &Problem) -> Result<Vec<Point>, SandboxError> {
    static CURVES: OnceLock<Mutex<HashMap<String, Vec<Point>>>> = OnceLock::new();
    let cache = CURVES.get_or_init(Default::default);
    if let Some(points) = cache.lock().expect("curve cache").get(&problem.id) {
        return Ok(points.clone());
    }
    let points = probe(sandbox, problem, &problem.reference)?.points;
    cache.lock().expect("curve cache").insert(problem.id.clone(), points.clone());
    Ok(points)
}
