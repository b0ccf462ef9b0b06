//! The per-run host state: WASI context, memory meter, and the step protocol the guest follows.
//!
//! The guest brackets each piece of candidate code with `begin-step` / `end-step` and then hands over
//! the outcome with `record-step`. The host arms the step's fuel and deadline at `begin-step` and reads
//! the fuel used at `end-step`, so the figures come from the host, not from the guest. Any other order
//! of calls means candidate code reached the harness's imports, and ends the run as tampering.

use crate::config::Limits;
use crate::outcome::{Frame, Outcome, PyError, StepReport};
use crate::marshal::{self, Py};
use crate::value::Value;
use serde_json::Value as Json;
use crate::clock::VirtualTime;
use std::time::Duration;
use wasmtime::component::ResourceTable;
use wasmtime::{ResourceLimiter, StoreContextMut};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{Deterministic, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

/// Epoch ticks per second; the ticker thread advances the epoch this often.
pub(crate) const TICKS_PER_SECOND: u64 = 100;

/// Fuel the harness may spend after a step whatever its outcome: resolving the next call and encoding a
/// small result take 0.1 to 0.3 million (the harness frees nothing and collects no garbage there).
const SEGMENT_FUEL_BASE: u64 = 10_000_000;
/// Further fuel per byte of the step's recorded outcome: encoding nested values costs about 1,700.
const SEGMENT_FUEL_PER_BYTE: u64 = 20_000;

/// The state a store holds for one run.
pub(crate) struct Host {
    wasi: WasiCtx,
    pub(crate) table: ResourceTable,
    pub(crate) time: VirtualTime,
    pub(crate) meter: Meter,
    pub(crate) steps: StepLog,
    pub(crate) raw_output: MemoryOutputPipe,
}

impl Host {
    pub(crate) fn new(limits: &Limits, step_fuel: Vec<u64>, traced: bool) -> Host {
        let raw_output = MemoryOutputPipe::new(limits.output_chars);
        let time = VirtualTime::default();
        let wasi = WasiCtxBuilder::new()
            .stdout(raw_output.clone())
            .stderr(raw_output.clone())
            .wall_clock(time.wall_clock())
            .monotonic_clock(time.monotonic_clock())
            .secure_random(Deterministic::new(SEED.to_vec()))
            .insecure_random(Deterministic::new(SEED.to_vec()))
            .insecure_random_seed(0x5eed)
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false)
            .build();
        Host {
            wasi,
            table: ResourceTable::new(),
            time,
            meter: Meter { cap: limits.memory_bytes, ..Meter::default() },
            steps: StepLog::new(limits, step_fuel, traced),
            raw_output,
        }
    }
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

const SEED: [u8; 16] = *b"screenjudge-seed";

/// Tracks linear memory across the guest's memories, enforces the cap, and notes each step's peak.
#[derive(Default)]
pub(crate) struct Meter {
    cap: usize,
    total: usize,
    step_start: usize,
    step_peak: usize,
    pub(crate) denied: bool,
}

impl Meter {
    fn start_step(&mut self) {
        self.step_start = self.total;
        self.step_peak = self.total;
    }

    fn step_growth(&self) -> u64 {
        (self.step_peak - self.step_start) as u64
    }

    pub(crate) fn cap(&self) -> usize {
        self.cap
    }
}

impl ResourceLimiter for Meter {
    fn memory_growing(&mut self, current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        let total = self.total - current.min(self.total) + desired;
        if total > self.cap {
            // Refused, not trapped: CPython raises MemoryError, and the flag classifies the step whatever
            // the candidate does with that exception.
            self.denied = true;
            return Ok(false);
        }
        self.total = total;
        self.step_peak = self.step_peak.max(total);
        Ok(true)
    }

    fn table_growing(&mut self, _current: usize, desired: usize, _maximum: Option<usize>) -> wasmtime::Result<bool> {
        Ok(desired <= 1 << 20)
    }
}

/// Where the guest stands in the begin / end / record cycle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Phase {
    /// Between steps: only the harness runs.
    Idle,
    /// Candidate code runs with the step's fuel.
    Running,
    /// Candidate code stopped; its outcome is on its way.
    Ended { fuel: u64, growth: u64 },
}

