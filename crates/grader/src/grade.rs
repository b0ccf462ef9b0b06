//! The front door: grade a submission for a problem, or run its visible examples only.

use crate::complexity;
use crate::execute::run_groups;
use crate::judge::{self, PREVIEW};
use crate::ratelimit;
use crate::report::{
    CategoryCount, ExampleResult, FailedTest, LoadError, Report, Score, TestSummary, Verdict,
};
use crate::score;
use crate::shrink;
use catalog::{Case, CaseInput, Entry, Problem};
use runner::{Call, Outcome, Sandbox, SandboxError, StepReport, Value};
use std::sync::Arc;

/// Why grading could not finish. A failing submission is never one of these.
#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    /// The sandbox refused the job or failed itself.
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
}

/// What to do beyond the hidden tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Run the timing probes (complexity) and, for rate limiters, the cost analysis.
    pub probes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { probes: true }
    }
}

/// Grades submissions in a shared sandbox. Cheap to clone.
#[derive(Clone)]
pub struct Grader {
    sandbox: Arc<Sandbox>,
}

impl Grader {
    /// A grader over `sandbox`.
    pub fn new(sandbox: Arc<Sandbox>) -> Grader {
        Grader { sandbox }
    }

    /// The sandbox behind the grader.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Runs the visible examples only (the candidate's "Run" button).
    pub fn run_examples(&self, problem: &Problem, source: &str) -> Result<(Option<LoadError>, Vec<ExampleResult>), GradeError> {
        if let Entry::Class { .. } = problem.entry {
            let (load, examples, _) = ratelimit::run_examples(&self.sandbox, problem, source)?;
            return Ok((load_error(&load), examples));
        }
        let groups = calls_for(problem, &problem.examples, false);
        let run = run_groups(&self.sandbox, source, &groups, problem.fuel_per_test)?;
        Ok((load_error(&run.load), examples(problem, &problem.examples, &run.calls)))
    }

    /// Grades `source` against every hidden test, then measures it.
    pub fn grade(&self, problem: &Problem, source: &str, options: &Options) -> Result<Report, GradeError> {
        match problem.entry {
            Entry::Function { .. } => self.grade_function(problem, source, options),
            Entry::Class { .. } => Ok(ratelimit::grade(&self.sandbox, problem, source, options)?),
        }
    }

    fn grade_function(&self, problem: &Problem, source: &str, options: &Options) -> Result<Report, GradeError> {
        let mutation = problem.checks("no_mutation");
        let repeats: Vec<Case> = if problem.checks("stateless") {
            problem.tests.iter().filter(|c| c.category != "large").cloned().collect()
        } else {
            Vec::new()
        };
        let all: Vec<Case> = problem.examples.iter().chain(&problem.tests).chain(&repeats).cloned().collect();
        let groups = calls_for(problem, &all, mutation);
        let run = run_groups(&self.sandbox, source, &groups, problem.fuel_per_test)?;
        let (example_steps, rest) = run.calls.split_at(problem.examples.len());
        let (test_steps, repeat_steps) = rest.split_at(problem.tests.len());

        let mut failed = Vec::new();
        let mut passed_by_case = Vec::new();
        for (case, step) in problem.tests.iter().zip(test_steps) {
            let args = args_of(case);
            let expected = expected_for(problem, args);
            match judge::judge(step, &expected, args, mutation) {
                None => passed_by_case.push(true),
                Some(m) => {
                    passed_by_case.push(false);
                    failed.push(FailedTest {
                        category: case.category.clone(),
                        name: case.name.clone(),
                        kind: m.kind,
                        input: preview_args(args),
                        shrunk_input: None,
                        expected: expected.preview(PREVIEW),
                        actual: m.actual,
                        error: m.error,
                        line: m.line,
                        fuel: step.fuel,
                    });
                }
            }
        }
        if run.loaded() {
            shrink::shrink_failures(&self.sandbox, problem, source, &mut failed)?;
        }
        let mut findings = Vec::new();
        for ((case, first), again) in repeats.iter().zip(test_steps).zip(repeat_steps) {
            if let (Some(a), Some(b)) = (first.outcome.value(), again.outcome.value())
                && a != b
            {
                findings.push(format!(
                    "{}: '{}' gave {} the first time and {} when called again",
                    score::KEEPS_STATE,
                    case.name,
                    a.preview(60),
                    b.preview(60)
                ));
            }
        }
        if let Some(cut) = run.cut_fuel {
            findings.push(format!(
                "once a test had run out of its {:.1e} fuel, each later test got {:.1e}, to keep grading quick",
                problem.fuel_per_test as f64,
                cut as f64
            ));
        }
        let mut verdict = verdict_of(&run.load, &failed);
        let tests = summary(problem, &passed_by_case, failed);
        let complexity = if options.probes && run.loaded() && verdict != Verdict::MissingEntry && !problem.probes.is_empty() {
            Some(complexity::measure(&self.sandbox, problem, source)?)
        } else {
            None
        };
        if let Some(c) = complexity.as_ref().filter(|c| c.wrong_answers > 0) {
            // A fast wrong answer is not fast: the probes' inputs are tests too.
            findings.push(format!("wrong answers on {} of the timing probes' inputs (sizes up to {})", c.wrong_answers, c.largest_n));
            if verdict == Verdict::Accepted {
                verdict = Verdict::WrongAnswer;
            }
        }
        let mut report = Report {
            problem: problem.id.clone(),
            verdict,
            load_error: load_error(&run.load),
            examples: examples(problem, &problem.examples, example_steps),
            tests,
            findings,
            complexity,
            rate_limiter: None,
            score: Score { suggested: 1, reasons: Vec::new() },
            follow_ups: Vec::new(),
            fuel_total: run.fuel,
        };
        if let Some(c) = &report.complexity {
            report.fuel_total += c.fuel_total;
        }
        score::assess(problem, &mut report);
        Ok(report)
    }
}

