//! What ended a step that trapped: the limit it reached (fuel, the deadline, memory, the stack, output)
//! or the fault it raised, named from the trap and the host's own meters.

use crate::config::Limits;
use crate::host::Host;
use crate::outcome::Outcome;
use wasmtime::Trap;

/// Names the limit or fault behind a trap in a step that had `fuel_limit` fuel.
pub(crate) fn classify(error: &wasmtime::Error, host: &Host, limits: &Limits, fuel_limit: u64) -> Outcome {
    if let Some(exit) = error.downcast_ref::<wasmtime_wasi::I32Exit>() {
        return Outcome::Exit { code: exit.0.to_string() };
    }
    if host.meter.denied {
        return Outcome::MemoryLimit { limit_bytes: host.meter.cap() as u64 };
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => Outcome::Timeout { fuel_limit },
        Some(Trap::Interrupt) => Outcome::Deadline { millis: limits.step_deadline.as_millis() as u64 },
        Some(Trap::StackOverflow) => Outcome::StackOverflow,
        _ if host.raw_output.contents().len() >= limits.output_chars => {
            Outcome::OutputLimit { limit_chars: limits.output_chars as u64 }
        }
        _ => Outcome::Crashed { detail: format!("{error:#}").lines().next().unwrap_or_default().to_string() },
    }
}
