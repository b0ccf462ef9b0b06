//! Limits on every run and where the guest component comes from, with defaults that suit a phone screen.

use std::path::PathBuf;
use std::time::Duration;

/// Hard limits applied to every run. Each has a default; all are configurable.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Fuel for one step of candidate code (loading the module or one call): the deterministic time limit.
    pub fuel_per_step: u64,
    /// Fuel for the harness between steps (decoding arguments, encoding results).
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
        SandboxConfig { guest, cache_dir, limits: Limits::default(), max_concurrent: 16 }
    }
}
