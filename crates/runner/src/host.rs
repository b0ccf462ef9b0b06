//! The per-run host state: WASI context, virtual clocks and the memory meter.
//!
//! The meter is how the host sees memory for itself: every growth of the guest's linear memory passes
//! through it, so the cap is enforced here and each step's growth is read here, never taken from the
//! guest. The guest's import `heap-size` reads the meter's total: a fact, not a control; `line` feeds
//! the line meter (see `lines`), in a call that explains where its time goes.

use crate::bindings::RunnerImports;
use crate::clock::VirtualTime;
use crate::config::Limits;
use crate::lines::LineMeter;
use std::time::Duration;
use wasmtime::ResourceLimiter;
use wasmtime::component::ResourceTable;
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
    pub(crate) lines: LineMeter,
    pub(crate) raw_output: MemoryOutputPipe,
}

impl Host {
    pub(crate) fn new(limits: &Limits) -> Host {
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
            lines: LineMeter::default(),
            raw_output,
        }
    }
}

impl WasiView for Host {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView { ctx: &mut self.wasi, table: &mut self.table }
    }
}

impl RunnerImports for Host {
    fn heap_size(&mut self) -> u64 {
        self.meter.total as u64
    }

    /// Linked over by `lines::link`, which reads the store's fuel: this body never runs.
    fn line(&mut self, _line: u32, _caller: u32) {}
}

const SEED: [u8; 16] = *b"screenjudge-seed";

/// Tracks linear memory across the guest's memories, enforces the cap, and notes each step's peak.
#[derive(Default)]
pub(crate) struct Meter {
    cap: usize,
    total: usize,
    step_start: usize,
    step_peak: usize,
    /// A growth was refused since the step began.
    pub(crate) denied: bool,
}

impl Meter {
    /// Starts measuring a step: its growth counts from here.
    pub(crate) fn start_step(&mut self) {
        self.step_start = self.total;
        self.step_peak = self.total;
        self.denied = false;
    }

    /// How far linear memory grew during the step, in bytes.
    pub(crate) fn step_growth(&self) -> u64 {
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

/// Epoch ticks in a duration, at least one.
pub(crate) fn ticks(duration: Duration) -> u64 {
    (duration.as_millis() as u64 * TICKS_PER_SECOND / 1000).max(1)
}
