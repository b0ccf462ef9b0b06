//! Where the time goes: the costly lines of the candidate's code, tied to the measured growth.
//!
//! Only where the measured time is O(n²) or worse, in a run of its own after the probes: the costliest
//! family at two sizes a factor of 4 apart, each line's work charged by the host (`runner::LineFuel`:
//! the guest says which line runs, the host reads the fuel), set against the probes' own fuel for the
//! same calls. From the two sizes, which line's work grows faster than n: the line that carries the
//! superlinear term. It is an explanation and nothing more: it never changes a verdict, a class or a
//! score, and it is dropped when its figures fit no account of what reporting the lines cost. A rate
//! limiter's lines are explained the same way (`kinds/rate_limiter/lines`).

use super::{Curve, Point};
use crate::entry::ADAPTER_MARK;
use crate::words;
use catalog::{Entry, Generator, GrowthClass, Problem};
use runner::{Call, Job, LineFuel, Outcome, Sandbox, SandboxError, StepReport};
use serde::{Deserialize, Serialize};

/// The largest size explained: the line that carries a square already carries most of the work here,
/// and reporting every line costs the harness a few thousand fuel each time a line starts.
const LARGEST_N: u64 = 1_024;
/// The smallest size worth explaining (below it, fixed costs are most of the work), explained first.
const FIRST_N: u64 = 64;
/// The most the explained call at the larger size may be predicted to cost, as a part of all the probes
/// spent (one part in this many), and at least `LEAST_FUEL`: reporting lines multiplies the cost of
/// simple code several times, and adds little to code whose lines do much each.
const PROBE_PART: u64 = 10;
const LEAST_FUEL: u64 = 20_000_000;
/// Fuel one explained call may use.
const CALL_FUEL: u64 = 1_500_000_000;
/// A line carries a term that grows faster than n when its work grows by at least this power of n between
/// the two sizes (a square reads about 2, a hash table's resizes about 1.1, a sort about 1.2).
const SUPERLINEAR: f64 = 1.5;
/// ... and is at least this share of the work at the larger size.
const MIN_SHARE: f64 = 0.1;
/// A line's work per call grows with a limiter's limit, or with the requests it has seen, when it grows
/// by at least this power of their ratio (a quarter: 3.2 times over limits 100 times apart; work that
/// does not grow stays within a few hundredths).
const GROWS_PER_CALL: f64 = 0.25;
/// A line's runs each do more as n grows when its work grows faster than its number of runs by at least
/// this power of n (a scan of a growing list inside it adds 1).
const EACH_RUN: f64 = 0.4;
/// Inside a repeated block a line's runs each do more when its work per run grows faster than every other
/// line's of the block by this power of n: at the small sizes explained, a scan inside it is a small part
/// of each run, and lines doing fixed work per run stay within about a tenth of 0.
const IN_BLOCK: f64 = 0.1;
/// What reporting one line start may cost the harness (about 10,000 fuel; more where the caller is looked
/// for through many frames). The cost is measured, not assumed (see `per_start`): where the figures give
/// a cost outside this range (give or take `slack`), the lines reported are not the lines that ran (code
/// that switched the reporting off, or reported lines of its own), and the explanation is dropped.
const PER_START: std::ops::RangeInclusive<u64> = 2_000..=40_000;
/// How much slower the candidate's instructions may run while lines are reported (the instrumentation
/// turns off the interpreter's specialised instructions): from not at all to three times.
const SLOWER: std::ops::RangeInclusive<f64> = 1.0..=3.0;
/// Two runs tell the slowdown from the cost per start where their fuel and their starts grow apart by at
/// least this part.
const DISTINCT: f64 = 0.2;
/// The slowdown is read only where the plain fuel is at least this part of the explained (one part in
/// this many): a variation of a few percent in the cost of a report then moves it by a tenth or so.
const PLAIN_PART: f64 = 4.0;
/// What two runs of the same call may differ by beside reporting: a tenth of the call, and a million
/// fuel for a warmer or colder interpreter.
fn slack(fuel: u64) -> u64 {
    fuel / 10 + 1_000_000
}

