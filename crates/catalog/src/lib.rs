//! The interview problems, loaded from the data in `problems/`.
//!
//! - `problem`: the model of one problem (entry point, examples, hidden tests, probe families, limits);
//! - `generate`: inputs built deterministically from seeds, for large tests and timing probes;
//! - `reference`: expected answers computed in Rust, so no expected value ever comes from running Python.
//!
//! What it is not: it runs nothing and grades nothing.

mod generate;
mod problem;
mod reference;

pub use generate::Generator;
pub use problem::{Case, CaseInput, Catalog, CatalogError, Entry, Level, Optimal, ProbeFamily, Problem, PropertySpec, Trace};
pub use reference::expected;
