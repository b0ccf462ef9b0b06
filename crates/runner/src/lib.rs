//! Runs a candidate's untrusted Python inside a wasmtime sandbox and measures it exactly.
//!
//! This is the only crate that knows about wasmtime. The guest is CPython compiled to WebAssembly with
//! the harness in `sandbox/guest/app.py`, built by this crate's build script. Layout:
//!
//! - `sandbox`: the engine, the pre-instantiated guest, one fresh store per run;
//! - `trap`: what ended a step that trapped (a limit reached, or a fault);
//! - `run`: one run driven by the host, an export call per step (`load`, then `stage` and `invoke` for
//!   each call), each metered by the host: the guest computes, the host measures;
//! - `bindings`: the guest's exports and its one import, typed from `sandbox/wit/runner.wit`;
//! - `host`: per-run state and the memory meter, through which the host sees every growth of the heap;
//! - `decode`: the guest's outcomes, read against a strict schema (they carry no figures);
//! - `artifact`: compile the guest once, cache it on disk under a key of its bytes (remembered by the
//!   guest file's identity, so that it is not hashed at every start);
//! - `job`, `outcome`: what goes in and what comes out, as plain data (the values themselves are the
//!   `value` crate's, re-exported here as `Value`);
//! - `marshal`: the wire format both ways (CPython's marshal: cheap inside the guest, exact about types);
//! - `config`, `error`: limits with defaults, and the host's own faults.
//!
//! What it is not: a grader. It never sees expected answers and never judges a result.

mod artifact;
mod bindings;
mod clock;
mod config;
mod decode;
mod error;
mod host;
mod job;
mod lines;
mod marshal;
mod outcome;
mod run;
mod sandbox;
mod trap;

pub use config::{Limits, SandboxConfig};
pub use error::SandboxError;
pub use job::{Call, FillHeap, Job};
pub use lines::LineFuel;
pub use outcome::{Frame, Outcome, PyError, RunReport, StepReport};
pub use sandbox::Sandbox;
pub use value::Value;
