//! Runs jobs from async code on a bounded set of blocking workers, so a server's reactor never waits
//! on candidate code and never starts more runs than the sandbox has room for.

use crate::error::SandboxError;
use crate::job::Job;
use crate::outcome::RunReport;
use crate::sandbox::Sandbox;
use std::sync::Arc;
use tokio::sync::Semaphore;

/// A bounded pool of sandbox workers.
#[derive(Clone)]
pub struct Pool {
    sandbox: Arc<Sandbox>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// A pool that runs at most `workers` jobs at once.
    pub fn new(sandbox: Arc<Sandbox>, workers: usize) -> Pool {
        Pool { sandbox, permits: Arc::new(Semaphore::new(workers.max(1))) }
    }

    /// The sandbox behind the pool.
    pub fn sandbox(&self) -> &Arc<Sandbox> {
        &self.sandbox
    }

    /// Runs `job` on a blocking worker once one is free.
    pub async fn run(&self, job: Job) -> Result<RunReport, SandboxError> {
        let _permit = self.permits.acquire().await.map_err(|e| SandboxError::Worker(e.to_string()))?;
        let sandbox = self.sandbox.clone();
        tokio::task::spawn_blocking(move || sandbox.run(&job)).await.map_err(|e| SandboxError::Worker(e.to_string()))?
    }

    /// Jobs waiting for or holding a worker right now is `workers - available`.
    pub fn available(&self) -> usize {
        self.permits.available_permits()
    }
}
