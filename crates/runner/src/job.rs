//! What to run: a candidate's source and the calls to make on it.

use crate::marshal::Writer;
use crate::value::Value;

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
    /// Call a method on the instance in a slot once per argument list, in order, as one step: the value
    /// is the list of results, and the step's fuel is theirs together. An exception ends it there.
    Replay {
        /// The slot holding the instance.
        slot: u32,
        /// The method's name.
        name: String,
        /// Positional arguments of each call.
        calls: Vec<Vec<Value>>,
    },
}

impl Call {
    /// A function call that does not check for mutation.
    pub fn function(name: &str, args: Vec<Value>) -> Call {
        Call::Function { name: name.into(), args, report_args: false }
    }

    /// The call's positional arguments (a replay has one list per call instead: this gives none).
    pub fn args(&self) -> &[Value] {
        match self {
            Call::Function { args, .. } | Call::New { args, .. } | Call::Method { args, .. } => args,
            Call::Replay { .. } => &[],
        }
    }

    /// The call as the guest reads it, one marshal blob of its own: `(kind, target, args, slot,
    /// report_args)`; a replay's `args` is a tuple of argument tuples.
    fn blob(&self) -> Vec<u8> {
        let mut writer = Writer::default();
        self.write(&mut writer);
        writer.out
    }

    fn write(&self, writer: &mut Writer) {
        let tuple = |writer: &mut Writer, args: &[Value]| {
            writer.header(b'(', args.len());
            for arg in args {
                writer.value(arg);
            }
        };
        let (kind, target, slot, report_args) = match self {
            Call::Function { name, report_args, .. } => ("function", name, 0, *report_args),
            Call::New { class, slot, .. } => ("new", class, *slot, false),
            Call::Method { slot, name, .. } => ("method", name, *slot, false),
            Call::Replay { slot, name, .. } => ("replay", name, *slot, false),
        };
        writer.header(b'(', 5);
        writer.str(kind);
        writer.str(target);
        match self {
            Call::Function { args, .. } | Call::New { args, .. } | Call::Method { args, .. } => tuple(writer, args),
            Call::Replay { calls, .. } => {
                writer.header(b'(', calls.len());
                for args in calls {
                    tuple(writer, args);
                }
            }
        }
        writer.value(&Value::Int(slot.into()));
        writer.value(&Value::Bool(report_args));
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
    /// Fuel per step (per call, in a replay) for this job instead of the limit; a value above the limit
    /// is cut to the limit.
    pub fuel_per_step: Option<u64>,
    /// Fuel for each call in order, where a call needs less than `fuel_per_step` (a test on a tiny input
    /// has no use for the allowance of the largest); calls past its end get `fuel_per_step`. Each is cut
    /// to `fuel_per_step` and to the limit as that is.
    pub fuel_of_calls: Vec<u64>,
    /// Do not send returned values back: a call that returns reports `Returned` with `None`. For runs
    /// whose answers are already known, where encoding a large result would cost more than the call.
    pub discard_values: bool,
    /// The problem's own trusted reference, not candidate code: `fuel_per_step` is used as given, above
    /// the operator's ceiling if need be (the expected answers must not depend on how tightly the
    /// candidates' runs are capped). Memory, stack and deadline limits still apply.
    pub trusted: bool,
}

impl Job {
    /// A job with these calls and default settings.
    pub fn new(source: impl Into<String>, calls: Vec<Call>) -> Job {
        Job { source: source.into(), calls, ..Job::default() }
    }

    /// Fuel for each step, loading first. A job may ask for less than the limit, never more (unless it is
    /// trusted): the limit is the operator's ceiling for candidate code. A replay gets the job's fuel for each of its calls, up to that ceiling.
    pub(crate) fn step_fuel(&self, limit: u64) -> Vec<u64> {
        let ceiling = if self.trusted { u64::MAX } else { limit };
        let each = self.fuel_per_step.unwrap_or(limit).min(ceiling);
        let per_call = self.calls.iter().enumerate().map(|(index, call)| {
            let own = self.fuel_of_calls.get(index).map_or(each, |&fuel| fuel.min(each));
            match call {
                Call::Replay { calls, .. } => own.saturating_mul(calls.len().max(1) as u64).min(ceiling),
                _ => own,
            }
        });
        std::iter::once(each).chain(per_call).collect()
    }

    /// Whether every call reports its own peak allocation (live tracing, when asked for, replaces it).
    pub(crate) fn traces_peaks(&self) -> bool {
        self.trace_memory && !self.trace_live
    }

    /// The request the guest's `evaluate` reads: a marshalled dict whose `steps` are one blob per step,
    /// loading first (`("load", source, (), 0, False)`), so that the guest decodes each step's inputs
    /// only just before it runs and candidate code cannot edit those of a later step.
    /// Also gives each step's blob size: the harness decodes a step's inputs between steps, at a cost
    /// the host bounds by that size.
    pub(crate) fn request(&self, output_chars: usize) -> (Vec<u8>, Vec<u64>) {
        let mut load = Writer::default();
        load.header(b'(', 5);
        load.str("load");
        load.str(&self.source);
        load.header(b'(', 0);
        load.value(&Value::Int(0));
        load.value(&Value::Bool(false));
        let mut writer = Writer::default();
        writer.out.push(b'{');
        for (key, value) in [
            ("trace_memory", Value::Bool(self.traces_peaks())),
            ("trace_live", Value::Bool(self.trace_live)),
            ("discard_values", Value::Bool(self.discard_values)),
            ("output_limit", Value::Int(output_chars as i64)),
        ] {
            writer.str(key);
            writer.value(&value);
        }
        writer.str("steps");
        writer.header(b'[', self.calls.len() + 1);
        writer.bytes(&load.out);
        let mut sizes = vec![load.out.len() as u64];
        for call in &self.calls {
            let blob = call.blob();
            sizes.push(blob.len() as u64);
            writer.bytes(&blob);
        }
        writer.out.push(b'0');
        (writer.out, sizes)
    }
}
