//! What the runner's test files share: one sandbox per test binary, made with the limits it asks for.

use runner::{Limits, Sandbox, SandboxConfig};
use std::sync::OnceLock;

/// The test binary's sandbox, made on first use with `limits` (every file asks with the same ones).
pub fn sandbox(limits: impl FnOnce() -> Limits) -> &'static Sandbox {
    static SANDBOX: OnceLock<Sandbox> = OnceLock::new();
    SANDBOX.get_or_init(|| {
        let mut config = SandboxConfig::from_env();
        config.limits = limits();
        Sandbox::new(&config).expect("the sandbox starts")
    })
}
