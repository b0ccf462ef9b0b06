//! The probe loop: sizes run in batches that share a store, each batch only if the budget allows it,
//! then one traced run for peak memory. Returns the curve and what each family answered at each size.

use super::search;
use super::{MemoryPoint, PROBE_BUDGET_PER_FAMILY, Point};
use catalog::{Entry, ProbeFamily, Problem};
use runner::{Call, FillHeap, Job, Outcome, Sandbox, SandboxError, StepReport, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Sizes up to this run together first, before any cost is known: small enough that even exponential
/// code finishes them quickly.
const FIRST_BATCH_MAX_N: u64 = 16;
/// Further sizes share a store while their predicted fuel together stays under this: a fresh store
/// costs more than the small calls it would hold.
const BATCH_FUEL: u64 = 250_000_000;

/// Fuel for one last call far beyond the doubling sizes, for superlinear code: a cubic term that is
/// small next to the square at n = 256 shows at a few thousand (about a quarter of a native second).
const REACH_FUEL: u64 = 4_000_000_000;
/// The doubling loop's slope above which the reaching call is made (a square or worse).
const REACH_POWER: f64 = 1.5;

/// The size of the one call measured for memory alone, past the doubling sizes: a pointer per element
/// (4 bytes in the guest) fills four of the host's 64 KiB pages there, so a linear structure shows, and
/// it is a factor of 4 past the largest probe size (hash tables resize by factors of 2 to 4, so a slope
/// over a single doubling can read a resize as a square).
const MEMORY_REACH_N: u64 = 65_536;
/// The most fuel that call may be predicted to take (about a tenth of a native second).
const MEMORY_REACH_FUEL: u64 = 1_500_000_000;

/// A probe run's curve before classification.
#[derive(Debug, Default)]
pub(crate) struct Curve {
    /// The measured points, smallest n first.
    pub points: Vec<Point>,
    /// Whether growth stopped because the budget ran out.
    pub budget_exhausted: bool,
    /// The size whose call used up its share of the budget, if one did.
    pub stopped_at: Option<u64>,
    /// Whether the wall-clock backstop stopped a call: then the curve depends on the machine's load.
    pub clock_stopped: bool,
    /// Fuel of every probe run.
    pub fuel: u64,
    /// What each family (by index) returned at each measured size; `None` when it did not return.
    pub answers: HashMap<(usize, u64), Option<Value>>,
    /// Each family's (by index) fuel at each measured size where its call returned, the call's fixed
    /// cost included.
    pub fuel_of: HashMap<(usize, u64), u64>,
    /// The heap's growth at `MEMORY_REACH_N`, when the code was fast enough to be measured there.
    pub memory_reach: Option<MemoryPoint>,
    /// What the host found when a probe call's reply proved the harness rewritten, if one did.
    pub rewritten: Option<String>,
    /// The costly shape the search found and the probes measured as one more family, if any.
    pub searched: Option<ProbeFamily>,
}

/// The sizes to try, up to the statement's largest n: arithmetic at small n (to see exponential growth
/// early), then doubling.
fn sizes(max_n: u64) -> Vec<u64> {
    let mut out: Vec<u64> = (1..=7).map(|i| 2 * i).collect();
    let mut n = 16.0f64;
    while (n as u64) <= max_n {
        out.push(n.round() as u64);
        n *= 2.0;
    }
    out
}

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
        let slope =
            |(an, af): (u64, u64)| ((fuel as f64 / af as f64).ln() / (n as f64 / an as f64).ln()).clamp(1.0, 8.0);
        match previous {
            Some(p) if n >= 2 * p.anchor.0 => Growth { n, fuel, anchor: (n, fuel), power: slope(p.anchor) },
            Some(p) => Growth { n, fuel, ..p },
            None => Growth { n, fuel, anchor: (n, fuel), power: 2.0 },
        }
    }
}

/// What to do after a batch.
enum Next {
    /// Go on with the next batch.
    Continue,
    /// Stop growing: the budget ran out, or nothing larger can run.
    Stop,
}

/// The state of one probe run over the sizes.
struct Prober<'a> {
    sandbox: &'a Sandbox,
    problem: &'a Problem,
    /// The problem's probe families, and the one the search found, if any.
    families: Vec<ProbeFamily>,
    source: &'a str,
    function: &'a str,
    /// Mixed into the families' seeds (see `seeds`).
    salt: u64,
    sizes: Vec<u64>,
    next: usize,
    spent: u64,
    /// The fixed cost of a call: the first store's call on the empty input. A submission that wastes fuel
    /// on the empty input (to flatten its curve) gets a baseline no larger than its cheapest probe call.
    baseline: u64,
    growth: Option<Growth>,
    /// The most costly family's part of the last measured size's cost (1 before any is measured).
    worst_part: f64,
    /// The memory run after the loop repeats each size's worst call: its cost is set aside as sizes grow.
    reserved: u64,
    worst_families: Vec<usize>,
    curve: Curve,
}

