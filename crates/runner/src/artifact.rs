//! Compiles the guest component once and keeps the result on disk, keyed so a stale one is never loaded.
//!
//! The key joins a SHA-256 of the component's bytes with the engine's compatibility hash (wasmtime
//! version and every setting that affects code generation). Writes are atomic, so processes that start
//! together at worst compile twice; they never read a half-written file.
//!
//! Reading and hashing the 26 MB component cost about half of a process's start-up, so the key is also
//! remembered under the guest file's identity (its path, inode, size and modification time, to the
//! nanosecond) and the engine's hash: a rebuilt or replaced guest is a new file and is hashed again.

use crate::error::SandboxError;
use sha2::{Digest, Sha256};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use wasmtime::Engine;
use wasmtime::component::Component;

/// Loads the precompiled guest for this engine, compiling and storing it first if needed; also the key it
/// is stored under, which names this guest on this engine.
pub(crate) fn load(engine: &Engine, guest: &Path, cache_dir: &Path) -> Result<(Component, String), SandboxError> {
    let remembered = remembered_key_path(engine, guest, cache_dir);
    if let Some(key) = remembered.as_ref().and_then(|path| std::fs::read_to_string(path).ok()) {
        let path = cache_dir.join(format!("{key}.cwasm"));
        if let Ok(component) = deserialize(engine, &path) {
            return Ok((component, key));
        }
    }
    let bytes = std::fs::read(guest).map_err(|source| SandboxError::GuestMissing { path: guest.into(), source })?;
    let key = key(engine, &bytes);
    let path = cache_dir.join(format!("{key}.cwasm"));
    let cache_error = |source| SandboxError::Cache { path: cache_dir.into(), source };
    let component = match path.is_file().then(|| deserialize(engine, &path)) {
        Some(Ok(component)) => component,
        _ => {
            let _ = std::fs::remove_file(&path);
            let compiled = engine.precompile_component(&bytes).map_err(|e| SandboxError::Prepare(format!("{e:#}")))?;
            write_atomically(cache_dir, &path, &compiled).map_err(cache_error)?;
            deserialize(engine, &path).map_err(|e| SandboxError::Prepare(format!("{e:#}")))?
        }
    };
    if let Some(remembered) = remembered {
        // Not remembered means hashed again next time; nothing is lost.
        let _ = write_atomically(cache_dir, &remembered, key.as_bytes());
    }
    Ok((component, key))
}

/// Where the key of the guest file as it is now is remembered: named by its path, inode, size and
/// modification time and by the engine's hash. `None` when the file cannot be looked at.
fn remembered_key_path(engine: &Engine, guest: &Path, cache_dir: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(guest).ok()?;
    let mut hasher = DefaultHasher::new();
    (std::fs::canonicalize(guest).ok()?, meta.ino(), meta.len(), meta.mtime(), meta.mtime_nsec()).hash(&mut hasher);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    Some(cache_dir.join(format!("guest-{:016x}.key", hasher.finish())))
}

fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    std::io::Write::write_all(&mut file, bytes)?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::{File, FileTimes};
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_guest_file_written_anew_is_hashed_again_not_taken_for_the_remembered_one() {
        let dir = tempfile::tempdir().unwrap();
        let guest = dir.path().join("guest.wasm");
        let at = |seconds| FileTimes::new().set_modified(UNIX_EPOCH + Duration::from_secs(seconds));
        std::fs::write(&guest, b"one").unwrap();
        File::options().write(true).open(&guest).unwrap().set_times(at(1_000)).unwrap();
        let engine = Engine::default();
        let remembered = |path: &Path| remembered_key_path(&engine, path, dir.path()).unwrap();
        let first = remembered(&guest);
        assert_eq!(remembered(&guest), first, "the same file is known by the same name");

        // The same size, written at another time.
        std::fs::write(&guest, b"two").unwrap();
        File::options().write(true).open(&guest).unwrap().set_times(at(2_000)).unwrap();
        assert_ne!(remembered(&guest), first);

        // Another file moved into its place, with the first one's size and time.
        let other = dir.path().join("other.wasm");
        std::fs::write(&other, b"six").unwrap();
        File::options().write(true).open(&other).unwrap().set_times(at(1_000)).unwrap();
        std::fs::rename(&other, &guest).unwrap();
        assert_ne!(remembered(&guest), first, "a new inode");
    }
}