/// One group (of one call) per case.
fn calls_for(problem: &Problem, cases: &[Case], report_args: bool) -> Vec<Vec<Call>> {
    let Entry::Function { function } = &problem.entry else { return Vec::new() };
    cases
        .iter()
        .map(|case| vec![Call::Function { name: function.clone(), args: args_of(case).to_vec(), report_args }])
        .collect()
}

fn args_of(case: &Case) -> &[Value] {
    match &case.input {
        CaseInput::Args(args) => args,
        _ => &[],
    }
}

pub(crate) fn expected_for(problem: &Problem, args: &[Value]) -> Value {
    catalog::expected(&problem.id, args).unwrap_or(Value::None)
}

pub(crate) fn preview_args(args: &[Value]) -> String {
    match args {
        [one] => one.preview(PREVIEW),
        many => Value::Tuple(many.to_vec()).preview(PREVIEW),
    }
}

fn examples(problem: &Problem, cases: &[Case], steps: &[StepReport]) -> Vec<ExampleResult> {
    cases
        .iter()
        .zip(steps)
        .map(|(case, step)| {
            let args = args_of(case);
            let expected = expected_for(problem, args);
            let mismatch = judge::judge(step, &expected, args, false);
            ExampleResult {
                name: case.name.clone(),
                input: preview_args(args),
                expected: expected.preview(PREVIEW),
                actual: step.outcome.value().map(|v| v.preview(PREVIEW)).unwrap_or_else(|| "no value".into()),
                passed: mismatch.is_none(),
                error: mismatch.as_ref().and_then(|m| m.error.clone()),
                line: mismatch.and_then(|m| m.line),
                output: step.output.clone(),
            }
        })
        .collect()
}

pub(crate) fn load_error(load: &StepReport) -> Option<LoadError> {
    match &load.outcome {
        Outcome::Returned { .. } => None,
        Outcome::SyntaxError { line, column, .. } => {
            Some(LoadError { message: load.outcome.summary(), line: *line, column: *column })
        }
        Outcome::Raised { error } => Some(LoadError { message: load.outcome.summary(), line: error.line, column: None }),
        other => Some(LoadError { message: other.summary(), line: None, column: None }),
    }
}

/// The verdict: the load failure if the module did not load, else the most severe test failure.
pub(crate) fn verdict_of(load: &StepReport, failed: &[FailedTest]) -> Verdict {
    match &load.outcome {
        Outcome::Returned { .. } => failed.iter().map(|f| f.kind.verdict()).min().unwrap_or(Verdict::Accepted),
        Outcome::SyntaxError { .. } => Verdict::CompileError,
        other => judge::failed(other).kind.verdict(),
    }
}

pub(crate) fn summary(problem: &Problem, passed: &[bool], failed: Vec<FailedTest>) -> TestSummary {
    let categories = problem
        .categories()
        .into_iter()
        .map(|category| {
            let in_category: Vec<bool> =
                problem.tests.iter().zip(passed).filter(|(c, _)| c.category == category).map(|(_, p)| *p).collect();
            CategoryCount { category, passed: in_category.iter().filter(|p| **p).count(), total: in_category.len() }
        })
        .collect();
    TestSummary { passed: passed.iter().filter(|p| **p).count(), total: passed.len(), categories, failed }
}
