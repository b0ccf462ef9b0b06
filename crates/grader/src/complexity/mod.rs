//! Timing probes: how a submission's exact cost grows with its input, and the class that growth names.
//!
//! - `probe`: sizes arithmetic at small n (to see exponential growth early), then doubling, up to the
//!   problem's largest probe size; every family at every size, the worst cost kept, the fixed cost of a
//!   call subtracted; cheap sizes share a store; a fuel budget, and running out is itself evidence;
//! - `fit`: the time class from the points; `space`: the space class from the heap's growth, which the
//!   host reads itself with the free heap filled before each measured call.
//!
//! Probe answers are judged like tests, against the reference solution's answers on the same inputs.

mod explain;
mod fit;
mod log_factor;
mod measured;
mod probe;
mod search;
mod space;

pub use explain::{Across, CostlyLines, GrowingLine, Growth, LineCost};
pub(crate) use explain::{Settings, explain, worked};
pub use fit::{Fit, classify};
pub use measured::Measured;
pub(crate) use probe::{Curve, probe};

use crate::calibration::FUEL_PER_NATIVE_SECOND;
use crate::options::GradeError;
use crate::references;
use catalog::{GrowthClass, Problem};
use runner::{Sandbox, Value};
use serde::{Deserialize, Serialize};
use std::sync::atomic::AtomicBool;

/// Fuel for the probe phase of one submission, per probe family: every family runs at every size, so a
/// problem with more families (more adversarial shapes) reaches the same sizes.
pub const PROBE_BUDGET_PER_FAMILY: u64 = 500_000_000;

/// One measured size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// Input size.
    pub n: u64,
    /// Fuel of the worst family's call, fixed overhead subtracted.
    pub fuel: u64,
    /// How far the heap grew during that call, in bytes, read by the host with the free heap filled
    /// first (so it is the call's peak allocation, in whole 64 KiB pages); measured at every other size,
    /// from the largest down (`None` at the sizes between).
    pub memory: Option<u64>,
    /// The family that cost the most at this size.
    pub family: String,
}

/// The heap's growth during one call at a size past the doubling sizes, measured for memory alone (its
/// fuel is not a point of the time curve): where a pointer per element fills pages the host can count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryPoint {
    /// Input size.
    pub n: u64,
    /// Bytes the heap grew by, as `Point::memory`.
    pub bytes: u64,
}

/// The costly shape the search found beyond the problem's own families, measured as one more of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorstCase {
    /// The shape, in words.
    pub shape: String,
    /// A small input of that shape as a function's arguments in JSON, to paste into Try an input.
    pub example: String,
}

/// Size of the example of a found shape: small enough to read, large enough to show the shape.
const EXAMPLE_N: usize = 24;

/// The cost at the statement's largest input, extrapolated, beside the reference solution's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Complexity {
    /// Time class (unknown when too few sizes were measured).
    pub time: Measured,
    /// The next most likely time class.
    pub runner_up: Option<GrowthClass>,
    /// True when the data cannot separate `time` and `runner_up`.
    pub ambiguous: bool,
    /// 0 to 1.
    pub confidence: f64,
    /// Each growth term's share of the fitted cost at the largest n, largest first.
    pub term_shares: Vec<(GrowthClass, f64)>,
    /// Space class (growth of the heap the host measured; unknown when too small to tell).
    pub space: Measured,
    /// The memory measured past the doubling sizes, if the code was fast enough to reach it.
    pub memory_reach: Option<MemoryPoint>,
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
    /// What the host found when a probe call's reply proved the harness rewritten, if one did.
    pub harness_rewritten: Option<String>,
    /// The costly shape the search found, if one grew clearly faster than the problem's own families and
    /// was the costliest input at the largest size measured.
    pub worst_case: Option<WorstCase>,
    /// Where the time goes, line by line, in a run of its own: an explanation, which decides nothing.
    #[serde(default)]
    pub costly_lines: Option<CostlyLines>,
    /// Fuel spent on probes.
    pub fuel_total: u64,
}