/// What reporting one line start cost, from two runs of the same calls explained and not: the explained
/// fuel is the plain fuel, a little slower under the instrumentation (`slower`, the same for every
/// instruction of the candidate's), plus a cost per line start. Two runs whose plain fuel and starts
/// grow apart tell the two apart; where they grow alike, the slowdown is taken as none. `None`
/// where the figures fit no such account (see `PER_START`, `SLOWER`): the lines reported are not the
/// lines that ran.
fn per_start(explained: [u64; 2], plain: [u64; 2], starts: [u64; 2]) -> Option<u64> {
    let [e, p, s] = [explained, plain, starts].map(|pair| pair.map(|v| v as f64));
    let determinant = p[0] * s[1] - p[1] * s[0];
    // The reporting's own cost varies a little from line to line (a few percent): where it is most of
    // the explained fuel, that variation outweighs any slowdown, which is then taken as none. And the
    // instrumentation never makes an instruction cheaper.
    let telling = determinant.abs() >= DISTINCT * p[1] * s[0] && p[1] * PLAIN_PART >= e[1];
    let slower = if telling { ((e[0] * s[1] - e[1] * s[0]) / determinant).max(1.0) } else { 1.0 };
    let per_start = (e[1] - slower * p[1]) / s[1].max(1.0);
    let slack = slack(plain[1]) as f64 / s[1].max(1.0);
    let range = *PER_START.start() as f64 - slack..=*PER_START.end() as f64 + slack;
    (SLOWER.contains(&slower) && range.contains(&per_start))
        .then(|| (per_start.max(0.0) as u64).clamp(*PER_START.start(), *PER_START.end()))
}

/// The most characters of a line's text kept.
const TEXT_CHARS: usize = 80;

/// What the two explained runs differ by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Across {
    /// The input's size, n: a function's calls.
    InputSize,
    /// A rate limiter's limit, with a full window: the work of one call.
    Limit,
    /// The requests a rate limiter has seen, early and late in one long trace: the work of one call.
    Requests,
}

impl Across {
    /// How much faster than the settings a line's work must grow to carry the growth, as a power of
    /// their ratio; and how much faster than its number of runs for each run to do more.
    fn thresholds(self) -> (f64, f64) {
        match self {
            Across::InputSize => (SUPERLINEAR, EACH_RUN),
            Across::Limit | Across::Requests => (GROWS_PER_CALL, GROWS_PER_CALL),
        }
    }

    /// "at n = 512", "at a limit of 1,000", "after 2,010 requests".
    fn at(self, setting: u64) -> String {
        let setting = words::thousands(setting);
        match self {
            Across::InputSize => format!("at n = {setting}"),
            Across::Limit => format!("at a limit of {setting}"),
            Across::Requests => format!("after {setting} requests"),
        }
    }

    /// What grows, as the end of "each run of it does more as ...".
    fn grows(self) -> &'static str {
        match self {
            Across::InputSize => "n grows",
            Across::Limit => "the limit grows",
            Across::Requests => "requests accumulate",
        }
    }
}

/// Where the time goes in the costliest input's calls, line by line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostlyLines {
    /// What the two runs explained differ by.
    pub across: Across,
    /// The two settings explained (sizes, limits or requests seen), smaller first.
    pub sizes: [u64; 2],
    /// The inputs they were drawn from (for a function, the family costliest at the larger size in the
    /// probes).
    pub family: String,
    /// Every line that did a fair part of the work, in the source's order.
    pub lines: Vec<LineCost>,
    /// The line that carries the term growing faster than n, when the measured time grows faster than
    /// n log n and one line does.
    pub growing: Option<GrowingLine>,
}

impl CostlyLines {
    /// "line 5 (`if x not in out:`)": the growing line, for a follow-up question; none where none grows.
    pub fn growing_line(&self) -> Option<String> {
        let line = self.growing.as_ref()?.line;
        let text = &self.lines.iter().find(|l| l.line == line)?.text;
        Some(format!("line {line} (`{text}`)"))
    }
}

