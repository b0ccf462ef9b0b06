//! The sandbox: one engine and one pre-instantiated guest per process, a fresh store per run.

use crate::artifact;
use crate::bindings::{Runner, RunnerPre};
use crate::clock;
use crate::config::{Limits, SandboxConfig};
use crate::error::SandboxError;
use crate::host::{self, Host, TICKS_PER_SECOND};
use crate::job::Job;
use crate::lines;
use crate::outcome::{Outcome, RunReport, StepReport};
use crate::run;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;
use wasmtime::component::{HasSelf, Linker};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store};

/// Native stack for the host's own frames around a run, beyond the wasm stack cap.
const HOST_STACK_HEADROOM: usize = 8 << 20;

/// Linear memory kept resident per pooled slot between runs (see `engine_config`).
const KEEP_RESIDENT_MEMORY: usize = 32 << 20;
/// Table memory kept resident per pooled slot between runs.
const KEEP_RESIDENT_TABLE: usize = 1 << 20;

/// Runs candidate code. Cheap to share: wrap it in an `Arc` and call `run` from any thread.
pub struct Sandbox {
    engine: Engine,
    pre: RunnerPre<Host>,
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
        clock::link_virtual_sleep(&mut linker, |host: &Host| &host.time).map_err(setup)?;
        Runner::add_to_linker::<Host, HasSelf<Host>>(&mut linker, |host| host).map_err(setup)?;
        lines::link(&mut linker, |host: &mut Host| &mut host.lines).map_err(setup)?;
        let pre = RunnerPre::new(linker.instantiate_pre(&component).map_err(setup)?).map_err(setup)?;
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
        let mut store = Store::new(&self.engine, Host::new(&self.limits));
        store.limiter(|host| &mut host.meter);
        let setup = |e: wasmtime::Error| SandboxError::Setup(format!("{e:#}"));
        store.set_fuel(self.limits.fuel_harness).map_err(setup)?;
        store.set_epoch_deadline(host::ticks(self.limits.step_deadline));
        let guest = match self.pre.instantiate(&mut store) {
            Ok(guest) => guest,
            // Instantiation runs no candidate code, but a memory cap below the guest's own needs fails here.
            Err(_) if store.data().meter.denied => {
                let outcome = Outcome::MemoryLimit { limit_bytes: self.limits.memory_bytes as u64 };
                return Ok(run::not_loaded(job, StepReport::ended(outcome, 0), &store));
            }
            Err(e) => return Err(setup(e)),
        };
        let spent = self.limits.fuel_harness - store.get_fuel().unwrap_or(0).min(self.limits.fuel_harness);
        Ok(run::Run::new(store, &self.limits, spent).drive(&guest, job))
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
