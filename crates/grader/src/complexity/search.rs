//! The search for costly inputs. Fixed probe families always miss some slow shape, and fuel is exact, so
//! the worst case can be looked for: every structured shape (`catalog::Shape`: a repeat-free block in
//! one of a few arrangements, at a few block lengths) runs at two small sizes, compared with what the
//! problem's own families cost at those sizes in the probes, and the shape whose cost grows fastest
//! joins the probes as one more family when it grows clearly faster than every family does. A shape scales with n, so what was found at a small size is
//! then measured at growing sizes like any family. Deterministic: the shapes and sizes are fixed.

use catalog::{Arrangement, Block, Entry, Generator, Items, ProbeFamily, Problem, Shape};
use runner::{Call, Job, Outcome, Sandbox, SandboxError, StepReport, Value};
use std::sync::atomic::{AtomicBool, Ordering};

/// How the name of a family the search found begins, on the growth curve's points.
pub(crate) const FOUND: &str = "found by search: ";

/// The two sizes every shape runs at, a factor of four apart: large enough that a square term done at C
/// speed (a scan of the window for each item) shows in what a shape costs beyond the cheapest input.
const SMALL: usize = 512;
const LARGE: usize = 2_048;
/// Both sizes.
const SIZES: [usize; 2] = [SMALL, LARGE];
/// Fuel one call of the search may use at `LARGE` (a sixtieth of a native second): a shape that uses it
/// all grows at least that steeply.
const CALL_FUEL: u64 = 300_000_000;
/// Where a family's call at `SMALL` took more than this (about 40,000 a item, eight times what linear
/// code spends), the code is slow on the problem's own shapes, the probes show it, and there is no
/// search, so that slow code is not made slower to grade.
const SLOW_ALREADY: u64 = 20_000_000;
/// The block lengths and arrangements searched (a block simply repeated is what the problem's own
/// families are made of): a repeat at the window's end after a long block (the block reversed), and
/// items seen before but no longer in the window (the block's last item, then the block again), each
/// with a long block and a short one.
const BLOCKS: [Block; 2] = [Block::Half, Block::Root];
const ARRANGEMENTS: [Arrangement; 2] = [Arrangement::LastFirst, Arrangement::Mirror];
/// How much faster, as a power of n, a shape's extra cost must grow than every family's to be taken. A
/// square's extra cost reads about 1.8 between these sizes, a family's hash-table resizes up to 1.3; a
/// shape taken that grows no faster in the end costs a family's probes and is not reported (see
/// `Complexity::worst_case`).
const STEEPER: f64 = 0.3;
/// The least a shape's extra cost may be at the large size, as a share of the cheapest input's cost
/// there (one part in this many).
const MIN_SHARE: u64 = 20;

/// One input's cost at the two sizes.
#[derive(Clone, Copy)]
struct Cost {
    small: u64,
    large: u64,
}

impl Cost {
    /// The power of n the cost grew by between the two sizes.
    fn slope(self) -> f64 {
        (self.large.max(1) as f64 / self.small.max(1) as f64).ln() / (LARGE as f64 / SMALL as f64).ln()
    }
}

