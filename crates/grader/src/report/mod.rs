//! The grading report, and the two views of it: the interviewer's (everything) and the candidate's
//! (examples in full, hidden tests only as counts).

mod finding;
mod limiter;
mod summary;

pub use finding::Finding;
pub use limiter::{
    Algorithm, CostClass, MemoryPerKey, PerCallCost, Property, RateLimiterAnalysis, StaticSignal, TraceReplay,
};
pub use summary::Summary;

use crate::complexity::Complexity;
use catalog::{Category, Problem};
use serde::{Deserialize, Serialize};

/// The overall verdict, most severe failure first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The source does not parse.
    CompileError,
    /// The function or class to call is not defined.
    MissingEntry,
    /// An exception, exit or crash.
    RuntimeError,
    /// A test used up its fuel.
    Timeout,
    /// A test hit the memory cap.
    MemoryLimit,
    /// A test printed past the output cap.
    OutputLimit,
    /// A wrong value, a wrong type, or a mutated input.
    WrongAnswer,
    /// Every hidden test passed.
    Accepted,
}

impl Verdict {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::CompileError => "compile_error",
            Verdict::MissingEntry => "missing_entry",
            Verdict::RuntimeError => "runtime_error",
            Verdict::Timeout => "timeout",
            Verdict::MemoryLimit => "memory_limit",
            Verdict::OutputLimit => "output_limit",
            Verdict::WrongAnswer => "wrong_answer",
            Verdict::Accepted => "accepted",
        }
    }
}

impl Verdict {
    /// The verdict in words, for people: the one word every view says for it (the pages read it through
    /// the server's vocabulary), so a page, an export and the printed report never name one verdict twice.
    pub fn words(self) -> &'static str {
        match self {
            Verdict::CompileError => "does not parse",
            Verdict::MissingEntry => "function or class missing",
            Verdict::RuntimeError => "crashes",
            Verdict::Timeout => "too slow",
            Verdict::MemoryLimit => "runs out of memory",
            Verdict::OutputLimit => "prints too much",
            Verdict::WrongAnswer => "wrong answer",
            Verdict::Accepted => "accepted",
        }
    }
}

/// Why one test failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// Returned the wrong value.
    WrongAnswer,
    /// Returned a value of the wrong type.
    WrongType,
    /// Changed its input.
    MutatedInput,
    /// Raised an exception (or exited, or crashed the interpreter).
    Exception,
    /// Used up its fuel.
    Timeout,
    /// Hit the memory cap.
    Memory,
    /// Printed past the output cap.
    Output,
    /// The entry point is missing.
    Missing,
    /// A property of the rate limiter does not hold.
    Property,
}

impl FailureKind {
    /// The verdict this failure leads to.
    pub fn verdict(self) -> Verdict {
        match self {
            FailureKind::WrongAnswer | FailureKind::WrongType | FailureKind::MutatedInput | FailureKind::Property => {
                Verdict::WrongAnswer
            }
            FailureKind::Exception => Verdict::RuntimeError,
            FailureKind::Timeout => Verdict::Timeout,
            FailureKind::Memory => Verdict::MemoryLimit,
            FailureKind::Output => Verdict::OutputLimit,
            FailureKind::Missing => Verdict::MissingEntry,
        }
    }
}

impl FailureKind {
    /// The failure in words, for people.
    pub fn words(self) -> &'static str {
        match self {
            FailureKind::WrongAnswer => "wrong answer",
            FailureKind::WrongType => "wrong type",
            FailureKind::MutatedInput => "changes its input",
            FailureKind::Exception => "raises an error",
            FailureKind::Timeout => "too slow",
            FailureKind::Memory => "out of memory",
            FailureKind::Output => "too much output",
            FailureKind::Missing => "not defined",
            FailureKind::Property => "property broken",
        }
    }

    /// Whether every test it hits fails the same way, so that one card says it once.
    fn is_shared_cause(self) -> bool {
        matches!(
            self,
            FailureKind::Exception
                | FailureKind::Timeout
                | FailureKind::Memory
                | FailureKind::Output
                | FailureKind::Missing
        )
    }
}

