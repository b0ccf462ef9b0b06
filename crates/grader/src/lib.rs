//! Grades a candidate's solution to one problem and explains the grade.
//!
//! - `grade`: the front door (`Grader::grade`, `Grader::run_examples`, `Grader::scratch`), dispatching on the problem's kind;
//! - `kinds`: one module per kind (`function`, `rate_limiter`), each owning how its calls are built and
//!   judged, its analysis, its score and follow-ups;
//! - `entry`: other shapes of the entry point (the LeetCode `Solution` class), tried when it is missing;
//! - shared pieces the kinds use, which never import the front door or a kind: `execute` (groups of calls,
//!   a fresh store after a trap), `judge` (exact comparison), `references` (expected answers from the
//!   trusted `reference.py`), `cache` (computed once per problem version), `stored` (the reference's results kept on disk), `shrink` (small counterexamples),
//!   `complexity` (timing probes and growth classes), `score` (the gate and failure follow-ups), `report`
//!   and `render` (the report, its candidate view, its text form), `words` (figures and outcomes in plain
//!   words: native time, never fuel, for people), `calibration` (fuel to native time and guest bytes to
//!   native bytes, written once), `options` (options and errors), `scratch` (an interviewer's own input,
//!   read strictly, and the answer beside the reference's).
//!
//! What it is not: a sandbox (see `runner`) or a catalogue (see `catalog`).

mod cache;
mod calibration;
mod complexity;
mod entry;
mod execute;
mod grade;
mod judge;
mod kinds;
mod options;
mod references;
mod render;
mod report;
mod score;
pub mod scratch;
mod seeds;
mod shrink;
mod stored;
mod words;

pub use calibration::{FUEL_PER_NATIVE_SECOND, NATIVE_BYTES_PER_GUEST_BYTE};
pub use catalog::GrowthClass;
pub use complexity::{
    Across, Complexity, CostlyLines, Extrapolation, Fit, GrowingLine, Growth, LineCost, Measured,
    PROBE_BUDGET_PER_FAMILY, Point, classify,
};
pub use grade::Grader;
pub use options::{GradeError, Options};
pub use render::render;
pub use report::{
    Algorithm, CandidateView, CategoryCount, CostClass, ExampleResult, FailedTest, FailureKind, Finding, LoadError,
    MemoryPerKey, PerCallCost, Property, RateLimiterAnalysis, Report, Score, StaticSignal, Summary, TestSummary,
    TraceReplay, Verdict,
};
pub use scratch::{ScratchError, ScratchInput, ScratchResult};
