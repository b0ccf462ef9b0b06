//! What to run: a candidate's source and the calls to make on it.

use crate::marshal::Writer;
use value::Value;

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

    /// The call as the guest's `stage` reads it, one marshal blob of its own: `(kind, target, args, slot,
    /// report_args, fill_heap, explain)`; a replay's `args` is a tuple of argument tuples.
    pub(crate) fn blob(&self, staged: &Staged) -> Vec<u8> {
        let mut writer = Writer::default();
        self.write(&mut writer, staged);
        writer.out
    }

    /// Whether the call's arguments come back after it, to detect mutation.
    pub(crate) fn reports_args(&self) -> bool {
        matches!(self, Call::Function { report_args: true, .. })
    }

    fn write(&self, writer: &mut Writer, staged: &Staged) {
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
        writer.header(b'(', 7);
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
        writer.value(&Value::Bool(staged.fill));
        writer.value(&Value::Bool(staged.explain));
    }
}

/// One call as the host stages it: the blob `stage` reads, whether the harness fills the free heap
/// first, and whether the call explains where its time goes.
pub(crate) struct Staged {
    pub(crate) blob: Vec<u8>,
    pub(crate) fill: bool,
    pub(crate) explain: bool,
}

/// When the harness fills the free heap before a call, so that what the call allocates shows as the
/// heap's growth, which the host reads itself (see `StepReport::heap_growth`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FillHeap {
    /// Never: the growth of a call is only what it allocated beyond the free heap it found.
    #[default]
    Never,
    /// Before every call: each call's growth is its own peak allocation (to a 64 KiB page), whatever
    /// earlier calls freed.
    BeforeEachCall,
}

/// One run: load `source`, then make `calls` in order, in a fresh store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Job {
    /// The candidate's Python source.
    pub source: String,
    /// Calls to make after the module loads.
    pub calls: Vec<Call>,
    /// When the free heap is filled before a call, for a run that measures memory. Filling costs the
    /// harness a little fuel outside the calls; a run that measures time leaves it `Never`.
    pub fill_heap: FillHeap,
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
    /// Which calls, in order, explain where their time goes: the harness sends each line of the
    /// candidate's code it reaches, and the host charges its own fuel readings to those lines
    /// (`StepReport::lines`). The sending costs fuel of its own, so such a call measures nothing else.
    /// Calls past its end are not explained.
    pub explain_calls: Vec<bool>,
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

    /// The settings `load` reads (a marshal dict), and how each call is staged, in order.
    pub(crate) fn wire(&self, output_chars: usize) -> (Vec<u8>, Vec<Staged>) {
        let mut writer = Writer::default();
        writer.out.push(b'{');
        for (key, value) in
            [("discard_values", Value::Bool(self.discard_values)), ("output_limit", Value::Int(output_chars as i64))]
        {
            writer.str(key);
            writer.value(&value);
        }
        writer.out.push(b'0');
        let staged = self
            .calls
            .iter()
            .enumerate()
            .map(|(index, call)| {
                let fill = self.fill_heap == FillHeap::BeforeEachCall;
                let mut staged =
                    Staged { blob: Vec::new(), fill, explain: self.explain_calls.get(index) == Some(&true) };
                staged.blob = call.blob(&staged);
                staged
            })
            .collect();
        (writer.out, staged)
    }
}
