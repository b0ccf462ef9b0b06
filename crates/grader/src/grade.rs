//! The front door: grade a submission for a problem, or run its visible examples only. It dispatches on
//! the problem's kind and holds what is shared across gradings (the sandbox, the reference's answers).

use crate::kinds::{function, rate_limiter};
use crate::options::{GradeError, Options};
use crate::report::{ExampleResult, LoadError, Report};
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
        Grader { sandbox, memo: Arc::default() }
    }

    /// The sandbox behind the grader.
    pub fn sandbox(&self) -> &Sandbox {
        &self.sandbox
    }

    /// Runs the visible examples only (the candidate's "Run" button).
    pub fn run_examples(&self, problem: &Problem, source: &str) -> Result<(Option<LoadError>, Vec<ExampleResult>), GradeError> {
        match problem.kind {
            Kind::Function => function::run_examples(&self.sandbox, &self.memo, problem, source),
            Kind::RateLimiter => rate_limiter::run_examples(&self.sandbox, problem, source),
        }
    }

    /// Grades `source` against every hidden test, then measures it.
    pub fn grade(&self, problem: &Problem, source: &str, options: &Options) -> Result<Report, GradeError> {
        match problem.kind {
            Kind::Function => function::grade(&self.sandbox, &self.memo, problem, source, options),
            Kind::RateLimiter => rate_limiter::grade(&self.sandbox, problem, source, options),
        }
    }
}
