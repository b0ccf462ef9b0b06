//! What a run of candidate code produced: one classified outcome per step, with its exact cost.
//!
//! A failing submission is a result, never an error: exceptions, timeouts, memory exhaustion, exits and
//! output floods are all `Outcome` values. `SandboxError` is kept for faults of the host itself.

use crate::lines::LineFuel;
use serde::Serialize;
use value::Value;

/// One frame of a candidate's traceback, in the candidate's own line numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Frame {
    /// 1-based line in the candidate's source.
    pub line: u32,
    /// The function the line belongs to (`<module>` at top level).
    pub function: String,
    /// The source line, stripped.
    pub text: String,
}

/// An exception raised by candidate code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PyError {
    /// The exception's class name, e.g. `ZeroDivisionError`.
    pub type_name: String,
    /// `str(exception)`, truncated.
    pub message: String,
    /// The line in the candidate's code where it was raised, if it was raised there.
    pub line: Option<u32>,
    /// The candidate's frames only, innermost last.
    pub traceback: Vec<Frame>,
}

/// How one step (loading the module, or one call) ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// The call returned this value (a constructor returns `None`).
    Returned {
        /// The returned value, by exact type.
        value: Value,
    },
    /// The code raised an exception.
    Raised {
        /// What was raised.
        error: PyError,
    },
    /// The source does not parse.
    SyntaxError {
        /// The parser's message.
        message: String,
        /// 1-based line.
        line: Option<u32>,
        /// 1-based column.
        column: Option<u32>,
        /// The offending line.
        text: String,
    },
    /// The step used up its fuel budget: the deterministic time limit.
    Timeout {
        /// The budget that ran out.
        fuel_limit: u64,
    },
    /// The wall-clock backstop fired before the fuel ran out.
    Deadline {
        /// The deadline in milliseconds.
        millis: u64,
    },
    /// The step asked for more linear memory than allowed.
    MemoryLimit {
        /// The cap in bytes.
        limit_bytes: u64,
    },
    /// The wasm stack overflowed (runaway recursion below Python's own check).
    StackOverflow,
    /// The code ended the interpreter (`sys.exit`, `os._exit`).
    Exit {
        /// The exit status, or the type of a non-integer `sys.exit` argument.
        code: String,
    },
    /// The code printed more than the output cap.
    OutputLimit {
        /// The cap in characters.
        limit_chars: u64,
    },
    /// The function, class or method to call does not exist.
    Missing {
        /// What was looked for, e.g. `function 'remove_duplicates'`.
        what: String,
    },
    /// An earlier step ended the run (a load failure or a trap), so this one never ran.
    NotRun,
    /// The harness's reply broke the schema it is built to write: proof, obtained by the host, that
    /// candidate code rewrote the harness. Nothing else is called tampering.
    Tampered {
        /// What was seen.
        detail: String,
    },
    /// The sandbox trapped for a reason none of the above covers.
    Crashed {
        /// The trap's description.
        detail: String,
    },
}

impl Outcome {
    /// True when the step ran out of time: its fuel, or the wall-clock backstop.
    pub fn ran_out_of_time(&self) -> bool {
        matches!(self, Outcome::Timeout { .. } | Outcome::Deadline { .. })
    }

    /// The value returned, if the step returned normally.
    pub fn value(&self) -> Option<&Value> {
        match self {
            Outcome::Returned { value } => Some(value),
            _ => None,
        }
    }

    /// A one-line description fit for a report.
    pub fn summary(&self) -> String {
        match self {
            Outcome::Returned { value } => format!("returned {}", value.preview(80)),
            Outcome::Raised { error } => match error.line {
                Some(line) => format!("{}: {} (line {line})", error.type_name, error.message),
                None => format!("{}: {}", error.type_name, error.message),
            },
            Outcome::SyntaxError { message, line, column, .. } => {
                format!("SyntaxError: {message} (line {}, column {})", opt(*line), opt(*column))
            }
            Outcome::Timeout { fuel_limit } => format!("time limit: used all {fuel_limit} fuel"),
            Outcome::Deadline { millis } => format!("wall-clock deadline of {millis} ms reached"),
            Outcome::MemoryLimit { limit_bytes } => {
                format!("memory limit of {} MiB reached", limit_bytes >> 20)
            }
            Outcome::StackOverflow => "stack overflow (runaway recursion)".into(),
            Outcome::Exit { code } => format!("the code exited the interpreter (status {code})"),
            Outcome::OutputLimit { limit_chars } => {
                format!("printed more than {limit_chars} characters")
            }
            Outcome::Missing { what } => format!("{what} is not defined"),
            Outcome::NotRun => "not run: an earlier step ended the run".into(),
            Outcome::Tampered { detail } => format!("rewrote the sandbox's harness: {detail}"),
            Outcome::Crashed { detail } => format!("sandbox trap: {detail}"),
        }
    }
}

fn opt(n: Option<u32>) -> String {
    n.map_or_else(|| "?".into(), |n| n.to_string())
}

/// A step's outcome and what it cost, as the host measured it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepReport {
    /// How the step ended.
    pub outcome: Outcome,
    /// Fuel of the step, read by the host around its export call: the candidate's code and the harness's
    /// work on its result, exact and repeatable; for a call, also whatever its staging spent beyond the
    /// harness's calibrated cost of decoding its inputs.
    pub fuel: u64,
    /// How far the guest's linear memory grew during the step, in bytes (whole 64 KiB pages), read by the
    /// host. It counts what the step allocated beyond the free heap it found: with `FillHeap`, none, so
    /// it is the step's peak allocation.
    pub heap_growth: u64,
    /// What the step printed (stdout and stderr together), capped.
    pub output: String,
    /// The call's arguments as they were after the call, when asked for (to detect mutation).
    pub args_after: Option<Vec<Value>>,
    /// Where the call's fuel went, line by line, in a call that explains (`Job::explain_calls`); empty
    /// otherwise. An explanation: the guest said which lines ran, the host read the fuel.
    pub lines: Vec<LineFuel>,
}

impl StepReport {
    /// The report of a step that never ran because an earlier one ended its run.
    pub fn not_run() -> StepReport {
        StepReport::ended(Outcome::NotRun, 0)
    }

    pub(crate) fn ended(outcome: Outcome, fuel: u64) -> StepReport {
        StepReport { outcome, fuel, heap_growth: 0, output: String::new(), args_after: None, lines: Vec::new() }
    }
}

/// Everything one run produced: loading the source, then each call in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunReport {
    /// Executing the module's top level.
    pub load: StepReport,
    /// One report per requested call, in order; calls after a trap are `NotRun`.
    pub calls: Vec<StepReport>,
    /// Fuel used by the whole run, staging and instantiation included.
    pub total_fuel: u64,
    /// Anything written straight to the guest's stdout/stderr, bypassing the harness (capped).
    pub raw_output: String,
}

impl RunReport {
    /// True when the module loaded without error.
    pub fn loaded(&self) -> bool {
        matches!(self.load.outcome, Outcome::Returned { .. })
    }
}