/// The line where the work grows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GrowingLine {
    /// The line, counted from 1.
    pub line: u32,
    /// How its work grows.
    pub how: Growth,
    /// The share of the work at the larger size that grows with it: the line's own, or, for a line that
    /// starts a repeated block, the block's.
    pub share: f64,
    /// Its share at the smaller size.
    pub share_small: f64,
    /// The line of the candidate's code that calls the helper it is in, when it is in a helper.
    pub called_from: Option<u32>,
    /// All of it in a sentence, for a person.
    pub said: String,
}

/// How a line's work grows faster than n.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Growth {
    /// Each run of the line does more as n grows (a scan, a copy or a search done inside it).
    EachRun,
    /// The line runs more often than n times: it starts a block (a loop inside a loop) that repeats.
    Repeats,
    /// The line runs more often than n times, and each run does more as n grows: a scan inside a loop
    /// inside a loop.
    RepeatsEachDoingMore,
}

/// One line's part of the work.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineCost {
    /// The line, counted from 1.
    pub line: u32,
    /// Its text, trimmed.
    pub text: String,
    /// Its share of the work at the larger size, 0 to 1.
    pub share: f64,
    /// Its share at the smaller size.
    pub share_small: f64,
    /// The power of n its work grew by between the two sizes.
    pub growth: f64,
    /// The power of n the number of times it ran grew by.
    pub runs_growth: f64,
    /// Its share at the larger size counting the calls it makes into the candidate's helpers.
    pub share_with_calls: f64,
}

/// Explains where the time of `source` goes, from its measured curve; `None` when there is nothing to
/// explain or the explanation's figures do not hold.
pub(crate) fn costly_lines(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    salt: u64,
    curve: &Curve,
    time: Option<GrowthClass>,
) -> Result<Option<CostlyLines>, SandboxError> {
    let Entry::Function { function } = &problem.entry else { return Ok(None) };
    // A line carries a term growing faster than n only where the measured time has one: below that
    // there is nothing to point at, and no run is made.
    if time.is_none_or(|t| t < GrowthClass::Quadratic) {
        return Ok(None);
    }
    let points = &curve.points;
    let Some(first) = points.iter().find(|p| p.n == FIRST_N) else { return Ok(None) };
    let at =
        |costliest: &Point, at: &[&Point]| calls_at(sandbox, problem, function, source, salt, curve, costliest, at);
    // A first call at the smallest size explained tells what reporting lines multiplies this code's cost
    // by; the larger size is the largest whose explained call that factor predicts within the budget.
    let Some(run) = at(first, &[first])? else { return Ok(None) };
    let factor = run[0].fuel as f64 / first.fuel.max(1) as f64;
    let budget = (curve.fuel / PROBE_PART).max(LEAST_FUEL) as f64;
    let Some((large, small)) = sizes(points, |p| p.fuel as f64 * factor <= budget) else { return Ok(None) };
    let Some(explained) = at(large, &[small, large])? else { return Ok(None) };
    // The same calls without lines reported: the probes made them.
    let family = family_index(problem, curve, &large.family);
    let plain = [small.n, large.n].map(|n| family.and_then(|f| curve.fuel_of.get(&(f, n)).copied()));
    let [Some(plain_small), Some(plain_large)] = plain else { return Ok(None) };
    let Some(worked) = worked(&explained, [plain_small, plain_large]) else { return Ok(None) };
    let settings = Settings { across: Across::InputSize, at: [small.n, large.n], inputs: &large.family };
    Ok(Some(explain(source, settings, &worked)))
}

/// The larger size: the largest probe size up to `LARGEST_N` that `affordable` allows; the smaller a
/// quarter of it.
fn sizes(points: &[Point], affordable: impl Fn(&Point) -> bool) -> Option<(&Point, &Point)> {
    let large = points.iter().filter(|p| p.n <= LARGEST_N && affordable(p)).max_by_key(|p| p.n)?;
    let small = points.iter().find(|p| p.n * 4 == large.n && p.n >= FIRST_N / 4)?;
    (large.n >= FIRST_N).then_some((large, small))
}

