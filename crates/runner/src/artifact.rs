//! Compiles the guest component once and keeps the result on disk, keyed so a stale one is never loaded.
//!
//! The key joins a SHA-256 of the component's bytes with the engine's compatibility hash (wasmtime
//! version and every setting that affects code generation). Writes are atomic, so processes that start
//! together at worst compile twice; they never read a half-written file.

use crate::error::SandboxError;
use sha2::{Digest, Sha256};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use wasmtime::Engine;
use wasmtime::component::Component;

/// Loads the precompiled guest for this engine, compiling and storing it first if needed; also the key it
/// is stored under, which names this guest on this engine.
pub(crate) fn load(engine: &Engine, guest: &Path, cache_dir: &Path) -> Result<(Component, String), SandboxError> {
    let bytes = std::fs::read(guest).map_err(|source| SandboxError::GuestMissing { path: guest.into(), source })?;
    let key = key(engine, &bytes);
    let path = cache_dir.join(format!("{key}.cwasm"));
    if path.is_file() {
        match deserialize(engine, &path) {
            Ok(component) => return Ok((component, key)),
            Err(_) => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let compiled = engine.precompile_component(&bytes).map_err(|e| SandboxError::Prepare(format!("{e:#}")))?;
    let cache_error = |source| SandboxError::Cache { path: cache_dir.into(), source };
    std::fs::create_dir_all(cache_dir).map_err(cache_error)?;
    let mut file = tempfile::NamedTempFile::new_in(cache_dir).map_err(cache_error)?;
    std::io::Write::write_all(&mut file, &compiled).map_err(cache_error)?;
    file.persist(&path).map_err(|e| cache_error(e.error))?;
    let component = deserialize(engine, &path).map_err(|e| SandboxError::Prepare(format!("{e:#}")))?;
    Ok((component, key))
}

fn key(engine: &Engine, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hasher = DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("runner-{hex}-{:016x}", hasher.finish())
}

#[allow(unsafe_code)]
fn deserialize(engine: &Engine, path: &Path) -> wasmtime::Result<Component> {
    // SAFETY: the file was written by `load` above from `Engine::precompile_component`, in a folder this
    // process owns, under a name keyed by the component's bytes and the engine's compatibility hash;
    // wasmtime still checks the header and rejects an artifact from another version or configuration.
    unsafe { Component::deserialize_file(engine, path) }
}
