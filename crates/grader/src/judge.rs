//! Compares what one call did with what was expected, on the host, by exact type and value.

use crate::references::Answer;
use crate::report::{FailedTest, FailureKind, LoadError, Verdict};
use crate::words;
use runner::{Outcome, StepReport, Value};

/// How a call went wrong, with the evidence in words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mismatch {
    pub kind: FailureKind,
    pub actual: String,
    pub error: Option<String>,
    pub line: Option<u32>,
}

/// Characters of a value shown in a report before it is cut.
pub(crate) const PREVIEW: usize = 200;

/// Arguments as shown in a report: one argument alone, several as a tuple.
pub(crate) fn preview_args(args: &[Value]) -> String {
    match args {
        [one] => one.preview(PREVIEW),
        many => Value::Tuple(many.to_vec()).preview(PREVIEW),
    }
}

/// `None` when the call returned exactly the reference's answer and left `args` as they were. A call that
/// did not finish is described against the reference's work on the same input.
pub(crate) fn judge(step: &StepReport, reference: &Answer, args: &[Value], check_mutation: bool) -> Option<Mismatch> {
    let expected = &reference.value;
    let Some(value) = step.outcome.value() else {
        let mut mismatch = failed(&step.outcome);
        if let Some(spent) = spent_when_stopped(step) {
            mismatch.error = Some(words::unfinished(spent, reference.fuel));
        }
        return Some(mismatch);
    };
    let actual = value.preview(PREVIEW);
    if value.type_name() != expected.type_name() {
        let error = Some(format!("returned a {} where a {} was due", value.type_name(), expected.type_name()));
        return Some(Mismatch { kind: FailureKind::WrongType, actual, error, line: None });
    }
    if value != expected {
        return Some(Mismatch { kind: FailureKind::WrongAnswer, actual, error: None, line: None });
    }
    if check_mutation && step.args_after.as_deref().is_some_and(|after| after != args) {
        let now = step.args_after.as_ref().and_then(|a| a.first()).map(|v| v.preview(PREVIEW)).unwrap_or_default();
        let error = Some(format!("the input was changed; afterwards it was {now}"));
        return Some(Mismatch { kind: FailureKind::MutatedInput, actual, error, line: None });
    }
    None
}

/// The failure behind an outcome that is not a returned value.
pub(crate) fn failed(outcome: &Outcome) -> Mismatch {
    let kind = match outcome {
        Outcome::Timeout { .. } | Outcome::Deadline { .. } => FailureKind::Timeout,
        Outcome::MemoryLimit { .. } => FailureKind::Memory,
        Outcome::OutputLimit { .. } => FailureKind::Output,
        Outcome::Missing { .. } => FailureKind::Missing,
        _ => FailureKind::Exception,
    };
    let line = match outcome {
        Outcome::Raised { error } => error.line,
        Outcome::SyntaxError { line, .. } => *line,
        _ => None,
    };
    Mismatch { kind, actual: "no value".into(), error: Some(words::outcome(outcome)), line }
}

/// The work a call that did not finish had been allowed when it was stopped: its whole allowance when
/// that ran out, what it had spent when the wall clock stopped it; `None` for a call that ended otherwise.
pub(crate) fn spent_when_stopped(step: &StepReport) -> Option<u64> {
    match step.outcome {
        Outcome::Timeout { fuel_limit } => Some(fuel_limit),
        Outcome::Deadline { .. } => Some(step.fuel),
        _ => None,
    }
}

/// Why the module did not load, if it did not.
pub(crate) fn load_error(load: &StepReport) -> Option<LoadError> {
    match &load.outcome {
        Outcome::Returned { .. } => None,
        Outcome::SyntaxError { line, column, .. } => {
            Some(LoadError { message: load.outcome.summary(), line: *line, column: *column })
        }
        Outcome::Raised { error } => {
            Some(LoadError { message: load.outcome.summary(), line: error.line, column: None })
        }
        other => Some(LoadError { message: words::outcome(other), line: None, column: None }),
    }
}

/// The verdict: the load failure if the module did not load, else the most severe test failure.
pub(crate) fn verdict_of(load: &StepReport, failures: &[FailedTest]) -> Verdict {
    match &load.outcome {
        Outcome::Returned { .. } => failures.iter().map(|f| f.kind.verdict()).min().unwrap_or(Verdict::Accepted),
        Outcome::SyntaxError { .. } => Verdict::CompileError,
        other => failed(other).kind.verdict(),
    }
}