/// The calls at `at` sizes, explained, in one store, on inputs of the family costliest at `costliest`;
/// `None` where one did not return.
#[allow(clippy::too_many_arguments)]
fn calls_at(
    sandbox: &Sandbox,
    problem: &Problem,
    function: &str,
    source: &str,
    salt: u64,
    curve: &Curve,
    costliest: &Point,
    at: &[&Point],
) -> Result<Option<Vec<StepReport>>, SandboxError> {
    let Some(generate) = generator(problem, curve, &costliest.family) else { return Ok(None) };
    let call = |n: u64| Call::function(function, vec![generate.build_salted(n as usize, salt)]);
    // Values are sent back as in the probes, so that the calls do the same work as theirs; a warm-up
    // first, as there.
    let calls = std::iter::once(call(16)).chain(at.iter().map(|p| call(p.n))).collect();
    let explain_calls = std::iter::once(false).chain(at.iter().map(|_| true)).collect();
    let job = Job { explain_calls, fuel_per_step: Some(CALL_FUEL), ..Job::new(source, calls) };
    let steps: Vec<StepReport> = sandbox.run(&job)?.calls.into_iter().skip(1).collect();
    let returned = steps.iter().all(|step| matches!(step.outcome, Outcome::Returned { .. }));
    Ok(returned.then_some(steps))
}

fn generator<'a>(problem: &'a Problem, curve: &'a Curve, family: &str) -> Option<&'a Generator> {
    let families = problem.probes.iter().chain(&curve.searched);
    families.into_iter().find(|f| f.name == family).map(|f| &f.generate)
}

/// A family's index among the probes' (the problem's, then the one the search found).
fn family_index(problem: &Problem, curve: &Curve, family: &str) -> Option<usize> {
    problem.probes.iter().chain(&curve.searched).position(|f| f.name == family)
}

/// A line's work in one call.
#[derive(Clone, Copy)]
pub(crate) struct Work {
    line: u32,
    runs: u64,
    work: u64,
    with_calls: u64,
}

/// Each line's work in two explained calls (the smaller setting's first), given the same calls' fuel
/// without reporting; `None` where the figures fit no account of what reporting cost (see `per_start`).
pub(crate) fn worked(explained: &[StepReport], plain: [u64; 2]) -> Option<[Vec<Work>; 2]> {
    let [small, large] = explained else { return None };
    let starts = |step: &StepReport| step.lines.iter().map(|l| l.hits).sum();
    let per_start = per_start([small.fuel, large.fuel], plain, [starts(small), starts(large)])?;
    Some([work(&small.lines, per_start), work(&large.lines, per_start)])
}

/// Each line's work in a call: its fuel less what reporting its starts cost.
fn work(lines: &[LineFuel], per_start: u64) -> Vec<Work> {
    lines
        .iter()
        .map(|l| Work {
            line: l.line,
            runs: l.hits,
            work: l.own.saturating_sub(l.hits * per_start),
            with_calls: l.inclusive.saturating_sub(l.inclusive_starts * per_start),
        })
        .collect()
}

/// The two runs explained: what they differ by, their settings, and the inputs, in words.
pub(crate) struct Settings<'a> {
    pub across: Across,
    pub at: [u64; 2],
    pub inputs: &'a str,
}

