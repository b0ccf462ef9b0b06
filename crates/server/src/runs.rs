//! Fair Runs: a link has at most one Run running or waiting, Runs take the slots in the order they came
//! (tokio's semaphore is first-come first-served), and at most `max_waiting` wait; beyond that the
//! answer is 429 with `Retry-After`. So one link's Runs delay another link's Run by at most one Run, and
//! a Run is itself bounded by its fuel budget.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The Run slots.
pub struct RunGate {
    slots: Arc<Semaphore>,
    total: usize,
    admitted: Arc<Mutex<HashSet<i64>>>,
    max_waiting: usize,
}

/// Why a Run was not admitted.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// This link already has a Run running or waiting.
    Busy,
    /// Too many Runs are waiting.
    Full,
}

/// A Run's place in line: while held, its link can start no other Run.
pub struct Admitted {
    session: i64,
    admitted: Arc<Mutex<HashSet<i64>>>,
    slots: Arc<Semaphore>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.admitted.lock().unwrap_or_else(|p| p.into_inner()).remove(&self.session);
    }
}

impl Admitted {
    /// Waits for a slot.
    pub async fn slot(&self) -> OwnedSemaphorePermit {
        self.slots.clone().acquire_owned().await.expect("the run semaphore is never closed")
    }
}

impl RunGate {
    /// `slots` Runs at once, `max_waiting` more waiting.
    pub fn new(slots: usize, max_waiting: usize) -> RunGate {
        let total = slots.max(1);
        RunGate { slots: Arc::new(Semaphore::new(total)), total, admitted: Arc::default(), max_waiting }
    }

    /// Admits a Run of `session` or says why not. Admission is immediate; `Admitted::slot` then waits
    /// in line.
    pub fn admit(&self, session: i64) -> Result<Admitted, Refused> {
        let mut admitted = self.admitted.lock().unwrap_or_else(|p| p.into_inner());
        if admitted.contains(&session) {
            return Err(Refused::Busy);
        }
        if admitted.len().saturating_sub(self.running()) >= self.max_waiting && admitted.len() >= self.total {
            return Err(Refused::Full);
        }
        admitted.insert(session);
        Ok(Admitted { session, admitted: self.admitted.clone(), slots: self.slots.clone() })
    }

    /// Runs holding a slot.
    pub fn running(&self) -> usize {
        self.total - self.slots.available_permits().min(self.total)
    }

    /// Runs admitted and waiting for a slot.
    pub fn waiting(&self) -> usize {
        let admitted = self.admitted.lock().unwrap_or_else(|p| p.into_inner()).len();
        admitted.saturating_sub(self.running())
    }
}
