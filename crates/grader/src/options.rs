//! What a grading may do beyond the hidden tests, and why it can fail (never because the code is wrong).

use runner::SandboxError;

/// Why grading could not finish. A failing submission is never one of these.
#[derive(Debug, thiserror::Error)]
pub enum GradeError {
    /// The sandbox refused the job or failed itself.
    #[error(transparent)]
    Sandbox(#[from] SandboxError),
    /// The problem's own `reference.py` did not answer: the problem's data is broken, not the submission.
    #[error("the reference solution of '{problem}' failed on {input}: {outcome}")]
    Reference {
        /// The problem's id.
        problem: String,
        /// The input, cut short.
        input: String,
        /// What the reference did instead of returning.
        outcome: String,
    },
}

impl GradeError {
    /// The code's size and the cap, when the code was refused for its size: the request's fault, not the
    /// service's (callers answer it as such without naming the sandbox's errors).
    pub fn source_too_large(&self) -> Option<(usize, usize)> {
        match self {
            GradeError::Sandbox(SandboxError::SourceTooLarge { size, limit }) => Some((*size, *limit)),
            _ => None,
        }
    }
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
