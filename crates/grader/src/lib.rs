//! Grades a candidate's solution to one problem and explains the grade.
//!
//! - `grade`: the front door (`Grader::grade`, `Grader::run_examples`);
//! - `execute`: runs calls, restarting in a fresh store after a trap;
//! - `judge`: compares one call with the expected value, by exact type;
//! - `shrink`: turns a large failing input into a small counterexample;
//! - `complexity` and `fit`: timing probes and the growth class they name;
//! - `ratelimit`: property traces, algorithm models, per-call cost;
//! - `score`: the suggested score, its reasons, and follow-up questions;
//! - `report` and `render`: the report, its candidate view, and its text form.
//!
//! What it is not: a sandbox (see `runner`) or a catalogue (see `catalog`).

mod complexity;
mod execute;
mod fit;
mod grade;
mod judge;
mod ratelimit;
mod render;
mod report;
mod score;
mod shrink;

pub use complexity::{Complexity, Extrapolation, FUEL_PER_NATIVE_SECOND, PROBE_BUDGET, Point};
pub use fit::{CLASSES, Fit, classify};
pub use grade::{GradeError, Grader, Options};
pub use ratelimit::{MemoryPerKey, PerCallCost, Property, RateLimiterAnalysis, TraceReplay};
pub use render::render;
pub use report::{
    CandidateView, CategoryCount, ExampleResult, FailedTest, FailureKind, LoadError, Report, Score, TestSummary, Verdict,
};
