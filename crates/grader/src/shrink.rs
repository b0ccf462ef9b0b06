//! Shrinks a large failing input to a small counterexample that fails the same way.
//!
//! Delta debugging over the list or string: try subsets and complements of ever finer chunks, all
//! candidates of a round in one sandbox run, and keep the first that still fails with the same kind.

use crate::execute::run_groups;
use crate::judge::{self, PREVIEW, preview_args};
use crate::options::GradeError;
use crate::references;
use crate::report::{FailedTest, FailureKind, Shrunk};
use catalog::{CaseInput, Entry, Problem};
use runner::{Call, Sandbox, Value};

/// Inputs at or below this length are shown as they are.
const SMALL: usize = 8;
/// Rounds of candidates before giving up on a smaller input.
const MAX_ROUNDS: usize = 40;
/// Fuel for one candidate call, as a multiple of the failing call's own fuel (with a floor): a smaller
/// input that suddenly costs far more is not the counterexample we are after.
const CANDIDATE_FUEL_FACTOR: u64 = 4;
const CANDIDATE_FUEL_FLOOR: u64 = 20_000_000;
/// Fuel for all shrinking in one report.
const SHRINK_BUDGET: u64 = 2_000_000_000;
/// Failures shrunk per report.
const MAX_SHRUNK: usize = 3;

/// Fills `shrunk` of the first few large failing tests that are `worth_shrinking`: the small input, with the reference's answer for
/// it and what the candidate's code did on it (each from running that input, not the original one).
pub(crate) fn shrink_failures(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    failed: &mut [FailedTest],
    worth_shrinking: impl Fn(&FailedTest) -> bool,
) -> Result<(), GradeError> {
    let mut done = 0;
    let mut spent = 0;
    for test in failed.iter_mut() {
        if spent >= SHRINK_BUDGET {
            break;
        }
        let kind_shrinks = !matches!(test.kind, FailureKind::Timeout | FailureKind::Memory | FailureKind::Missing);
        if done == MAX_SHRUNK || !kind_shrinks || !worth_shrinking(test) {
            continue;
        }
        let Some(case) = problem.tests.iter().find(|c| c.name == test.name) else { continue };
        let CaseInput::Args(args) = &case.input else { continue };
        let [input] = args.as_slice() else { continue };
        if input.length().unwrap_or(0) <= SMALL {
            continue;
        }
        let fuel = (test.fuel * CANDIDATE_FUEL_FACTOR).max(CANDIDATE_FUEL_FLOOR);
        if let Some(small) = shrink(sandbox, problem, source, input, test.kind, fuel, &mut spent)? {
            test.shrunk_input = Some(small.input.clone());
            test.shrunk = Some(small);
            done += 1;
        }
    }
    Ok(())
}

fn shrink(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    input: &Value,
    kind: FailureKind,
    fuel: u64,
    spent: &mut u64,
) -> Result<Option<Shrunk>, GradeError> {
    let Entry::Function { function } = &problem.entry else { return Ok(None) };
    let mut current = input.clone();
    let mut chunks = 2;
    let mut improved = false;
    for _ in 0..MAX_ROUNDS {
        let len = current.length().unwrap_or(0);
        if len <= 1 || *spent >= SHRINK_BUDGET {
            break;
        }
        let candidates = split(&current, chunks.min(len));
        let groups: Vec<Vec<Call>> = candidates
            .iter()
            .map(|c| vec![Call::Function { name: function.clone(), args: vec![c.clone()], report_args: true }])
            .collect();
        let run = run_groups(sandbox, source, &groups, |_| fuel)?;
        *spent += run.fuel;
        let expected =
            references::answer_with_fuel(sandbox, problem, candidates.iter().map(|c| vec![c.clone()]).collect())?;
        let still = candidates.iter().zip(&run.calls).zip(&expected).find(|((candidate, step), expected)| {
            let args = [(*candidate).clone()];
            judge::judge(step, expected, &args, true).is_some_and(|m| m.kind == kind)
        });
        match still {
            Some(((smaller, _), _)) => {
                current = smaller.clone();
                improved = true;
                chunks = 2.max(chunks - 1);
            }
            None if chunks >= len => break,
            None => chunks = (chunks * 2).min(len),
        }
    }
    if !improved {
        return Ok(None);
    }
    evaluate_alone(sandbox, problem, source, &current, kind, fuel)
}

/// The shrunk input run again on its own, in a fresh store, with the reference's answer for it: what
/// the report shows. Candidates share a store while shrinking, so code that keeps state between calls
/// can fail there and pass alone; such an input is no counterexample, and `None` is returned.
fn evaluate_alone(
    sandbox: &Sandbox,
    problem: &Problem,
    source: &str,
    input: &Value,
    kind: FailureKind,
    fuel: u64,
) -> Result<Option<Shrunk>, GradeError> {
    let Entry::Function { function } = &problem.entry else { return Ok(None) };
    let args = vec![input.clone()];
    let groups = vec![vec![Call::Function { name: function.clone(), args: args.clone(), report_args: true }]];
    let run = run_groups(sandbox, source, &groups, |_| fuel)?;
    let expected = references::answer_with_fuel(sandbox, problem, vec![args.clone()])?.remove(0);
    let Some(step) = run.calls.first() else { return Ok(None) };
    let Some(mismatch) = judge::judge(step, &expected, &args, true).filter(|m| m.kind == kind) else { return Ok(None) };
    let actual = match mismatch.error {
        Some(error) if step.outcome.value().is_none() => error,
        _ => mismatch.actual,
    };
    let expected = expected.value.preview(PREVIEW);
    Ok(Some(Shrunk { input: preview_args(&args), expected, actual, args: input.to_json() }))
}

/// Each chunk alone, then each complement, for `chunks` chunks of the sequence.
fn split(value: &Value, chunks: usize) -> Vec<Value> {
    let items: Vec<Value> = match value {
        Value::List(items) => items.clone(),
        Value::Str(s) => s.chars().map(|c| Value::Str(c.to_string())).collect(),
        _ => return Vec::new(),
    };
    let rebuild = |parts: Vec<Value>| match value {
        Value::Str(_) => {
            Value::Str(parts.iter().map(|p| if let Value::Str(s) = p { s.as_str() } else { "" }).collect())
        }
        _ => Value::List(parts),
    };
    let size = items.len().div_ceil(chunks);
    let bounds: Vec<(usize, usize)> =
        (0..chunks).map(|i| (i * size, ((i + 1) * size).min(items.len()))).filter(|(a, b)| a < b).collect();
    let mut out: Vec<Value> = bounds.iter().map(|&(a, b)| rebuild(items[a..b].to_vec())).collect();
    if bounds.len() > 2 {
        out.extend(bounds.iter().map(|&(a, b)| rebuild([&items[..a], &items[b..]].concat())));
    }
    out
}