/// Measures `source` on the problem's probe families; `None` when `call_off` is set before the end
/// (it is read before each run in a store of its own).
pub(crate) fn probe(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    salt: u64,
    searching: bool,
    call_off: &AtomicBool,
) -> Result<Option<Curve>, SandboxError> {
    let Entry::Function { function } = &problem.entry else { return Ok(Some(Curve::default())) };
    if problem.probes.is_empty() {
        return Ok(Some(Curve::default()));
    }
    let called_off = || call_off.load(Ordering::Relaxed);
    let mut prober = Prober::new(sandbox, problem, problem.probes.clone(), source, function, salt);
    if !prober.grow(call_off)? {
        return Ok(None);
    }
    // The search compares its shapes with what the families cost at two of the sizes just measured; a
    // shape it takes joins the families, and the sizes are measured again with it.
    let searched = match searching {
        true => search::search(sandbox, problem, source, salt, |n| prober.families_at(n), call_off)?,
        false => None,
    };
    if let Some(found) = &searched {
        let spent = prober.spent;
        let mut families = problem.probes.clone();
        families.push(found.clone());
        prober = Prober::new(sandbox, problem, families, source, function, salt);
        prober.spent = spent;
        prober.curve.searched = searched;
        if !prober.grow(call_off)? {
            return Ok(None);
        }
    }
    if called_off() {
        return Ok(None);
    }
    prober.measure_memory()?;
    if called_off() {
        return Ok(None);
    }
    prober.reach()?;
    prober.curve.fuel = prober.spent;
    Ok(Some(prober.curve))
}

impl<'a> Prober<'a> {
    fn new(
        sandbox: &'a Sandbox,
        problem: &'a Problem,
        families: Vec<ProbeFamily>,
        source: &'a str,
        function: &'a str,
        salt: u64,
    ) -> Self {
        Prober {
            sandbox,
            problem,
            families,
            source,
            function,
            salt,
            sizes: sizes(problem.probe_max_n),
            next: 0,
            spent: 0,
            baseline: u64::MAX,
            growth: None,
            worst_part: 1.0,
            reserved: 0,
            worst_families: Vec::new(),
            curve: Curve::default(),
        }
    }

    /// Runs the sizes in batches while the budget allows; `false` when `call_off` was set first.
    fn grow(&mut self, call_off: &AtomicBool) -> Result<bool, SandboxError> {
        while let Some((batch, predicted)) = self.next_batch() {
            let Some(share) = self.affordable(&batch, predicted) else {
                self.curve.budget_exhausted = true;
                break;
            };
            if call_off.load(Ordering::Relaxed) {
                return Ok(false);
            }
            if let Next::Stop = self.run_batch(&batch, share)? {
                break;
            }
        }
        Ok(true)
    }
}

