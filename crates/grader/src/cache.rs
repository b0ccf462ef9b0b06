//! A process-wide cache of what is computed once per problem version (keyed by `Problem::fingerprint`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Values computed from a problem's trusted data, shared by every grading in the process.
pub(crate) struct Cache<T> {
    entries: Mutex<HashMap<String, Arc<T>>>,
}

impl<T> Default for Cache<T> {
    fn default() -> Self {
        Cache { entries: Mutex::default() }
    }
}

impl<T> Cache<T> {
    /// The value under `key`, computed by `compute` the first time. Two first callers may both compute
    /// it (the lock is not held meanwhile); the result is the same either way.
    pub fn get_or_compute<E>(&self, key: &str, compute: impl FnOnce() -> Result<T, E>) -> Result<Arc<T>, E> {
        if let Some(found) = self.entries.lock().expect("cache lock").get(key) {
            return Ok(found.clone());
        }
        let value = Arc::new(compute()?);
        self.entries.lock().expect("cache lock").insert(key.to_string(), value.clone());
        Ok(value)
    }
}
