//! The front door: grade a submission for a problem, run its visible examples only, or run it on an
//! interviewer's own input beside the reference. It dispatches on
//! the problem's kind and holds what is shared across gradings (the sandbox, the reference's answers).

use crate::entry;
use crate::kinds::{function, rate_limiter};
use crate::options::{GradeError, Options};
use crate::report::{ExampleResult, Finding, LoadError, Report, Verdict};
use crate::scratch::{ScratchError, ScratchInput, ScratchResult};
use crate::seeds::ProbeSeeds;
use crate::stored::Stored;
use catalog::{Kind, Problem};
use runner::Sandbox;
use std::sync::Arc;

/// Grades submissions in a shared sandbox. Cheap to clone; clones share what they have computed.
#[derive(Clone)]
pub struct Grader {
    sandbox: Arc<Sandbox>,
    memo: Arc<function::Memo>,
}

impl Grader {
    /// A grader over `sandbox`.
    pub fn new(sandbox: Arc<Sandbox>) -> Grader {
        let seeds = ProbeSeeds::of_installation(sandbox.cache_dir());
        let memo = Arc::new(function::Memo::new(Stored::beside(&sandbox, &seeds), seeds));
        Grader { sandbox, memo }
    }

    /// The sandbox behind the grader.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Runs the visible examples only (the candidate's "Run" button). When the entry point is missing
    /// but another shape of it is there (see `entry`), that is what runs.
    pub fn run_examples(
        &self,
        problem: &Problem,
        source: &str,
    ) -> Result<(Option<LoadError>, Vec<ExampleResult>), GradeError> {
        let run = |source: &str| match problem.kind {
            Kind::Function => function::run_examples(&self.sandbox, &self.memo, problem, source),
            Kind::RateLimiter => rate_limiter::run_examples(&self.sandbox, problem, source),
        };
        let ((load, examples, _), _) = entry::or_adapted(problem, source, run, |(_, _, missing)| *missing)?;
        Ok((load, examples))
    }

    /// Grades `source` against every hidden test and measures its growth. When the entry point is missing but
    /// another shape of it is there (see `entry`), that is what is graded, and a finding says so.
    pub fn grade(&self, problem: &Problem, source: &str, options: &Options) -> Result<Report, GradeError> {
        let grade = |source: &str| match problem.kind {
            Kind::Function => function::grade(&self.sandbox, &self.memo, problem, source, options),
            Kind::RateLimiter => rate_limiter::grade(&self.sandbox, problem, source, options),
        };
        let (mut report, adapted) =
            entry::or_adapted(problem, source, grade, |r: &Report| r.verdict == Verdict::MissingEntry)?;
        if let Some(called) = adapted {
            report.findings.insert(0, Finding::EntryAdapted { called });
        }
        Ok(report)
    }

    /// Runs `source` on the interviewer's input (see `scratch::parse`) beside the trusted reference, each
    /// call of the candidate's code under `fuel`. When the entry point is missing but another shape of it
    /// is there (see `entry`), that is what runs. What the candidate's code does is in the result.
    pub fn scratch(
        &self,
        problem: &Problem,
        source: &str,
        input: &ScratchInput,
        fuel: u64,
    ) -> Result<ScratchResult, ScratchError> {
        self.run_input(problem, source, input, fuel, true)
    }

    /// As `scratch`, for the candidate's own input: what their code did is said in words that name
    /// nothing of the reference's (a call that does not finish is not measured against its work). The
    /// caller shows the candidate only the candidate's part.
    pub fn own_input(
        &self,
        problem: &Problem,
        source: &str,
        input: &ScratchInput,
        fuel: u64,
    ) -> Result<ScratchResult, ScratchError> {
        self.run_input(problem, source, input, fuel, false)
    }

    fn run_input(
        &self,
        problem: &Problem,
        source: &str,
        input: &ScratchInput,
        fuel: u64,
        against_reference: bool,
    ) -> Result<ScratchResult, ScratchError> {
        let run = |source: &str| match (input, problem.kind) {
            (ScratchInput::Args(args), Kind::Function) => {
                function::scratch(&self.sandbox, problem, source, args.clone(), fuel, against_reference)
            }
            (ScratchInput::Trace(trace), Kind::RateLimiter) => {
                rate_limiter::scratch(&self.sandbox, problem, source, trace.clone(), fuel)
            }
            _ => Err(ScratchError::Input("this input is not for this kind of problem".into())),
        };
        let ((result, _), _) = entry::or_adapted(problem, source, run, |(_, missing)| *missing)?;
        Ok(result)
    }
}
