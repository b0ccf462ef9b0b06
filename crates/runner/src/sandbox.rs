//! The sandbox: one engine and one pre-instantiated guest per process, a fresh store per run.

use crate::artifact;
use crate::clock;
use crate::config::{Limits, SandboxConfig};
use crate::error::SandboxError;
use crate::host::{self, Host, Phase, Shape, TICKS_PER_SECOND, Tampering};
use crate::job::Job;
use crate::outcome::{Outcome, RunReport, StepReport};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;
use wasmtime::component::{InstancePre, Linker};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store, Trap};

/// Native stack for the host's own frames around a run, beyond the wasm stack cap.
const HOST_STACK_HEADROOM: usize = 8 << 20;

/// Linear memory kept resident per pooled slot between runs (see `engine_config`).
const KEEP_RESIDENT_MEMORY: usize = 32 << 20;
/// Table memory kept resident per pooled slot between runs.
const KEEP_RESIDENT_TABLE: usize = 1 << 20;

/// Runs candidate code. Cheap to share: wrap it in an `Arc` and call `run` from any thread.
pub struct Sandbox {
    engine: Engine,
    pre: InstancePre<Host>,
    limits: Limits,
    guest: String,
    cache_dir: PathBuf,
    _ticker: Ticker,
}

impl Sandbox {
    /// Prepares the engine and the guest (compiled once, then loaded from the cache in milliseconds).
    pub fn new(config: &SandboxConfig) -> Result<Sandbox, SandboxError> {
        let engine = Engine::new(&engine_config(config)).map_err(|e| SandboxError::Prepare(format!("{e:#}")))?;
        let (component, guest) = artifact::load(&engine, &config.guest, &config.cache_dir)?;
        let mut linker = Linker::<Host>::new(&engine);
        let setup = |e: wasmtime::Error| SandboxError::Setup(format!("{e:#}"));
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(setup)?;
        clock::link_virtual_sleep(&mut linker).map_err(setup)?;
        let mut root = linker.root();
        root.func_wrap("begin-step", |store, (): ()| host::begin_step(store)).map_err(setup)?;
        root.func_wrap("end-step", |store, (): ()| host::end_step(store)).map_err(setup)?;
        root.func_wrap("report-tampering", |store, (detail,): (String,)| host::report_tampering(store, detail))
            .map_err(setup)?;
        root.func_wrap("record-step", |store, (outcome,): (Vec<u8>,)| host::record_step(store, outcome))
            .map_err(setup)?;
        let pre = linker.instantiate_pre(&component).map_err(setup)?;
        let ticker = Ticker::start(engine.clone());
        let cache_dir = config.cache_dir.clone();
        Ok(Sandbox { engine, pre, limits: config.limits.clone(), guest, cache_dir, _ticker: ticker })
    }

    /// The limits every run gets.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Names the guest this sandbox runs and the engine it was compiled for: two sandboxes with the same
    /// name and limits give the same fuel and answers for the same job.
    pub fn guest(&self) -> &str {
        &self.guest
    }

    /// The folder the compiled guest is kept in, where what is derived from it may be kept too.
    pub fn cache_dir(&self) -> &Path {
        &self.cache_dir
    }

