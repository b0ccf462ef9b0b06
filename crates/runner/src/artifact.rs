//! Compiles the guest component once and keeps the result on disk, keyed by what it was compiled from.
//!
//! The key joins a SHA-256 of the component's bytes with the engine's compatibility hash (wasmtime
//! version and every setting that affects code generation). Writes are atomic, so processes that start
//! together at worst compile twice; they never read a half-written file.
//!
//! Reading and hashing the 26 MB component cost about half of a process's start-up, so the key is also
//! remembered under the guest file's identity (its path, inode, size, and modification and change times
//! to the nanosecond; no copy or unpacking tool sets the change time) and the engine's hash: a rebuilt,
//! copied or replaced guest is hashed again. A file changed in the last two seconds is not remembered, so
//! that a second change within one tick of the file system's clock cannot pass for the first.

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
    let named = |key: &String| key.starts_with("runner-") && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if let Some(key) = remembered.as_ref().and_then(|path| std::fs::read_to_string(path).ok()).filter(named) {
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

/// Where the key of the guest file as it is now is remembered: named by its path, inode, size,
/// modification and change times and by the engine's hash. `None` when the file cannot be looked at or
/// was changed in the last two seconds.
fn remembered_key_path(engine: &Engine, guest: &Path, cache_dir: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(guest).ok()?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs() as i64;
    if now - meta.ctime() < 2 {
        return None;
    }
    let times = (meta.mtime(), meta.mtime_nsec(), meta.ctime(), meta.ctime_nsec());
    let mut hasher = DefaultHasher::new();
    (std::fs::canonicalize(guest).ok()?, meta.ino(), meta.len(), times).hash(&mut hasher);
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
    fn a_guest_file_changed_in_any_way_is_hashed_again_not_taken_for_the_remembered_one() {
        let dir = tempfile::tempdir().unwrap();
        let engine = Engine::default();
        let remembered = |path: &Path| remembered_key_path(&engine, path, dir.path());
        let at_1000 = FileTimes::new().set_modified(UNIX_EPOCH + Duration::from_secs(1_000));
        let write = |path: &Path, bytes: &[u8]| {
            std::fs::write(path, bytes).unwrap();
            File::options().write(true).open(path).unwrap().set_times(at_1000).unwrap();
        };
        let (rewritten, replaced) = (dir.path().join("rewritten.wasm"), dir.path().join("replaced.wasm"));
        write(&rewritten, b"one");
        write(&replaced, b"one");
        assert_eq!(remembered(&rewritten), None, "a file changed just now is not remembered");
        let settle = || std::thread::sleep(Duration::from_millis(2_100));
        settle();
        let (first_rewritten, first_replaced) = (remembered(&rewritten).unwrap(), remembered(&replaced).unwrap());
        assert_eq!(remembered(&rewritten).unwrap(), first_rewritten, "the same file is known by the same name");
        assert_ne!(first_rewritten, first_replaced);

        // Rewritten in place with the same size and modification time, as `cp -p` does; and another file
        // of the same size and time moved into the other's place.
        write(&rewritten, b"two");
        let other = dir.path().join("other.wasm");
        write(&other, b"six");
        std::fs::rename(&other, &replaced).unwrap();
        settle();
        assert_ne!(remembered(&rewritten).unwrap(), first_rewritten, "a new change time");
        assert_ne!(remembered(&replaced).unwrap(), first_replaced, "a new inode");
    }
}