/// Each line's part of the work in two runs, and the line that carries the growth, if one does (the
/// callers explain only what the measured cost says grows).
pub(crate) fn explain(source: &str, settings: Settings, [small, large]: &[Vec<Work>; 2]) -> CostlyLines {
    let Settings { across, at: sizes, inputs } = settings;
    let sum = |work: &[Work]| work.iter().map(|w| w.work).sum::<u64>().max(1) as f64;
    let (small_total, large_total) = (sum(small), sum(large));
    let power = |after: u64, before: u64| {
        (after.max(1) as f64 / before.max(1) as f64).ln() / (sizes[1] as f64 / sizes[0] as f64).ln()
    };
    // The lines of an adapter the grader appended are not the candidate's.
    let own = source.lines().position(|l| l == ADAPTER_MARK).unwrap_or(usize::MAX);
    let text: Vec<&str> = source.lines().take(own).collect();
    let lines: Vec<LineCost> = large
        .iter()
        .map(|w| {
            let before = small.iter().find(|s| s.line == w.line).copied();
            LineCost {
                line: w.line,
                text: text.get(w.line as usize - 1).map(|t| cut(t.trim())).unwrap_or_default(),
                share: w.work as f64 / large_total,
                share_small: before.map_or(0, |b| b.work) as f64 / small_total,
                growth: power(w.work, before.map_or(0, |b| b.work)),
                runs_growth: power(w.runs, before.map_or(0, |b| b.runs)),
                share_with_calls: (w.with_calls as f64 / large_total).min(1.0),
            }
        })
        .filter(|l| (l.line as usize) <= text.len() && (l.share >= 0.01 || l.share_with_calls >= 0.01))
        .collect();
    let mut growing = growing(&lines, across);
    if let Some(g) = growing.as_mut() {
        g.said = said(g, &text, sizes, across);
    }
    CostlyLines { across, sizes, family: inputs.to_string(), lines, growing }
}

/// The line that carries the growth. Where a block of lines runs more often than n times (a loop inside
/// a loop) and holds more of the work than any single line whose runs each do more as n grows, it is
/// the block: its line whose runs each do more (one more power of n, a scan inside a repeated line),
/// else its first line, the loop's own. Otherwise the costliest line whose runs each do more.
fn growing(lines: &[LineCost], across: Across) -> Option<GrowingLine> {
    let (grows, each) = across.thresholds();
    let per_run = |l: &LineCost| l.growth - l.runs_growth;
    let each_run = lines
        .iter()
        .filter(|l| l.share >= MIN_SHARE && l.growth >= grows && per_run(l) >= each)
        .max_by(|a, b| a.share.total_cmp(&b.share));
    let block: Vec<&LineCost> = lines.iter().filter(|l| l.runs_growth >= grows).collect();
    let block_share: f64 = block.iter().map(|l| l.share).sum();
    let (line, how, share, share_small) = match each_run {
        Some(l) if l.share >= block_share => (l.line, Growth::EachRun, l.share, l.share_small),
        _ if block_share >= MIN_SHARE => {
            let mut by_run: Vec<&LineCost> = block.clone();
            by_run.sort_by(|a, b| per_run(b).total_cmp(&per_run(a)));
            let next = by_run.get(1).map_or(0.0, |l| per_run(l).max(0.0));
            match by_run[0] {
                l if l.share >= MIN_SHARE && per_run(l) >= next + IN_BLOCK => {
                    (l.line, Growth::RepeatsEachDoingMore, l.share, l.share_small)
                }
                _ => (block[0].line, Growth::Repeats, block_share, block.iter().map(|l| l.share_small).sum()),
            }
        }
        _ => return None,
    };
    // A helper's line: the entry function's line that calls it holds its work too.
    let called_from = lines
        .iter()
        .filter(|l| l.line != line && l.share_with_calls >= share * 0.8 && l.share_with_calls > l.share + MIN_SHARE)
        .max_by(|a, b| a.share_with_calls.total_cmp(&b.share_with_calls))
        .map(|l| l.line);
    Some(GrowingLine { line, how, share, share_small, called_from, said: String::new() })
}