/// The shape whose extra cost grows fastest, as a probe family, when it grows clearly faster than the
/// problem's families' extra costs (`families_at`: each family's fuel at a size, as the probes measured
/// it; without both sizes, the probes stopped early and there is no search).
pub(crate) fn search(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    salt: u64,
    families_at: impl Fn(u64) -> Option<Vec<Option<u64>>>,
    call_off: &AtomicBool,
) -> Result<Option<ProbeFamily>, SandboxError> {
    let Entry::Function { function } = &problem.entry else { return Ok(None) };
    let Some(first) = problem.probes.first() else { return Ok(None) };
    let items = match first.generate.build_at(4) {
        Value::Str(_) => Items::Chars,
        Value::List(_) => Items::Ints,
        _ => return Ok(None),
    };
    let shapes: Vec<Shape> = BLOCKS
        .iter()
        .flat_map(|&block| ARRANGEMENTS.iter().map(move |&arrangement| Shape { block, arrangement, items }))
        .collect();
    let (Some(small_families), Some(large_families)) = (families_at(SMALL as u64), families_at(LARGE as u64)) else {
        return Ok(None);
    };
    // Code already slow on the problem's own shapes is left to the probes.
    if small_families.iter().any(|f| f.is_none_or(|f| f >= SLOW_ALREADY)) || call_off.load(Ordering::Relaxed) {
        return Ok(None);
    }
    let families = small_families.len();
    let call = |shape: &Shape, n: usize| {
        Call::function(function, vec![Generator::Shaped { n: None, shape: *shape }.build_salted(n, salt)])
    };
    // The warm-up is smaller than any measured input, so that no answer can be kept for a measured call.
    let warm = Call::function(function, vec![first.generate.build_salted(16, salt)]);
    let calls: Vec<Call> =
        SIZES.iter().flat_map(|&n| shapes.iter().map(move |shape| (shape, n))).map(|(s, n)| call(s, n)).collect();
    let mut shaped = fuel_of(sandbox, source, &warm, &calls, CALL_FUEL, call_off)?;
    let large_shapes = shaped.split_off(shapes.len());
    let small: Vec<Option<u64>> = small_families.iter().copied().chain(shaped).collect();
    let large: Vec<Option<u64>> = large_families.iter().copied().chain(large_shapes).collect();
    let costs: Vec<Option<Cost>> = small
        .iter()
        .zip(&large)
        // A call that ran out at the large size grew at least as steeply as its allowance says.
        .map(|(s, l)| s.map(|small| Cost { small, large: l.unwrap_or(CALL_FUEL) }))
        .collect();
    // What an input costs beyond the cheapest input of its size: the interpreter's per-item work, the
    // same on every shape, cancels, and what is left grows as the shape's own extra work does (a
    // square done at C speed shows as a square there long before it outweighs the per-item work).
    let cheapest = |size: fn(&Cost) -> u64| costs.iter().flatten().map(size).min().unwrap_or(0);
    let floor = Cost { small: cheapest(|c| c.small), large: cheapest(|c| c.large) };
    let excess = |c: &Cost| Cost { small: c.small - floor.small, large: c.large - floor.large };
    // Tiny differences are not growth: an extra cost counts only where it is a fair part of the cheapest
    // input's cost (a family's too, whose slope over a few hundred fuel would be noise).
    let fair = |e: &Cost| e.large * MIN_SHARE >= floor.large;
    let steepest_family =
        costs[..families].iter().flatten().map(excess).filter(fair).map(|e| e.slope()).fold(1.0, f64::max);
    let found = costs[families..]
        .iter()
        .zip(&shapes)
        .filter_map(|(cost, shape)| cost.map(|c| (excess(&c), shape)))
        .filter(|(e, _)| fair(e) && e.slope() >= steepest_family + STEEPER)
        .max_by(|(a, _), (b, _)| a.slope().total_cmp(&b.slope()).then(a.large.cmp(&b.large)));
    Ok(found.map(|(_, &shape)| ProbeFamily {
        name: format!("{FOUND}{}", shape.words()),
        generate: Generator::Shaped { n: None, shape },
    }))
}

/// Each call's fuel where it returned within `each` (a fresh store after any that ended its store), `None`
/// where it did not, or where the search was called off first. Every store starts with a discarded
/// warm-up call, so that each measured call finds the interpreter equally warm.
fn fuel_of(
    sandbox: &Sandbox,
    source: &str,
    warm: &Call,
    calls: &[Call],
    each: u64,
    call_off: &AtomicBool,
) -> Result<Vec<Option<u64>>, SandboxError> {
    let mut fuel = Vec::with_capacity(calls.len());
    while fuel.len() < calls.len() {
        if call_off.load(Ordering::Relaxed) {
            fuel.resize(calls.len(), None);
            break;
        }
        let rest = &calls[fuel.len()..];
        let warm = warm.clone();
        let job = Job {
            fuel_per_step: Some(each),
            discard_values: true,
            ..Job::new(source, std::iter::once(warm).chain(rest.iter().cloned()).collect())
        };
        let run = sandbox.run(&job)?;
        let steps: Vec<StepReport> = run.calls.into_iter().skip(1).collect();
        let ran = steps.iter().take_while(|s| !matches!(s.outcome, Outcome::NotRun)).count().max(1);
        fuel.extend(steps.iter().take(ran).map(|s| matches!(s.outcome, Outcome::Returned { .. }).then_some(s.fuel)));
        if run.load.outcome.value().is_none() {
            fuel.resize(calls.len(), None);
        }
    }
    Ok(fuel)
}
