//! Limits on every run and where the guest component comes from, with defaults that suit a phone screen.

use crate::error::SandboxError;
use std::path::PathBuf;
use std::time::Duration;

/// Hard limits applied to every run. Each has a default; all are configurable.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Fuel for one step of candidate code (loading the module or one call): the deterministic time limit.
    pub fuel_per_step: u64,
    /// Fuel for making the guest's instance, before any step: only the guest's own start-up runs there.
    pub fuel_harness: u64,
    /// Wall-clock backstop for one step, enforced by epoch interruption.
    pub step_deadline: Duration,
    /// Linear memory cap, in bytes, across the guest's memories.
    pub memory_bytes: usize,
    /// Wasm stack cap, in bytes (engine-wide).
    pub stack_bytes: usize,
    /// Characters of output kept per step before the candidate's printing is stopped.
    pub output_chars: usize,
    /// Largest accepted source, in bytes.
    pub source_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            fuel_per_step: 20_000_000_000,
            fuel_harness: 5_000_000_000,
            step_deadline: Duration::from_secs(10),
            memory_bytes: 256 << 20,
            stack_bytes: 8 << 20,
            output_chars: 64 << 10,
            source_bytes: 64 << 10,
        }
    }
}

impl Limits {
    /// The defaults, each overridden by its environment variable when set: `SCREENJUDGE_FUEL_PER_STEP`,
    /// `SCREENJUDGE_STEP_SECONDS`, `SCREENJUDGE_MEMORY_MIB`, `SCREENJUDGE_STACK_MIB`,
    /// `SCREENJUDGE_OUTPUT_KIB`, `SCREENJUDGE_SOURCE_KIB`.
    pub fn from_env() -> Result<Limits, SandboxError> {
        let mut limits = Limits::default();
        let read = |name: &'static str, low: u64, high: u64| -> Result<Option<u64>, SandboxError> {
            let Ok(value) = std::env::var(name) else {
                return Ok(None);
            };
            let bad = |why| SandboxError::Config { name, value: value.clone(), why };
            let number: u64 = value.trim().replace('_', "").parse().map_err(|_| bad("not a whole number"))?;
            if !(low..=high).contains(&number) {
                return Err(bad("out of range"));
            }
            Ok(Some(number))
        };
        if let Some(fuel) = read("SCREENJUDGE_FUEL_PER_STEP", 1_000_000, 1 << 50)? {
            limits.fuel_per_step = fuel;
        }
        if let Some(seconds) = read("SCREENJUDGE_STEP_SECONDS", 1, 3600)? {
            limits.step_deadline = Duration::from_secs(seconds);
        }
        if let Some(mib) = read("SCREENJUDGE_MEMORY_MIB", 64, 4096)? {
            limits.memory_bytes = (mib as usize) << 20;
        }
        if let Some(mib) = read("SCREENJUDGE_STACK_MIB", 1, 256)? {
            limits.stack_bytes = (mib as usize) << 20;
        }
        if let Some(kib) = read("SCREENJUDGE_OUTPUT_KIB", 1, 1 << 20)? {
            limits.output_chars = (kib as usize) << 10;
        }
        if let Some(kib) = read("SCREENJUDGE_SOURCE_KIB", 1, 1 << 10)? {
            limits.source_bytes = (kib as usize) << 10;
        }
        Ok(limits)
    }
}

/// Everything needed to start a sandbox.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// The guest component (`.wasm`).
    pub guest: PathBuf,
    /// Where the precompiled guest is kept between processes.
    pub cache_dir: PathBuf,
    /// Limits for every run.
    pub limits: Limits,
    /// How many runs may hold an instance at once (sizes the pooling allocator).
    pub max_concurrent: u32,
}

impl SandboxConfig {
    /// The guest built with this binary, unless `SCREENJUDGE_GUEST` names another one; the cache sits
    /// beside the guest unless `SCREENJUDGE_CACHE` names another folder.
    pub fn from_env() -> SandboxConfig {
        let guest = std::env::var_os("SCREENJUDGE_GUEST")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("SCREENJUDGE_GUEST_BUILT")));
        let cache_dir = std::env::var_os("SCREENJUDGE_CACHE")
            .map(PathBuf::from)
            .unwrap_or_else(|| guest.parent().map(|p| p.join("precompiled")).unwrap_or_else(std::env::temp_dir));
        // Enough for every test thread of a busy machine to hold two instances (a grading runs its tests
        // and its probes side by side); the service sizes its own from its workers.
        let cores = std::thread::available_parallelism().map_or(4, |n| n.get() as u32);
        SandboxConfig { guest, cache_dir, limits: Limits::default(), max_concurrent: (4 * cores).max(16) }
    }
}