/// "Line 5, `if x not in out:`, does 77% of the work at n = 512 (54% at n = 128): each run of it does
/// more as n grows."
fn said(g: &GrowingLine, text: &[&str], sizes: [u64; 2], across: Across) -> String {
    let quoted = |line: u32| text.get(line as usize - 1).map(|t| format!(", `{}`,", cut(t.trim()))).unwrap_or_default();
    // What is left to the other lines can round away: not to "100%", which would say they do nothing.
    let percent = |share: f64| if share >= 0.995 { "nearly all".to_string() } else { format!("{:.0}%", share * 100.0) };
    let (what, how) = match (g.how, across) {
        (Growth::EachRun, _) => ("does", format!("each run of it does more as {}", across.grows())),
        (Growth::Repeats, Across::InputSize) => {
            ("and the lines it repeats do", "it runs more often than n times (a loop inside a loop)".into())
        }
        (Growth::Repeats, _) => {
            ("and the lines it repeats do", format!("it runs more often in each call as {}", across.grows()))
        }
        (Growth::RepeatsEachDoingMore, Across::InputSize) => {
            ("does", "it runs more often than n times, and each run of it does more as n grows".into())
        }
        (Growth::RepeatsEachDoingMore, _) => {
            ("does", format!("it runs more often, and each run of it does more, as {}", across.grows()))
        }
    };
    let work = if across == Across::InputSize { "the work" } else { "a call's work" };
    let caller = g
        .called_from
        .map(|c| format!(" It is called from line {c}{}", quoted(c).trim_end_matches(',')))
        .unwrap_or_default();
    format!(
        "Line {}{} {what} {} of {work} {} ({} {}): {how}.{}",
        g.line,
        quoted(g.line),
        percent(g.share),
        across.at(sizes[1]),
        percent(g.share_small),
        across.at(sizes[0]),
        if caller.is_empty() { String::new() } else { format!("{caller}.") },
    )
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(TEXT_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cost_of_a_report_is_read_from_two_runs_and_a_story_that_does_not_fit_is_refused() {
        // 10,000 a start, the candidate's own work 1.5 times slower under the instrumentation.
        let run = |plain: u64, starts: u64| (plain * 3 / 2 + starts * 10_000, plain, starts);
        let ((e0, p0, s0), (e1, p1, s1)) = (run(40_000_000, 1_000), run(640_000_000, 4_000));
        assert_eq!(per_start([e0, e1], [p0, p1], [s0, s1]), Some(10_000));
        // Work that grows as the starts do: no slowdown can be told, none is taken.
        assert_eq!(per_start([12_000_000, 48_000_000], [2_000_000, 8_000_000], [1_000, 4_000]), Some(10_000));
        // Lines that stopped being reported (a call of 1e9 fuel with 100 starts), or many more reported
        // than could have run, fit no cost of a report.
        assert_eq!(per_start([1_000_000_000, 4_000_000_000], [900_000_000, 3_600_000_000], [100, 400]), None);
        assert_eq!(per_start([20_000_000, 80_000_000], [19_000_000, 76_000_000], [50_000, 200_000]), None);
    }

    fn line(line: u32, share: f64, growth: f64, runs_growth: f64) -> LineCost {
        LineCost { line, text: String::new(), share, share_small: share, growth, runs_growth, share_with_calls: share }
    }

    #[test]
    fn the_growing_line_is_the_scan_the_loop_or_the_scan_inside_the_loop() {
        let grown = |lines: &[LineCost]| growing(lines, Across::InputSize).map(|g| (g.line, g.how));
        // A scan inside a line run n times.
        let scan = [line(3, 0.1, 1.0, 1.0), line(4, 0.8, 1.9, 1.0), line(5, 0.1, 1.0, 1.0)];
        assert_eq!(grown(&scan), Some((4, Growth::EachRun)));
        // A loop inside a loop: the inner loop's own line, first of the block.
        let nested =
            [line(5, 0.05, 1.0, 1.0), line(7, 0.3, 1.9, 1.95), line(8, 0.35, 1.98, 1.98), line(9, 0.3, 1.96, 1.98)];
        assert_eq!(grown(&nested), Some((7, Growth::Repeats)));
        // A scan inside the inner loop: its line.
        let cubic = [line(6, 0.05, 1.4, 1.95), line(7, 0.65, 2.2, 1.98), line(9, 0.3, 1.98, 1.98)];
        assert_eq!(grown(&cubic), Some((7, Growth::RepeatsEachDoingMore)));
        // Linear work grows nowhere.
        assert_eq!(grown(&[line(3, 0.5, 1.02, 1.0), line(4, 0.5, 0.99, 1.0)]), None);
    }
}