/// The failing tests grouped by cause: a crash, timeout or limit that fails many tests is one cause;
/// each wrong value is a cause of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailureCause {
    /// How the tests fail.
    pub kind: FailureKind,
    /// What happened, in words: the error, or the failing test's name for a wrong value.
    pub what: String,
    /// The candidate's line it points at.
    pub line: Option<u32>,
    /// The tests that fail this way, by name, in order.
    pub tests: Vec<String>,
}

/// A failing hidden test, with the evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailedTest {
    /// Its category.
    pub category: Category,
    /// Its name.
    pub name: String,
    /// Why it failed.
    pub kind: FailureKind,
    /// The input (truncated when large).
    pub input: String,
    /// The input shrunk to a small counterexample that fails the same way, when the input was large.
    pub shrunk_input: Option<String>,
    /// That counterexample run again: its own expected value and what the code did on it.
    pub shrunk: Option<Shrunk>,
    /// The expected value (truncated).
    pub expected: String,
    /// What the code did (truncated).
    pub actual: String,
    /// The error, for exceptions and limits, with the candidate's line number.
    pub error: Option<String>,
    /// The candidate's line the error points at.
    pub line: Option<u32>,
    /// Fuel the failing call used.
    pub fuel: u64,
    /// Fuel the reference's call took on the same input, where there is one.
    pub reference_fuel: Option<u64>,
}

/// A small counterexample, evaluated on its own: the candidate's code in the sandbox, the expected value
/// from the reference solution on the same input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shrunk {
    /// The input (truncated when long).
    pub input: String,
    /// The reference's answer for it (truncated).
    pub expected: String,
    /// What the code returned for it, or how it failed (truncated).
    pub actual: String,
    /// The input in full, as tagged JSON (`runner::Value::to_json`).
    pub args: serde_json::Value,
}

/// Pass counts of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryCount {
    /// The category.
    pub category: Category,
    /// Passed tests.
    pub passed: usize,
    /// All tests.
    pub total: usize,
}

/// The hidden tests' results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestSummary {
    /// Passed tests.
    pub passed: usize,
    /// All tests.
    pub total: usize,
    /// Counts per category.
    pub categories: Vec<CategoryCount>,
    /// Each failing test, with evidence.
    pub failed: Vec<FailedTest>,
    /// The same failures grouped by cause, one card each.
    #[serde(default)]
    pub causes: Vec<FailureCause>,
}

impl TestSummary {
    /// Counts per category of the problem's hidden tests, from whether each passed (in order).
    pub(crate) fn new(problem: &Problem, passed: &[bool], failed: Vec<FailedTest>) -> TestSummary {
        let categories = problem
            .categories()
            .into_iter()
            .map(|category| {
                let in_category: Vec<bool> =
                    problem.tests.iter().zip(passed).filter(|(c, _)| c.category == category).map(|(_, p)| *p).collect();
                CategoryCount { category, passed: in_category.iter().filter(|p| **p).count(), total: in_category.len() }
            })
            .collect();
        let causes = causes(&failed);
        TestSummary { passed: passed.iter().filter(|p| **p).count(), total: passed.len(), categories, failed, causes }
    }
}

