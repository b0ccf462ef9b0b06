//! Unguessable links and the operator token: random secrets, compared in constant time.
//!
//! A link token is `<session id>-<secret>`: the id finds the row, the secret is compared with
//! `subtle`, so neither the database lookup nor the comparison leaks how much of a guess was right.

use subtle::ConstantTimeEq;

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

/// Constant-time equality of two secrets.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}
