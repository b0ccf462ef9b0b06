//! Behaviour the statement describes beyond the hidden tests, each with its trace and its check. A
//! weighted sliding-window counter misses both by design, and the statement accepts that design, so
//! these inform the analysis and never decide the verdict.

use super::trace::{Run, T0};

/// What the behaviour is, its trace, and its check (`Err` holds the counterexample in words).
pub(super) struct Behaviour {
    pub name: &'static str,
    pub run: Run,
    pub check: fn(&Run, &[bool]) -> Result<(), String>,
}

/// The behaviours, for `l` per `w`.
pub(super) fn behaviours(l: i64, w: f64) -> [Behaviour; 2] {
    let k = || "k".to_string();
    let boundary = (0..l).map(|_| (k(), T0)).chain((0..=l).map(|_| (k(), T0 + w))).collect();
    let step = 1.05 * w / l as f64;
    let steady = (0..5 * l).map(|i| (k(), T0 + i as f64 * step)).collect();
    [
        Behaviour {
            name: "capacity is back exactly one window after a burst (the statement's boundary rule)",
            run: Run { limit: l, window: w, requests: boundary },
            check: capacity_back_after_one_window,
        },
        Behaviour {
            name: "steady traffic just under the limit is all admitted",
            run: Run { limit: l, window: w, requests: steady },
            check: steady_traffic_admitted,
        },
    ]
}

/// `limit` requests at once, then `limit + 1` exactly one window later: `limit` of those are admitted.
fn capacity_back_after_one_window(run: &Run, admitted: &[bool]) -> Result<(), String> {
    let l = run.limit as usize;
    let got = admitted[l..].iter().filter(|a| **a).count();
    if got == l {
        return Ok(());
    }
    Err(format!("{l} requests at t=0, then {} at exactly t={}: {got} of them admitted, expected {l}", l + 1, run.window))
}

/// Evenly spaced requests a little under the limit's rate: every one is admitted.
fn steady_traffic_admitted(run: &Run, admitted: &[bool]) -> Result<(), String> {
    let Some(i) = admitted.iter().position(|a| !a) else { return Ok(()) };
    let t = run.requests[i].1;
    let before = run.requests[..i].iter().filter(|(_, s)| *s > t - run.window).count();
    Err(format!(
        "one request every {:.3}s (limit {} per {}s): the one at t=+{:.3}s was refused with {before} in the window before it",
        run.requests[1].1 - run.requests[0].1,
        run.limit,
        run.window,
        t - T0
    ))
}