/// Measures `source` on the problem's probe families and names its growth, beside the reference
/// solution's curve; `None` when `call_off` was set before the probes were done.
pub(crate) fn measure(
    sandbox: &Sandbox,
    reference: &Curve,
    problem: &Problem,
    source: &str,
    salt: u64,
    call_off: &AtomicBool,
) -> Result<Option<Complexity>, GradeError> {
    let Some(curve) = probe(sandbox, problem, source, salt, true, call_off)? else { return Ok(None) };
    let wrong_answers = wrong_answers(sandbox, problem, &curve, reference, salt)?;
    let mut time_fit = classify(&as_pairs(&curve.points));
    if let Some(fit) = time_fit.as_mut() {
        separate_log_factor(fit, problem, &curve.points, &reference.points);
    }
    let time_fit = time_fit.map(|fit| fit::toward(fit, &as_pairs(&curve.points), problem.max_n as f64));
    let costly_lines =
        explain::costly_lines(sandbox, problem, source, salt, &curve, time_fit.as_ref().map(|f| f.class))?;
    let extrapolation = match (&time_fit, classify(&as_pairs(&reference.points))) {
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
    // Reported only where the shape is what the growth was measured on at the largest size.
    let largest = curve.points.last().map(|p| p.family.as_str());
    let worst_case = curve.searched.as_ref().filter(|f| largest == Some(f.name.as_str())).map(|family| WorstCase {
        shape: family.name.trim_start_matches(search::FOUND).to_string(),
        example: serde_json::Value::Array(vec![family.generate.build_at(EXAMPLE_N).to_json()]).to_string(),
    });
    Ok(Some(Complexity {
        time: time_fit.as_ref().map(|f| f.class).into(),
        runner_up: time_fit.as_ref().and_then(|f| f.runner_up),
        ambiguous: time_fit.as_ref().is_none_or(|f| f.ambiguous),
        confidence: time_fit.as_ref().map_or(0.0, |f| f.confidence),
        term_shares: time_fit.map(|f| f.term_shares).unwrap_or_default(),
        space: space::classify_space(&curve.points, curve.memory_reach).into(),
        memory_reach: curve.memory_reach,
        largest_n: curve.points.last().map_or(0, |p| p.n),
        points: curve.points,
        reference_points: reference.points.clone(),
        budget_exhausted: curve.budget_exhausted,
        stopped_at: curve.stopped_at,
        extrapolation,
        wrong_answers,
        harness_rewritten: curve.rewritten.clone(),
        worst_case,
        costly_lines,
        fuel_total: curve.fuel,
    }))
}

/// Where the fit's choice is between O(n) and O(n log n) and the reference is linear, the ratio to the
/// reference decides (see `log_factor`), and the label is ambiguous only when the sizes are too few.
fn separate_log_factor(fit: &mut Fit, problem: &Problem, points: &[Point], reference: &[Point]) {
    let pair = [GrowthClass::Linear, GrowthClass::Linearithmic];
    let close = pair.contains(&fit.class) && (fit.ambiguous || fit.runner_up.is_some_and(|r| pair.contains(&r)));
    if !close || problem.optimal.time != GrowthClass::Linear {
        return;
    }
    if let Some(decided) = log_factor::decide(points, reference) {
        let other = if decided.class == GrowthClass::Linear { GrowthClass::Linearithmic } else { GrowthClass::Linear };
        fit.class = decided.class;
        fit.runner_up = Some(other);
        fit.ambiguous = false;
        fit.confidence = decided.confidence;
    }
}

/// Probe calls whose answer differs from the reference's on the same input (a call that did not return
/// counts as wrong). Sizes the reference's own curve did not reach are answered by running it.
fn wrong_answers(
    sandbox: &Sandbox,
    problem: &Problem,
    curve: &Curve,
    reference: &Curve,
    salt: u64,
) -> Result<usize, GradeError> {
    let mut wrong = 0;
    let mut unknown: Vec<(usize, u64)> = Vec::new();
    for (key, got) in &curve.answers {
        match reference.answers.get(key) {
            Some(Some(want)) => wrong += usize::from(got.as_ref() != Some(want)),
            _ => unknown.push(*key),
        }
    }
    unknown.sort_unstable();
    let family = |f: usize| problem.probes.get(f).or(curve.searched.as_ref()).expect("a family probed");
    let inputs: Vec<Vec<Value>> =
        unknown.iter().map(|&(f, n)| vec![family(f).generate.build_salted(n as usize, salt)]).collect();
    let answers = references::answer(sandbox, problem, inputs)?;
    for (key, want) in unknown.iter().zip(&answers) {
        wrong += usize::from(curve.answers[key].as_ref() != Some(want));
    }
    Ok(wrong)
}

fn as_pairs(points: &[Point]) -> Vec<(f64, f64)> {
    points.iter().map(|p| (p.n as f64, p.fuel.max(1) as f64)).collect()
}