    /// Loads the job's source in a fresh store and makes its calls. A failing candidate is a report,
    /// not an error; `Err` means the host could not run the job at all.
    pub fn run(&self, job: &Job) -> Result<RunReport, SandboxError> {
        // Wasm runs on the calling thread's native stack. A thread of our own, with room for the wasm stack
        // cap plus the host's frames, means no caller can be overflowed by a guest that recurses deeply.
        let stack = self.limits.stack_bytes + HOST_STACK_HEADROOM;
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("sandbox-run".into())
                .stack_size(stack)
                .spawn_scoped(scope, || self.run_here(job))
                .map_err(|e| SandboxError::Worker(e.to_string()))?
                .join()
                .map_err(|_| SandboxError::Worker("the run's thread panicked".into()))?
        })
    }

    fn run_here(&self, job: &Job) -> Result<RunReport, SandboxError> {
        if job.source.len() > self.limits.source_bytes {
            return Err(SandboxError::SourceTooLarge { size: job.source.len(), limit: self.limits.source_bytes });
        }
        let steps = job.calls.len() + 1;
        let (request, input_bytes) = job.request(self.limits.output_chars);
        let shape =
            Shape { traced: job.traces_peaks(), live: job.trace_live, discard: job.discard_values, input_bytes };
        let mut store =
            Store::new(&self.engine, Host::new(&self.limits, job.step_fuel(self.limits.fuel_per_step), shape));
        store.limiter(|host| &mut host.meter);
        let setup = |e: wasmtime::Error| SandboxError::Setup(format!("{e:#}"));
        store.set_fuel(self.limits.fuel_harness).map_err(setup)?;
        store.set_epoch_deadline(host::ticks(self.limits.step_deadline));
        let ended = self.call_guest(&mut store, &request);
        let left = store.get_fuel().unwrap_or(0);
        let trapped = match ended {
            Ok(()) => None,
            Err(Fault::Trap(e)) => Some(e),
            Err(Fault::Host(e)) => return Err(e),
        };
        Ok(self.report(store, trapped, left, steps))
    }

    fn call_guest(&self, store: &mut Store<Host>, request: &[u8]) -> Result<(), Fault> {
        let instance = match self.pre.instantiate(&mut *store) {
            Ok(instance) => instance,
            // Instantiation runs no candidate code, but a memory cap below the guest's own needs fails here.
            Err(e) if store.data().meter.denied => return Err(Fault::Trap(e)),
            Err(e) => return Err(Fault::Host(SandboxError::Setup(format!("{e:#}")))),
        };
        let evaluate = instance
            .get_typed_func::<(&[u8],), (Result<String, String>,)>(&mut *store, "evaluate")
            .map_err(|e| Fault::Host(SandboxError::Setup(format!("{e:#}"))))?;
        match evaluate.call(&mut *store, (request,)) {
            Ok((Ok(_summary),)) => Ok(()),
            // Candidate code shares the interpreter with the harness and can break it: that is tampering.
            Ok((Err(harness),)) => {
                Err(Fault::Trap(wasmtime::Error::new(Tampering(format!("the harness failed ({harness})")))))
            }
            Err(trap) => Err(Fault::Trap(trap)),
        }
    }

    /// Builds the report; after a trap the store is dropped here and never entered again.
    fn report(&self, store: Store<Host>, mut trapped: Option<wasmtime::Error>, left: u64, steps: usize) -> RunReport {
        let host = store.into_data();
        let mut log = host.steps;
        // The harness segment after the last step ends with the run.
        let segment = log.segment_used(left);
        match log.phase {
            Phase::Idle => {
                if let Err(tampering) = log.close_segment(segment) {
                    trapped.get_or_insert(wasmtime::Error::new(tampering));
                }
            }
            Phase::Ended { .. } => log.harness_fuel_used += segment,
            Phase::Running => {}
        }
        if let Some(error) = trapped {
            let outcome = classify(&error, log.phase, &host.meter, &host.raw_output, &self.limits, log.fuel_per_step());
            let between_steps = log.phase == Phase::Idle && error.is::<Tampering>();
            let recorded = log.reports.len();
            match log.reports.last_mut() {
                // A protocol break between steps is candidate code that ran on after its step was recorded
                // (or recorded it itself): the record of that step cannot be trusted.
                Some(last) if between_steps => last.outcome = outcome,
                _ if recorded < steps => {
                    let fuel = match log.phase {
                        Phase::Running => log.fuel_per_step() - left.min(log.fuel_per_step()),
                        Phase::Ended { fuel, .. } => fuel,
                        Phase::Idle => 0,
                    };
                    log.reports.push(StepReport::ended(outcome, fuel));
                }
                _ => {}
            }
        }
        while log.reports.len() < steps {
            log.reports.push(StepReport::not_run());
        }
        let mut reports = log.reports.into_iter();
        let load = reports.next().unwrap_or_else(StepReport::not_run);
        let calls: Vec<StepReport> = reports.collect();
        let total_fuel = log.harness_fuel_used + load.fuel + calls.iter().map(|c| c.fuel).sum::<u64>();
        let raw = host.raw_output.contents();
        RunReport { load, calls, total_fuel, raw_output: String::from_utf8_lossy(&raw).into_owned() }
    }
}