/// Groups the failures by cause. Tests that did not finish are one cause at one line, whatever each one's
/// figure: the cause says the least of them, on each input ("more than N×" holds for every test in it).
fn causes(failed: &[FailedTest]) -> Vec<FailureCause> {
    let mut out: Vec<FailureCause> = Vec::new();
    // Per cause, the least multiple of the reference's work among its tests that did not finish.
    let mut least: Vec<f64> = Vec::new();
    for test in failed {
        let what = match (&test.error, test.kind.is_shared_cause()) {
            (Some(error), true) => error.clone(),
            _ => test.name.clone(),
        };
        let times = match (test.kind, test.reference_fuel) {
            (FailureKind::Timeout, Some(reference)) => test.fuel as f64 / reference.max(1) as f64,
            _ => f64::INFINITY,
        };
        let same = |c: &FailureCause| {
            let unfinished = c.kind == FailureKind::Timeout;
            c.kind.is_shared_cause() && c.kind == test.kind && (unfinished || c.what == what) && c.line == test.line
        };
        match out.iter().position(same) {
            Some(at) => {
                out[at].tests.push(test.name.clone());
                if times < least[at] {
                    (out[at].what, least[at]) = (what, times);
                }
            }
            None => {
                out.push(FailureCause { kind: test.kind, what, line: test.line, tests: vec![test.name.clone()] });
                least.push(times);
            }
        }
    }
    for (cause, times) in out.iter_mut().zip(least) {
        if cause.tests.len() > 1 && times.is_finite() {
            cause.what = crate::words::unfinished_times(times, "each input");
        }
    }
    out
}

/// A visible example's result, shown in full to both people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleResult {
    /// Its name.
    pub name: String,
    /// The input.
    pub input: String,
    /// The expected value.
    pub expected: String,
    /// What the code did.
    pub actual: String,
    /// Whether it passed.
    pub passed: bool,
    /// The error, if one was raised.
    pub error: Option<String>,
    /// The candidate's line the error points at.
    pub line: Option<u32>,
    /// What the code printed.
    pub output: String,
}

/// Why the module did not load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadError {
    /// The message, e.g. `SyntaxError: invalid syntax (line 3, column 5)`.
    pub message: String,
    /// The line it points at.
    pub line: Option<u32>,
    /// The column, for syntax errors.
    pub column: Option<u32>,
}

/// The suggested score for the coding problem, with the reasons that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// 1 (no hire) to 4 (strong hire).
    pub suggested: u8,
    /// Each reason, in plain words.
    pub reasons: Vec<String>,
}

/// Everything the grader found. This is the interviewer's view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The problem's id.
    pub problem: String,
    /// The verdict.
    pub verdict: Verdict,
    /// What to read first: the suggested score and why, correctness, growth, cost at scale.
    pub summary: Summary,
    /// Why the module did not load, if it did not.
    pub load_error: Option<LoadError>,
    /// Visible examples.
    #[serde(default)]
    pub examples: Vec<ExampleResult>,
    /// Hidden tests.
    pub tests: TestSummary,
    /// Findings beyond pass/fail (e.g. state kept between calls).
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Measured growth of time and space, when probes ran.
    pub complexity: Option<Complexity>,
    /// Why the growth was not measured, when it was not.
    pub complexity_note: Option<String>,
    /// Behaviour, algorithm and cost of a rate limiter.
    pub rate_limiter: Option<RateLimiterAnalysis>,
    /// The suggested score.
    pub score: Score,
    /// Questions worth asking, drawn from the evidence.
    #[serde(default)]
    pub follow_ups: Vec<String>,
    /// Fuel used by all runs of this grading, harness included.
    pub fuel_total: u64,
}

/// What the candidate may see: no hidden inputs, no hidden errors, no score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CandidateView {
    /// The problem's id.
    pub problem: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why the module did not load (it is the candidate's own code).
    pub load_error: Option<LoadError>,
    /// Visible examples, in full.
    #[serde(default)]
    pub examples: Vec<ExampleResult>,
    /// Hidden tests passed.
    pub passed: usize,
    /// Hidden tests in all.
    pub total: usize,
    /// Counts per category.
    pub categories: Vec<CategoryCount>,
}

impl Report {
    /// The candidate's view of this report.
    pub fn candidate_view(&self) -> CandidateView {
        CandidateView {
            problem: self.problem.clone(),
            verdict: self.verdict,
            load_error: self.load_error.clone(),
            examples: self.examples.clone(),
            passed: self.tests.passed,
            total: self.tests.total,
            categories: self.tests.categories.clone(),
        }
    }
}
