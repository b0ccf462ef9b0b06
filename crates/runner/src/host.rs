//! The per-run host state: WASI context, memory meter, and the step protocol the guest follows.
//!
//! The guest brackets each piece of candidate code with `begin-step` / `end-step` and then hands over
//! the outcome with `record-step`. The host arms the step's fuel and deadline at `begin-step` and reads
//! the fuel used at `end-step`, so the figures come from the host, not from the guest. Any other order
//! of calls means candidate code reached the harness's imports, and ends the run as tampering.

use crate::clock::VirtualTime;
use crate::config::Limits;
use crate::decode::{self, Expect, Size};
use crate::outcome::{Outcome, StepReport};
use std::time::Duration;
use wasmtime::component::ResourceTable;
use wasmtime::{ResourceLimiter, StoreContextMut};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{Deterministic, WasiCtx, WasiCtxBuilder, WasiCtxView, WasiView};

/// Epoch ticks per second; the ticker thread advances the epoch this often.
pub(crate) const TICKS_PER_SECOND: u64 = 100;

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
    pub(crate) fn new(limits: &Limits, step_fuel: Vec<u64>, shape: Shape) -> Host {
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
            steps: StepLog::new(limits, step_fuel, shape),
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
    deadline_ticks: u64,
    output_chars: usize,
    /// Fuel the harness may still spend between steps, in the whole run.
    harness_left: u64,
    /// The fuel the current harness segment started with.
    segment_start: u64,
    /// Fuel used by the harness segments so far.
    pub(crate) harness_fuel_used: u64,
    /// The most fuel the harness may use in the segment after the last recorded step.
    segment_bound: u64,
    /// Whether every call's peak memory was asked for, and live memory from the first call on.
    traced: bool,
    live: bool,
    discard: bool,
    /// What the harness refused during the current step, if anything (see `report_tampering`).
    refused: Option<String>,
    /// Bytes of each step's marshalled inputs, which the harness decodes before the step.
    input_bytes: Vec<u64>,
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

/// How a run's job shapes what its outcomes must hold and what its harness may spend.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) traced: bool,
    pub(crate) live: bool,
    pub(crate) discard: bool,
    /// Bytes of each step's marshalled inputs, loading first.
    pub(crate) input_bytes: Vec<u64>,
}

impl StepLog {
    fn new(limits: &Limits, step_fuel: Vec<u64>, shape: Shape) -> StepLog {
        let expected = step_fuel.len();
        StepLog {
            phase: Phase::Idle,
            reports: Vec::with_capacity(expected),
            expected,
            step_fuel,
            deadline_ticks: ticks(limits.step_deadline),
            output_chars: limits.output_chars,
            harness_left: limits.fuel_harness,
            segment_start: limits.fuel_harness,
            harness_fuel_used: 0,
            segment_bound: u64::MAX,
            traced: shape.traced,
            live: shape.live,
            discard: shape.discard,
            refused: None,
            input_bytes: shape.input_bytes,
        }
    }

    /// The fuel of the step that is running or would run next.
    pub(crate) fn fuel_per_step(&self) -> u64 {
        self.step_fuel.get(self.reports.len()).copied().unwrap_or(0)
    }

    /// Fuel the current harness segment has used, given the fuel left in the store.
    pub(crate) fn segment_used(&self, left: u64) -> u64 {
        self.segment_start - left.min(self.segment_start)
    }

    /// Closes the harness segment that used `fuel` since the last step ended. Work that candidate code
    /// moved out of its brackets (by calling the harness's imports itself, or from a finalizer) runs
    /// here; more than the segment's bound condemns the step before it.
    pub(crate) fn close_segment(&mut self, fuel: u64) -> Result<(), Tampering> {
        self.harness_fuel_used += fuel;
        self.harness_left -= fuel.min(self.harness_left);
        let bound = std::mem::replace(&mut self.segment_bound, u64::MAX);
        let Some(last) = self.reports.last_mut() else {
            return Ok(());
        };
        last.harness_fuel = fuel;
        if fuel > bound {
            return Err(Tampering(format!("{fuel} fuel ran outside the measured step (at most {bound} expected)")));
        }
        Ok(())
    }

    /// The most fuel the harness may spend after a step whose outcome measured `size`: encoding it,
    /// recording it, freeing the last call's input and decoding the next. Calibrated on honest outcomes
    /// (measured per unit: 0.3 M for a small outcome, 880 per flat int and 2,100 per flat str, 4 per byte
    /// of a long str, 8,300 to 9,700 per walked node, 40,000 per frame, 130 per character of output),
    /// with room to spare. What could hide in that room grows no faster than the outcome and the inputs,
    /// so it cannot change how a call's cost grows.
    fn bound_after(size: Size, last_input_bytes: u64, next_input_bytes: u64) -> u64 {
        SEGMENT_BASE
            + SEGMENT_PER_FREED_INPUT_BYTE * last_input_bytes
            + SEGMENT_PER_INPUT_BYTE * next_input_bytes
            + SEGMENT_PER_BYTE * size.bytes
            + SEGMENT_PER_FLAT_ITEM * size.flat_items
            + SEGMENT_PER_WALKED_NODE * size.walked_nodes
            + SEGMENT_PER_FRAME * size.frames
            + SEGMENT_PER_OUTPUT_CHAR * size.output_chars
    }
}