/// The host's record of the steps of one run.
pub(crate) struct StepLog {
    pub(crate) phase: Phase,
    pub(crate) reports: Vec<StepReport>,
    expected: usize,
    /// Fuel for each step, in order (loading the module first).
    step_fuel: Vec<u64>,
    fuel_harness: u64,
    deadline_ticks: u64,
    output_chars: u64,
    /// Fuel used by the harness segments so far.
    pub(crate) harness_fuel_used: u64,
    /// The most fuel the harness may use in the segment after the last recorded step.
    segment_bound: u64,
    /// Whether every call's peak memory was asked for.
    traced: bool,
}

/// The error that ends a run whose guest broke the step protocol.
#[derive(Debug)]
pub(crate) struct Tampering(pub(crate) String);

impl std::fmt::Display for Tampering {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "step protocol broken: {}", self.0)
    }
}

impl std::error::Error for Tampering {}

impl StepLog {
    fn new(limits: &Limits, step_fuel: Vec<u64>, traced: bool) -> StepLog {
        let expected = step_fuel.len();
        StepLog {
            phase: Phase::Idle,
            reports: Vec::with_capacity(expected),
            expected,
            step_fuel,
            fuel_harness: limits.fuel_harness,
            deadline_ticks: ticks(limits.step_deadline),
            output_chars: limits.output_chars as u64,
            harness_fuel_used: 0,
            segment_bound: u64::MAX,
            traced,
        }
    }

    /// The fuel of the step that is running or would run next.
    pub(crate) fn fuel_per_step(&self) -> u64 {
        self.step_fuel.get(self.reports.len()).copied().unwrap_or(0)
    }

    pub(crate) fn fuel_harness(&self) -> u64 {
        self.fuel_harness
    }

    /// Closes the harness segment that used `fuel` since the last step ended. Work that candidate code
    /// moved out of its brackets (by calling the harness's imports itself, or from a finalizer) runs
    /// here; more than the segment's bound condemns the step before it.
    pub(crate) fn close_segment(&mut self, fuel: u64) -> Result<(), Tampering> {
        self.harness_fuel_used += fuel;
        let bound = std::mem::replace(&mut self.segment_bound, u64::MAX);
        let Some(last) = self.reports.last_mut() else { return Ok(()) };
        last.harness_fuel = fuel;
        if fuel > bound {
            return Err(Tampering(format!("{fuel} fuel ran outside the measured step (at most {bound} expected)")));
        }
        Ok(())
    }
}

/// Epoch ticks in a duration, at least one.
pub(crate) fn ticks(duration: Duration) -> u64 {
    (duration.as_millis() as u64 * TICKS_PER_SECOND / 1000).max(1)
}

fn tamper(detail: &str) -> wasmtime::Error {
    wasmtime::Error::new(Tampering(detail.to_string()))
}

/// `begin-step`: arm the step's fuel and deadline.
pub(crate) fn begin_step(mut store: StoreContextMut<'_, Host>) -> wasmtime::Result<()> {
    let left = store.get_fuel()?;
    let host = store.data_mut();
    if host.steps.phase != Phase::Idle {
        return Err(tamper("a step began while another was open"));
    }
    if host.steps.reports.len() >= host.steps.expected {
        return Err(tamper("more steps than the request asked for"));
    }
    let segment = host.steps.fuel_harness - left.min(host.steps.fuel_harness);
    host.steps.close_segment(segment).map_err(wasmtime::Error::new)?;
    host.steps.phase = Phase::Running;
    host.meter.start_step();
    host.meter.denied = false;
    let (fuel, ticks) = (host.steps.fuel_per_step(), host.steps.deadline_ticks);
    store.set_fuel(fuel)?;
    store.set_epoch_deadline(ticks);
    Ok(())
}

