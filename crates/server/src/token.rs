//! Unguessable links and the operator token: random secrets, compared in constant time; the operator
//! token is kept in the database only as a digest.
//!
//! A link token is `<session id>-<secret>`: the id finds the row, the secret is compared with
//! `subtle`, so neither the database lookup nor the comparison leaks how much of a guess was right.

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What marks a stored digest (a secret stored by an earlier version is the secret itself).
const DIGEST: &str = "sha256:";

/// 32 random bytes as 64 hex characters.
pub fn secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Splits `<id>-<secret>`.
pub fn parse(token: &str) -> Option<(i64, &str)> {
    let (id, secret) = token.split_once('-')?;
    Some((id.parse().ok()?, secret))
}

/// A secret as it is stored: `sha256:` and the hex digest. Generated secrets are 256 random bits, so
/// a plain digest (no salt, no stretching) can neither be reversed nor guessed.
pub fn digest(secret: &str) -> String {
    let hash = Sha256::digest(secret.as_bytes());
    format!("{DIGEST}{}", hash.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// Whether `stored` is already a digest.
pub fn is_digest(stored: &str) -> bool {
    stored.starts_with(DIGEST)
}

/// Whether `given` is the secret kept as `digest`, in constant time.
pub fn matches(given: &str, digest_of: &str) -> bool {
    same(&digest(given), digest_of)
}

/// Constant-time equality of two secrets.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
