//! The verdict first: the few lines an interviewer reads before anything else, in plain words.

use super::{Report, Verdict};
use crate::words;
use catalog::{GrowthClass, Problem};
use serde::{Deserialize, Serialize};

/// The top of every report: the suggested score and why, then correctness, growth against the optimal,
/// and what the code would cost at the statement's largest input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// The suggested score, 1 (no hire) to 4 (strong hire).
    pub score: u8,
    /// One line: the score and its deciding reason.
    pub headline: String,
    /// Hidden tests, in words.
    pub correctness: String,
    /// Measured time against the optimal, in words (function problems, when measured).
    pub time: Option<String>,
    /// Measured space against the optimal, in words.
    pub space: Option<String>,
    /// Estimated native CPython time at the statement's largest input, in words.
    pub at_largest_input: Option<String>,
    /// The same estimate in seconds, for machines.
    pub native_seconds_at_largest_input: Option<f64>,
}

impl Summary {
    /// The summary of a scored report.
    pub(crate) fn of(problem: &Problem, report: &Report) -> Summary {
        let tests = &report.tests;
        let correctness = match (report.verdict, &report.load_error) {
            (Verdict::CompileError | Verdict::MissingEntry, _) | (_, Some(_)) => {
                format!("{}: no hidden test could run", report.verdict.words())
            }
            (Verdict::Accepted, _) => format!("all {} hidden tests pass", tests.total),
            (verdict, _) => format!("{} of {} hidden tests pass ({})", tests.passed, tests.total, verdict.words()),
        };
        let headline = format!("Suggested {} of 4: {}", report.score.suggested, report.score.reasons.join("; "));
        let mut summary = Summary {
            score: report.score.suggested,
            headline,
            correctness,
            time: None,
            space: None,
            at_largest_input: None,
            native_seconds_at_largest_input: None,
        };
        if let Some(c) = &report.complexity {
            let optimal = problem.optimal.time;
            summary.time = c.time.known().map(|t| against(t, optimal));
            summary.space = c
                .space
                .known()
                .map(|s| format!("{} (optimal {})", s.pretty(), problem.optimal.space.replace("^2", "²")));
            summary.at_largest_input = match (&c.extrapolation, c.time.known()) {
                (Some(e), _) => Some(format!(
                    "{} at n = {} in native CPython ({} the reference)",
                    words::seconds(e.native_seconds),
                    words::thousands(e.n),
                    words::ratio(e.ratio)
                )),
                (None, Some(GrowthClass::Exponential)) => Some(format!(
                    "would not finish at n = {}: the cost doubles with every few more items",
                    words::thousands(problem.max_n)
                )),
                _ => None,
            };
            summary.native_seconds_at_largest_input = c.extrapolation.as_ref().map(|e| e.native_seconds);
        }
        if let Some(rl) = &report.rate_limiter {
            summary.time = Some(format!(
                "behaves as a {}; per call {} (about {} requests a second on one core of native CPython)",
                rl.algorithm.words(),
                rl.per_call_cost.class.as_str(),
                words::roughly(rl.per_call_cost.native_requests_per_second as f64)
            ));
        }
        summary
    }
}

/// "O(n²), optimal O(n)" or "O(n), optimal".
fn against(measured: GrowthClass, optimal: GrowthClass) -> String {
    if measured <= optimal {
        format!("{}, optimal", measured.pretty())
    } else {
        format!("{}; optimal is {}", measured.pretty(), optimal.pretty())
    }
}