/// `end-step`: read the fuel the step used and give the harness its own budget back.
pub(crate) fn end_step(mut store: StoreContextMut<'_, Host>) -> wasmtime::Result<()> {
    let left = store.get_fuel()?;
    let host = store.data_mut();
    if host.steps.phase != Phase::Running {
        return Err(tamper("a step ended that had not begun"));
    }
    let armed = host.steps.fuel_per_step();
    let fuel = armed - left.min(armed);
    host.steps.phase = Phase::Ended { fuel, growth: host.meter.step_growth() };
    let (fuel, ticks) = (host.steps.fuel_harness, host.steps.deadline_ticks);
    store.set_fuel(fuel)?;
    store.set_epoch_deadline(ticks);
    Ok(())
}

/// `record-step`: take the outcome of the step that just ended (or of a call that never started).
pub(crate) fn record_step(mut store: StoreContextMut<'_, Host>, outcome: Vec<u8>) -> wasmtime::Result<()> {
    let host = store.data_mut();
    let (fuel, growth) = match host.steps.phase {
        Phase::Ended { fuel, growth } => (fuel, growth),
        Phase::Idle if host.steps.reports.len() < host.steps.expected => (0, 0),
        _ => return Err(tamper("an outcome was recorded out of turn")),
    };
    let envelope = match marshal::read(&outcome) {
        Ok(Py::Dict(pairs)) => pairs,
        Ok(_) => return Err(tamper("an outcome that is not a dict")),
        Err(e) => return Err(tamper(&format!("an unreadable outcome ({e})"))),
    };
    let mut report = parse_outcome(&Envelope(&envelope), fuel, growth, host.steps.output_chars);
    let is_call = !host.steps.reports.is_empty();
    if host.steps.traced && is_call && report.memory_peak.is_none() && matches!(report.outcome, Outcome::Returned { .. }) {
        report.outcome = Outcome::Tampered { detail: "memory tracing was switched off during the call".into() };
    }
    if matches!(host.steps.phase, Phase::Idle) && !matches!(report.outcome, Outcome::Missing { .. }) {
        return Err(tamper("an outcome without a step"));
    }
    if host.meter.denied {
        report.outcome = Outcome::MemoryLimit { limit_bytes: host.meter.cap() as u64 };
        host.meter.denied = false;
    }
    host.steps.reports.push(report);
    host.steps.phase = Phase::Idle;
    host.steps.segment_bound = SEGMENT_FUEL_BASE.saturating_add(SEGMENT_FUEL_PER_BYTE.saturating_mul(outcome.len() as u64));
    Ok(())
}

/// The guest's outcome dict, read by key.
struct Envelope<'a>(&'a [(Py, Py)]);

impl Envelope<'_> {
    fn get(&self, key: &str) -> Option<&Py> {
        self.0.iter().find(|(k, _)| matches!(k, Py::Str(s) if s == key)).map(|(_, v)| v)
    }

    fn text(&self, key: &str) -> String {
        text(self.get(key))
    }

    fn number(&self, key: &str) -> Option<u64> {
        number(self.get(key))
    }

    fn nested(&self, key: &str) -> Option<Envelope<'_>> {
        match self.get(key) {
            Some(Py::Dict(pairs)) => Some(Envelope(pairs)),
            _ => None,
        }
    }
}

fn text(py: Option<&Py>) -> String {
    match py {
        Some(Py::Str(s) | Py::Unpaired(s)) => s.clone(),
        _ => String::new(),
    }
}

fn number(py: Option<&Py>) -> Option<u64> {
    match py {
        Some(Py::Int(Value::Int(i))) => u64::try_from(*i).ok(),
        _ => None,
    }
}

/// A value as the guest encodes it: `("plain", v)` when it is plain data of exact built-in types
/// (marshal checks them as it writes), `("tagged", text)` when the guest's encoder described it as
/// tagged JSON (objects, nesting, sizes).
fn decode_value(py: &Py) -> Option<Value> {
    let Py::Tuple(pair) = py else { return None };
    match pair.as_slice() {
        [Py::Str(kind), plain] if kind == "plain" => Some(exact(plain)),
        [Py::Str(kind), Py::Str(tagged)] if kind == "tagged" => {
            serde_json::from_str::<Json>(tagged).ok().map(|json| Value::from_json(&json))
        }
        _ => None,
    }
}

