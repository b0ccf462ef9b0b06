//! The interview problems, loaded from the data in `problems/`.
//!
//! - `catalog`: every `problems/<id>/` folder, loaded and validated;
//! - `problem`: the model of one problem (kind, entry point, examples, hidden tests, probe families, limits);
//! - `invalid`: each way a problem's data can fail the model;
//! - `questions`: the bank of foundational questions (`questions.json`);
//! - `spec`: the closed sets `problem.json` is written in (kinds, checks, categories, properties, hints);
//! - `growth`: growth classes, from O(1) to O(2^n);
//! - `generate`: inputs built deterministically from seeds, for large tests and timing probes;
//! - `shape`: structured inputs that scale with n (a repeat-free block in an arrangement), which the
//!   grader's search for costly inputs walks.
//!
//! What it is not: it runs nothing and grades nothing. Expected answers come from running each problem's
//! `reference.py`, which the grader does in a sandbox store of its own.

mod catalog;
mod generate;
mod growth;
mod invalid;
mod problem;
mod questions;
mod shape;
mod spec;

pub use catalog::Catalog;
pub use generate::Generator;
pub use growth::{GrowthClass, UnknownGrowthClass};
pub use invalid::Invalid;
pub use problem::{Case, CaseInput, CatalogError, Level, ProbeFamily, Problem};
pub use questions::{Question, QuestionBank};
pub use shape::{Arrangement, Block, Items, Shape};
pub use spec::{Category, Check, Entry, Hints, Kind, Optimal, PropertyKind, PropertySpec, Trace};