impl Prober<'_> {
    fn families(&self) -> usize {
        self.families.len()
    }

    fn call(&self, arg: Value) -> Call {
        Call::function(self.function, vec![arg])
    }

    /// The next sizes that share a store, and their predicted fuel together.
    fn next_batch(&mut self) -> Option<(Vec<u64>, u64)> {
        let mut batch = Vec::new();
        let mut predicted = 0u64;
        while let Some(&n) = self.sizes.get(self.next) {
            let cost = match self.growth {
                Some(g) => g.predict(n),
                None if n <= FIRST_BATCH_MAX_N => 0,
                None => break,
            };
            if !batch.is_empty() && predicted.saturating_add(cost) > BATCH_FUEL {
                break;
            }
            batch.push(n);
            predicted = predicted.saturating_add(cost);
            self.next += 1;
        }
        (!batch.is_empty()).then_some((batch, predicted))
    }

    /// Each call's fuel, if the batch fits: each call gets an equal share of what is left, so the batch
    /// must fit in what is left, and the worst family's call at its largest size in one share. (That call
    /// is predicted from the size's cost times the worst family's part of it at the last size measured;
    /// a family whose cost grows faster runs out of its share, which stops the probes as evidence.)
    fn affordable(&self, batch: &[u64], predicted: u64) -> Option<u64> {
        let budget = PROBE_BUDGET_PER_FAMILY * self.families() as u64;
        let left = budget.saturating_sub(self.spent + self.reserved).max(1);
        let share = left / self.families() as u64;
        let worst = |g: &Growth, n: u64| (g.predict(n) as f64 * self.worst_part) as u64;
        match self.growth {
            Some(g) if predicted > left || batch.last().is_some_and(|&n| worst(&g, n) > share) => None,
            _ => Some(share),
        }
    }

    /// Runs one batch in a fresh store and records its sizes.
    fn run_batch(&mut self, batch: &[u64], share: u64) -> Result<Next, SandboxError> {
        let families = self.families();
        let first = self.baseline == u64::MAX;
        // Every store starts with one discarded call per family, so that each measured call finds the
        // interpreter equally warm (bytecode specialised, caches filled), whichever store it runs in.
        let warm_n = batch[0].min(FIRST_BATCH_MAX_N) as usize;
        let build = |family: usize, n: usize| self.families[family].generate.build_salted(n, self.salt);
        let mut inputs: Vec<Value> = (0..families).map(|f| build(f, warm_n)).collect();
        if first {
            inputs.push(build(0, 0));
        }
        for &n in batch {
            inputs.extend((0..families).map(|f| build(f, n as usize)));
        }
        let job = Job {
            fuel_per_step: Some(share),
            ..Job::new(self.source, inputs.into_iter().map(|v| self.call(v)).collect())
        };
        let run = self.sandbox.run(&job)?;
        self.spent += run.total_fuel;
        self.note_clock(&run.calls);
        let mut steps = run.calls.into_iter();
        if steps.by_ref().take(families).any(|c| c.outcome.ran_out_of_time()) {
            self.curve.budget_exhausted = true;
            self.curve.stopped_at = Some(batch[0]);
            return Ok(Next::Stop);
        }
        if first {
            self.baseline = steps.next().map_or(0, |c| c.fuel);
        }
        for (index, &n) in batch.iter().enumerate() {
            let size: Vec<StepReport> = steps.by_ref().take(families).collect();
            if size.iter().any(|c| c.outcome.ran_out_of_time()) {
                self.curve.budget_exhausted = true;
                self.curve.stopped_at = Some(n);
                return Ok(Next::Stop);
            }
            if size.first().is_none_or(|c| matches!(c.outcome, Outcome::NotRun)) {
                if index == 0 {
                    // The warm-up (a size no larger than this one) ended the store: nothing larger will run.
                    return Ok(Next::Stop);
                }
                // A call of an earlier size ended the store: the sizes from here on run again in a fresh one.
                self.next -= batch.len() - index;
                return Ok(Next::Continue);
            }
            self.record(n, size);
        }
        Ok(Next::Continue)
    }

    /// Notes whether the wall-clock backstop stopped one of a run's calls.
    fn note_clock(&mut self, steps: &[StepReport]) {
        self.curve.clock_stopped |= steps.iter().any(|step| matches!(step.outcome, Outcome::Deadline { .. }));
    }

    /// Each of the problem's families' fuel at size `n` (`None` where its call did not return), if the
    /// size was measured.
    fn families_at(&self, n: u64) -> Option<Vec<Option<u64>>> {
        let measured = self.curve.points.iter().any(|p| p.n == n);
        measured.then(|| (0..self.problem.probes.len()).map(|f| self.curve.fuel_of.get(&(f, n)).copied()).collect())
    }

    /// Records one size: the answers, the growth of its cost, and its worst family's point.
    fn record(&mut self, n: u64, size: Vec<StepReport>) {
        let size_fuel: u64 = size.iter().map(|c| c.fuel).sum();
        self.growth = Some(Growth::after(self.growth, n, size_fuel));
        let most = size.iter().map(|c| c.fuel).max().unwrap_or(0);
        self.worst_part = most as f64 / size_fuel.max(1) as f64;
        // Only calls that returned are costs of the algorithm; one that raised stopped part-way.
        let returned = size.iter().enumerate().filter(|(_, c)| matches!(c.outcome, Outcome::Returned { .. }));
        if let Some((worst, step)) = returned.max_by_key(|(_, c)| c.fuel) {
            self.baseline = self.baseline.min(size.iter().map(|c| c.fuel).min().unwrap_or(0));
            self.reserved += step.fuel;
            let family = self.families[worst].name.clone();
            self.curve.points.push(Point { n, fuel: step.fuel.saturating_sub(self.baseline), memory: None, family });
            self.worst_families.push(worst);
        }
        for (family, step) in size.into_iter().enumerate() {
            if matches!(step.outcome, Outcome::Returned { .. }) {
                self.curve.fuel_of.insert((family, n), step.fuel);
            }
            let value = match step.outcome {
                Outcome::Returned { value } => Some(value),
                // Proof that the harness was rewritten is reported as that, not as a wrong answer.
                Outcome::Tampered { detail } => {
                    self.curve.rewritten.get_or_insert(detail);
                    continue;
                }
                // A call an earlier one's ending kept from running gave no answer, right or wrong.
                Outcome::NotRun => continue,
                _ => None,
            };
            self.curve.answers.insert((family, n), value);
        }
    }

    /// One call of the worst family at the largest size `REACH_FUEL` is predicted to afford, at least
    /// twice the largest measured, when the cost grows as a square or worse: the point that tells a cube
    /// from a square. A call that runs out is evidence too (the cost there is at least that).
    fn reach(&mut self) -> Result<(), SandboxError> {
        let (Some(g), Some(last), Some(&family)) = (self.growth, self.curve.points.last(), self.worst_families.last())
        else {
            return Ok(());
        };
        if g.power < REACH_POWER || self.curve.points.len() < 4 {
            return Ok(());
        }
        // The reaching call runs the worst family alone: its cost is that family's part of the size's.
        let worst = (g.predict(last.n) as f64 * self.worst_part).max(1.0);
        let n = ((last.n as f64) * (REACH_FUEL as f64 / worst).powf(1.0 / (g.power + 0.5))) as u64;
        let n = n.min(self.problem.probe_max_n);
        if n < 2 * last.n {
            return Ok(());
        }
        let generate = &self.families[family].generate;
        let warm = generate.build_salted(FIRST_BATCH_MAX_N as usize, self.salt);
        let calls = vec![self.call(warm), self.call(generate.build_salted(n as usize, self.salt))];
        let job = Job { fuel_per_step: Some(2 * REACH_FUEL), ..Job::new(self.source, calls) };
        let run = self.sandbox.run(&job)?;
        self.spent += run.total_fuel;
        self.note_clock(&run.calls);
        let Some(step) = run.calls.into_iter().nth(1) else { return Ok(()) };
        if step.outcome.ran_out_of_time() {
            self.curve.budget_exhausted = true;
            self.curve.stopped_at = Some(n);
            return Ok(());
        }
        if let Outcome::Returned { value } = step.outcome {
            let name = self.families[family].name.clone();
            self.curve.points.push(Point {
                n,
                fuel: step.fuel.saturating_sub(self.baseline),
                memory: None,
                family: name,
            });
            self.curve.answers.insert((family, n), Some(value));
        }
        Ok(())
    }

    /// The heap's growth in the worst family's call at every other size (from the largest down: a factor
    /// of 4, still decades apart), and at `MEMORY_REACH_N` when the time curve predicts the call there is
    /// cheap: one run of its own, the harness filling the free heap before each call so that the growth
    /// the host reads is the call's own peak allocation. The answers were kept above: they are not sent
    /// back.
    fn measure_memory(&mut self) -> Result<(), SandboxError> {
        let points = &self.curve.points;
        let traced: Vec<usize> = (0..points.len()).rev().step_by(2).rev().collect();
        let (Some(&last), Some(growth)) = (traced.last(), self.growth) else { return Ok(()) };
        let build =
            |i: usize, n: u64| self.families[self.worst_families[i]].generate.build_salted(n as usize, self.salt);
        let mut calls: Vec<Call> = traced.iter().map(|&i| self.call(build(i, points[i].n))).collect();
        let reach = MEMORY_REACH_N.min(self.problem.max_n);
        let reaching =
            reach > points[last].n && growth.predict(reach) as f64 * self.worst_part <= MEMORY_REACH_FUEL as f64;
        if reaching {
            calls.push(self.call(build(last, reach)));
        }
        let job = Job { fill_heap: FillHeap::BeforeEachCall, discard_values: true, ..Job::new(self.source, calls) };
        let run = self.sandbox.run(&job)?;
        self.spent += run.total_fuel;
        self.note_clock(&run.calls);
        let returned = |step: &StepReport| matches!(step.outcome, Outcome::Returned { .. });
        for (&i, step) in traced.iter().zip(&run.calls) {
            self.curve.points[i].memory = returned(step).then_some(step.heap_growth);
        }
        if let Some(step) = run.calls.get(traced.len()).filter(|step| reaching && returned(step)) {
            self.curve.memory_reach = Some(MemoryPoint { n: reach, bytes: step.heap_growth });
        }
        Ok(())
    }
}