/// Plain marshal data as the value it is.
fn exact(py: &Py) -> Value {
    let all = |items: &[Py]| items.iter().map(exact).collect();
    match py {
        Py::None => Value::None,
        Py::Bool(b) => Value::Bool(*b),
        Py::Int(v) => v.clone(),
        Py::Float(x) => Value::Float(*x),
        Py::Str(s) if s.chars().count() > MAX_STR_CHARS => Value::TooLarge,
        Py::Str(s) => Value::Str(s.clone()),
        Py::Unpaired(s) => Value::UnpairedStr(s.clone()),
        Py::Bytes(_) => Value::Object { type_name: "bytes".into(), bases: Vec::new() },
        Py::List(items) => Value::List(all(items)),
        Py::Tuple(items) => Value::Tuple(all(items)),
        Py::Set(items) => Value::Set(all(items)),
        Py::Dict(pairs) => Value::Dict(pairs.iter().map(|(k, v)| (exact(k), exact(v))).collect()),
    }
}

/// Longest string reported in full (as the guest's encoder caps them).
const MAX_STR_CHARS: usize = 4_000_000;

/// Turns the guest's outcome into a report.
fn parse_outcome(envelope: &Envelope<'_>, fuel: u64, growth: u64, output_chars: u64) -> StepReport {
    // The guest's own cap is a Python object candidate code can reach; this one it cannot.
    let mut output = envelope.text("output");
    let capped = envelope.get("output_limit").is_some() || output.chars().count() as u64 > output_chars;
    if capped {
        output = output.chars().take(output_chars as usize).collect();
        output.push_str(&format!("\n[output cut at {output_chars} characters]"));
    }
    let outcome = if capped {
        Outcome::OutputLimit { limit_chars: output_chars }
    } else if let Some(value) = envelope.get("value") {
        match decode_value(value) {
            Some(value) => Outcome::Returned { value },
            None => Outcome::Tampered { detail: "a returned value in no known encoding".into() },
        }
    } else if let Some(error) = envelope.nested("error") {
        let traceback = match error.get("traceback") {
            Some(Py::List(frames)) => frames
                .iter()
                .filter_map(|f| match f {
                    Py::Dict(pairs) => Some(Envelope(pairs)),
                    _ => None,
                })
                .map(|f| Frame {
                    line: f.number("line").unwrap_or(0) as u32,
                    function: f.text("function"),
                    text: f.text("text"),
                })
                .collect(),
            _ => Vec::new(),
        };
        Outcome::Raised {
            error: PyError {
                type_name: error.text("type"),
                message: error.text("message"),
                line: error.number("line").map(|n| n as u32),
                traceback,
            },
        }
    } else if let Some(syntax) = envelope.nested("syntax") {
        Outcome::SyntaxError {
            message: syntax.text("message"),
            line: syntax.number("line").map(|n| n as u32),
            column: syntax.number("column").map(|n| n as u32),
            text: syntax.text("text"),
        }
    } else if let Some(code) = envelope.get("exit") {
        let code = match code {
            Py::Int(v) => v.to_string(),
            other => text(Some(other)),
        };
        Outcome::Exit { code }
    } else if let Some(why) = envelope.get("unencodable") {
        Outcome::Crashed { detail: format!("the result could not be encoded: {}", text(Some(why))) }
    } else if let Some(what) = envelope.get("missing") {
        Outcome::Missing { what: text(Some(what)) }
    } else {
        Outcome::Tampered { detail: "an outcome of unknown shape".into() }
    };
    let args_after = match envelope.get("args_after") {
        Some(Py::List(args)) => args.iter().map(decode_value).collect(),
        _ => None,
    };
    StepReport {
        outcome,
        fuel,
        memory_peak: envelope.number("memory_peak"),
        memory_live: envelope.number("memory_live"),
        linear_growth: growth,
        output,
        args_after,
        harness_fuel: 0,
    }
}
