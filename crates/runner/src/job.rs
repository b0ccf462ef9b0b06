//! What to run: a candidate's source and the calls to make on it.

use crate::value::Value;
use serde_json::{Value as Json, json};

/// A call on the loaded module.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    /// Call a module-level function.
    Function {
        /// The function's name.
        name: String,
        /// Positional arguments.
        args: Vec<Value>,
        /// Report the arguments as they are after the call, to detect mutation.
        report_args: bool,
    },
    /// Construct a class and keep the instance in a numbered slot.
    New {
        /// The class's name.
        class: String,
        /// Constructor arguments.
        args: Vec<Value>,
        /// The slot the instance goes in.
        slot: u32,
    },
    /// Call a method on the instance in a slot.
    Method {
        /// The slot holding the instance.
        slot: u32,
        /// The method's name.
        name: String,
        /// Positional arguments.
        args: Vec<Value>,
    },
}

impl Call {
    /// A function call that does not check for mutation.
    pub fn function(name: &str, args: Vec<Value>) -> Call {
        Call::Function { name: name.into(), args, report_args: false }
    }

    fn to_json(&self) -> Json {
        let args = |a: &[Value]| Json::Array(a.iter().map(Value::to_json).collect());
        match self {
            Call::Function { name, args: a, report_args } => {
                json!({ "kind": "function", "target": name, "args": args(a), "report_args": report_args })
            }
            Call::New { class, args: a, slot } => json!({ "kind": "new", "target": class, "args": args(a), "object": slot }),
            Call::Method { slot, name, args: a } => {
                json!({ "kind": "method", "target": name, "args": args(a), "object": slot })
            }
        }
    }
}

/// One run: load `source`, then make `calls` in order, in a fresh store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Job {
    /// The candidate's Python source.
    pub source: String,
    /// Calls to make after the module loads.
    pub calls: Vec<Call>,
    /// Measure each step's peak Python allocation with tracemalloc (adds fuel to the measured cost).
    pub trace_memory: bool,
    /// Trace allocations from the first call on and report the live traced bytes after each step
    /// (what objects created by the calls still hold). Overrides `trace_memory`.
    pub trace_live: bool,
    /// Fuel per step for this job instead of the limit; a value above the limit is cut to the limit.
    pub fuel_per_step: Option<u64>,
}

impl Job {
    /// A job with these calls and default settings.
    pub fn new(source: impl Into<String>, calls: Vec<Call>) -> Job {
        Job { source: source.into(), calls, ..Job::default() }
    }

    /// Whether every call reports its own peak allocation (live tracing, when asked for, replaces it).
    pub(crate) fn traces_peaks(&self) -> bool {
        self.trace_memory && !self.trace_live
    }

    pub(crate) fn request(&self, output_chars: usize) -> String {
        json!({
            "source": self.source,
            "calls": self.calls.iter().map(Call::to_json).collect::<Vec<_>>(),
            "trace_memory": self.traces_peaks(),
            "trace_live": self.trace_live,
            "output_limit": output_chars,
        })
        .to_string()
    }
}