/// Fuel between steps whatever the outcome: closing the step, the integrity check, a small outcome,
/// decoding the next call and opening its step.
const SEGMENT_BASE: u64 = 1_500_000;
/// Per byte of the marshalled outcome, output aside (writing it, copying it across: about 4 for a
/// long str, 30 for the digits of a long int).
const SEGMENT_PER_BYTE: u64 = 40;
/// Per item of a flat list of scalars (type checks and writing at C speed).
const SEGMENT_PER_FLAT_ITEM: u64 = 3_000;
/// Per node the encoder walks in Python.
const SEGMENT_PER_WALKED_NODE: u64 = 16_000;
/// Per traceback frame described.
const SEGMENT_PER_FRAME: u64 = 60_000;
/// Per character of output kept.
const SEGMENT_PER_OUTPUT_CHAR: u64 = 250;
/// Per byte of the next step's marshalled inputs, decoded before it: about 34 for a list of small ints,
/// up to 70 for ints the interpreter must allocate (a shuffled list of 16,384 ints up to 8,192).
const SEGMENT_PER_INPUT_BYTE: u64 = 120;
/// Per byte of the last step's marshalled inputs, freed once the step is over (about 20 for a list of
/// allocated ints).
const SEGMENT_PER_FREED_INPUT_BYTE: u64 = 40;

/// How far the heap may grow past the memory peak the guest reports before the report is a lie:
/// tracemalloc's own tables and the allocator's arenas are not in the peak.
const GROWTH_FACTOR: u64 = 8;
const GROWTH_SLACK: u64 = 4 << 20;

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
    let segment = host.steps.segment_used(left);
    host.steps.close_segment(segment).map_err(wasmtime::Error::new)?;
    host.steps.phase = Phase::Running;
    host.meter.start_step();
    host.meter.denied = false;
    let (fuel, ticks) = (host.steps.fuel_per_step(), host.steps.deadline_ticks);
    store.set_fuel(fuel)?;
    store.set_epoch_deadline(ticks);
    Ok(())
}

/// `end-step`: read the fuel the step used and give the harness what is left of its own budget.
pub(crate) fn end_step(mut store: StoreContextMut<'_, Host>) -> wasmtime::Result<()> {
    let left = store.get_fuel()?;
    let host = store.data_mut();
    if host.steps.phase != Phase::Running {
        return Err(tamper("a step ended that had not begun"));
    }
    let armed = host.steps.fuel_per_step();
    let fuel = armed - left.min(armed);
    host.steps.phase = Phase::Ended { fuel, growth: host.meter.step_growth() };
    let (fuel, ticks) = (host.steps.harness_left, host.steps.deadline_ticks);
    host.steps.segment_start = fuel;
    store.set_fuel(fuel)?;
    store.set_epoch_deadline(ticks);
    Ok(())
}

/// `report-tampering`: the harness's audit hook refused something; the step it happened in is condemned.
pub(crate) fn report_tampering(mut store: StoreContextMut<'_, Host>, detail: String) -> wasmtime::Result<()> {
    let host = store.data_mut();
    let detail: String = detail.chars().take(200).collect();
    host.steps.refused.get_or_insert(format!("the harness refused {detail}"));
    Ok(())
}

/// `record-step`: take the outcome of the step that just ended.
pub(crate) fn record_step(mut store: StoreContextMut<'_, Host>, outcome: Vec<u8>) -> wasmtime::Result<()> {
    let host = store.data_mut();
    let Phase::Ended { fuel, growth } = host.steps.phase else {
        return Err(tamper("an outcome was recorded out of turn"));
    };
    let log = &mut host.steps;
    let is_call = !log.reports.is_empty();
    let expect = Expect {
        output_chars: log.output_chars,
        peak: log.traced,
        live: log.live && is_call,
        discard: log.discard && is_call,
    };
    let decoded = decode::outcome(&outcome, expect).map_err(|detail| tamper(&detail))?;
    if let Some(detail) = decoded.tampered.or_else(|| log.refused.take()) {
        return Err(tamper(&detail));
    }
    let mut report = decoded.report;
    report.fuel = fuel;
    report.linear_growth = growth;
    if let Some(peak) = report.memory_peak
        && growth > GROWTH_FACTOR.saturating_mul(peak).saturating_add(GROWTH_SLACK)
    {
        return Err(tamper(&format!("a memory peak of {peak} bytes where the heap grew by {growth}")));
    }
    if host.meter.denied {
        report.outcome = Outcome::MemoryLimit { limit_bytes: host.meter.cap() as u64 };
        host.meter.denied = false;
    }
    let log = &mut host.steps;
    log.reports.push(report);
    log.phase = Phase::Idle;
    // The load step's input is the source: it stays alive as the module's code, nothing is freed.
    let last_input = match log.reports.len() {
        1 => 0,
        ended => log.input_bytes.get(ended - 1).copied().unwrap_or(0),
    };
    let next_input = log.input_bytes.get(log.reports.len()).copied().unwrap_or(0);
    log.segment_bound = StepLog::bound_after(decoded.size, last_input, next_input);
    Ok(())
}