/// Why a call into the guest stopped early.
enum Fault {
    /// The guest trapped or exited: the candidate's doing, reported as an outcome.
    Trap(wasmtime::Error),
    /// The host could not do its part.
    Host(SandboxError),
}

/// Names the limit or fault behind a trap.
fn classify(
    error: &wasmtime::Error,
    phase: Phase,
    meter: &host::Meter,
    raw: &wasmtime_wasi::p2::pipe::MemoryOutputPipe,
    limits: &Limits,
    fuel_per_step: u64,
) -> Outcome {
    if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
        return Outcome::Exit { code: exit.0.to_string() };
    }
    if let Some(Tampering(detail)) = error.downcast_ref::<Tampering>() {
        return Outcome::Tampered { detail: detail.clone() };
    }
    if meter.denied {
        return Outcome::MemoryLimit { limit_bytes: meter.cap() as u64 };
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) if phase == Phase::Running => Outcome::Timeout { fuel_limit: fuel_per_step },
        // Outside a step only the harness has fuel to spend, and it needs a fraction of it.
        Some(Trap::OutOfFuel) => Outcome::Tampered {
            detail:
                "the fuel between steps ran out: work moved outside the measured step, or a result too large to report"
                    .into(),
        },
        Some(Trap::Interrupt) => Outcome::Deadline { millis: limits.step_deadline.as_millis() as u64 },
        Some(Trap::StackOverflow) => Outcome::StackOverflow,
        _ if raw.contents().len() >= limits.output_chars => {
            Outcome::OutputLimit { limit_chars: limits.output_chars as u64 }
        }
        _ => Outcome::Crashed { detail: format!("{error:#}").lines().next().unwrap_or_default().to_string() },
    }
}

fn engine_config(config: &SandboxConfig) -> Config {
    let mut wasm = Config::new();
    // wasmtime-wasi turns on async support, which insists its fiber stacks exceed the wasm stack cap
    // even though runs here are synchronous.
    wasm.consume_fuel(true)
        .epoch_interruption(true)
        .max_wasm_stack(config.limits.stack_bytes)
        .async_stack_size(config.limits.stack_bytes + (1 << 20));
    let mut pool = PoolingAllocationConfig::new();
    let slots = config.max_concurrent.max(1);
    pool.total_component_instances(slots)
        .total_core_instances(slots * 16)
        .total_memories(slots * 4)
        .total_tables(slots * 16)
        .max_memory_size(config.limits.memory_bytes)
        .max_memories_per_component(4)
        .max_tables_per_component(16)
        .max_core_instances_per_component(64)
        .table_elements(64 << 10)
        // Reset reused slots with memset instead of madvise: the interpreter touches much of its heap
        // snapshot on every run, and re-faulting those pages cost about 1 ms a run. The price is up to
        // this much resident memory per warm slot.
        .linear_memory_keep_resident(KEEP_RESIDENT_MEMORY)
        .table_keep_resident(KEEP_RESIDENT_TABLE)
        // Where the kernel can say which pages a run dirtied (Linux 6.7+), only those are reset: dropping a
        // store fell from about 2.3 ms to 0.3 ms here. Elsewhere this falls back to the memset above.
        .pagemap_scan(wasmtime::Enabled::Auto);
    wasm.allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    wasm
}

/// Advances the engine's epoch at a fixed rate until dropped; the thread is joined on drop.
struct Ticker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Ticker {
    fn start(engine: Engine) -> Ticker {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::Builder::new()
            .name("sandbox-epoch".into())
            .spawn(move || {
                while !flag.load(Ordering::Relaxed) {
                    std::thread::park_timeout(Duration::from_millis(1000 / TICKS_PER_SECOND));
                    engine.increment_epoch();
                }
            })
            .expect("spawn the epoch ticker");
        Ticker { stop, thread: Some(thread) }
    }
}

impl Drop for Ticker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}
