//! Faults of the host itself. A candidate's failure is never one of these: see `Outcome`.

use std::path::PathBuf;

/// Why the sandbox could not do its job.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    /// The guest component could not be read.
    #[error("cannot read the guest component {path}: {source}")]
    GuestMissing {
        /// Where it was looked for.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Compiling or loading the guest failed.
    #[error("cannot prepare the guest component: {0}")]
    Prepare(String),
    /// The precompiled guest could not be stored.
    #[error("cannot store the precompiled guest in {path}: {source}")]
    Cache {
        /// The cache folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The source is over the size cap; nothing was run.
    #[error("the source is {size} bytes; the limit is {limit} bytes")]
    SourceTooLarge {
        /// The source's size.
        size: usize,
        /// The cap.
        limit: usize,
    },
    /// Setting up a store or instance failed.
    #[error("sandbox set-up failed: {0}")]
    Setup(String),
    /// The worker running the job went away.
    #[error("the sandbox worker stopped: {0}")]
    Worker(String),
    /// A configured limit is not a number, or out of range.
    #[error("{name}={value}: {why}")]
    Config {
        /// The environment variable.
        name: &'static str,
        /// What it held.
        value: String,
        /// What is wrong with it.
        why: &'static str,
    },
}
