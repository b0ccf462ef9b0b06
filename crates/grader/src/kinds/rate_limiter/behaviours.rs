//! Behaviour the statement describes beyond the hidden tests, each with its trace and its check. A
//! weighted sliding-window counter misses both by design, and the statement accepts that design, so
//! these inform the analysis and never decide the verdict.

use super::trace::{Run, T0};

/// What the behaviour is, its trace, and its check (the counterexample in words, or none when it holds).
pub(super) struct Behaviour {
    pub name: &'static str,
    pub run: Run,
    pub check: fn(&Run, &[bool]) -> Option<String>,
}

/// A Unix time: timestamps as large as a real clock's, where a float's spacing is about 2.4e-7 s.
const UNIX_TIME: f64 = 1_700_000_000.0;
/// The limit of that burst: `window / limit` is then not a power of two, so sums of it round.
const UNIX_BURST: i64 = 100;

/// The behaviours, for `l` per `w`.
pub(super) fn behaviours(l: i64, w: f64) -> [Behaviour; 3] {
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
        Behaviour {
            name: "a fresh key gets exactly `limit` at a realistic timestamp (float arithmetic holds up)",
            run: Run { limit: UNIX_BURST, window: w, requests: (0..=UNIX_BURST).map(|_| (k(), UNIX_TIME)).collect() },
            check: exact_burst_at_unix_time,
        },
    ]
}

/// `limit + 1` requests at one instant around a Unix time: `limit` are admitted, as at small times. A
/// limiter that computes with times (`now + window / limit`, accumulated) can lose a request to
/// rounding there, and that is what the counterexample names.
fn exact_burst_at_unix_time(run: &Run, admitted: &[bool]) -> Option<String> {
    let l = run.limit as usize;
    let got = admitted.iter().filter(|a| **a).count();
    if got == l {
        return None;
    }
    let t = run.requests[0].1;
    let spacing = t * f64::EPSILON;
    Some(format!(
        "{} requests at t={t:.0} (a Unix time): {got} admitted, expected {l}. Float drift: times that large are only          {spacing:.1e} s apart, so adding window/limit = {:.3} s to them step by step rounds; compare counts or          keep times relative to the key's first request",
        l + 1,
        run.window / run.limit as f64
    ))
}

/// `limit` requests at once, then `limit + 1` exactly one window later: `limit` of those are admitted.
fn capacity_back_after_one_window(run: &Run, admitted: &[bool]) -> Option<String> {
    let l = run.limit as usize;
    let got = admitted[l..].iter().filter(|a| **a).count();
    if got == l {
        return None;
    }
    Some(format!(
        "{l} requests at t=0, then {} at exactly t={}: {got} of them admitted, expected {l}",
        l + 1,
        run.window
    ))
}

/// Evenly spaced requests a little under the limit's rate: every one is admitted.
fn steady_traffic_admitted(run: &Run, admitted: &[bool]) -> Option<String> {
    // The first refused request; with none, every request was admitted and there is nothing to show.
    let i = admitted.iter().position(|a| !a)?;
    let t = run.requests[i].1;
    let before = run.requests[..i].iter().filter(|(_, s)| *s > t - run.window).count();
    Some(format!(
        "one request every {:.3}s (limit {} per {}s): the one at t=+{:.3}s was refused with {before} in the window before it",
        run.requests[1].1 - run.requests[0].1,
        run.limit,
        run.window,
        t - T0
    ))
}
