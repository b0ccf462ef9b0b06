//! The probes' seeds: drawn from a secret of this installation and the problem's version. A candidate
//! cannot know the inputs their growth is measured on, so cannot compute their answers ahead (in the
//! source, or at import); every grading of one problem version on one installation measures on the same
//! inputs, so results stay reproducible.

use catalog::Problem;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// The installation's secret, kept in a file of its own beside the compiled guest.
pub(crate) struct ProbeSeeds {
    secret: [u8; 32],
}

/// The file that holds the secret, in the sandbox's cache folder.
const FILE: &str = "probe-secret";

impl ProbeSeeds {
    /// The secret kept in `dir`, made there on first use; where it can be neither read nor kept, a secret
    /// of this process alone (its probe inputs then differ from other processes', their classes do not).
    pub(crate) fn of_installation(dir: &Path) -> ProbeSeeds {
        let path = dir.join(FILE);
        if let Some(secret) = std::fs::read(&path).ok().and_then(|bytes| <[u8; 32]>::try_from(bytes).ok()) {
            return ProbeSeeds { secret };
        }
        let mut secret = [0u8; 32];
        if getrandom::fill(&mut secret).is_err() {
            // No randomness from the system: the time still keeps the inputs from being known ahead.
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            secret = Sha256::digest(format!("{now:?}-{}", std::process::id())).into();
        }
        let kept = || -> std::io::Result<()> {
            std::fs::create_dir_all(dir)?;
            let mut file = tempfile::NamedTempFile::new_in(dir)?;
            file.write_all(&secret)?;
            // Another process may have made one meanwhile: theirs stands, and is read back below.
            file.persist_noclobber(&path).map_err(|e| e.error)?;
            Ok(())
        };
        let _ = kept();
        let kept = std::fs::read(&path).ok().and_then(|bytes| <[u8; 32]>::try_from(bytes).ok());
        ProbeSeeds { secret: kept.unwrap_or(secret) }
    }

    /// The salt of `problem`'s probe inputs.
    pub(crate) fn salt(&self, problem: &Problem) -> u64 {
        let digest = Sha256::new().chain_update(self.secret).chain_update(problem.fingerprint.as_bytes()).finalize();
        u64::from_le_bytes(digest[..8].try_into().expect("a digest has 8 bytes"))
    }

    /// A name for the secret that does not reveal it, for what is kept of results computed with it.
    pub(crate) fn name(&self) -> String {
        let digest = Sha256::new().chain_update(b"name").chain_update(self.secret).finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_made_once_and_read_back_by_the_next_process() {
        let dir = tempfile::tempdir().unwrap();
        let first = ProbeSeeds::of_installation(dir.path());
        let again = ProbeSeeds::of_installation(dir.path());
        assert_eq!(first.secret, again.secret);
        assert_eq!(first.name(), again.name());
        let other = ProbeSeeds::of_installation(&dir.path().join("elsewhere"));
        assert_ne!(first.secret, other.secret);
    }
}
