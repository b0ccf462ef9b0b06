//! The properties every sound limiter keeps, each checked on a trace built here: burst, isolation,
//! recovery, at most twice the limit in any window span, and the long-run rate.

use super::trace::{Run, T0};
use catalog::{PropertyKind, PropertySpec};

/// The trace a property is checked on.
pub(super) fn property_run(spec: &PropertySpec) -> Run {
    let (l, w) = (spec.limit, spec.window);
    let k = |s: &str| s.to_string();
    let mut requests = Vec::new();
    match spec.property {
        PropertyKind::Burst => requests.extend((0..=l).map(|_| (k("k"), T0))),
        PropertyKind::Isolation => {
            requests.extend((0..=l).map(|_| (k("a"), T0)));
            for key in 1..spec.keys.unwrap_or(2) {
                requests.extend((0..l).map(|_| (format!("key-{key}"), T0)));
            }
        }
        PropertyKind::Recovery => {
            requests.extend((0..=l).map(|_| (k("k"), T0)));
            requests.extend((0..=l).map(|_| (k("k"), T0 + 2.0 * w + spec.gap)));
        }
        PropertyKind::Span => {
            let eps = w / 100.0;
            requests.extend((0..l).map(|_| (k("k"), T0 + w - eps)));
            requests.extend((0..l).map(|_| (k("k"), T0 + w + eps)));
            let step = w / (4 * l) as f64;
            requests.extend((0..(8 * l)).map(|i| (k("k"), T0 + 2.0 * w + i as f64 * step)));
        }
        PropertyKind::LongRun => {
            let windows = spec.seconds.unwrap_or(5);
            let step = w / (2 * l) as f64;
            requests.extend((0..(2 * l as usize * windows)).map(|i| (k("k"), T0 + i as f64 * step)));
        }
    }
    Run { limit: l, window: w, requests }
}

/// Checks a property on the decisions of its trace: the counterexample in words, or none when it holds.
pub(super) fn check(spec: &PropertySpec, run: &Run, admitted: &[bool]) -> Option<String> {
    let l = spec.limit as usize;
    let count = |range: std::ops::Range<usize>| admitted[range].iter().filter(|a| **a).count();
    match spec.property {
        PropertyKind::Burst => {
            let got = count(0..l + 1);
            if admitted[..l].iter().all(|a| *a) && !admitted[l] {
                return None;
            }
            Some(format!("{} requests for a fresh key at t={T0}: {got} admitted, expected exactly {l}", l + 1))
        }
        PropertyKind::Isolation => {
            let others = admitted.len() - (l + 1);
            let got = count(l + 1..admitted.len());
            if count(0..l + 1) == l && got == others {
                return None;
            }
            Some(format!(
                "key 'a' used its {l} requests at t={T0}; then other keys sent {others} at the same instant and {got} were admitted"
            ))
        }
        PropertyKind::Recovery => {
            let second = count(l + 1..2 * l + 2);
            if second == l && !admitted[2 * l + 1] {
                return None;
            }
            let when = run.requests[l + 1].1;
            Some(format!(
                "key exhausted at t={T0}; after {:.2}s idle, {} requests at t={when}: {second} admitted, expected {l}",
                when - T0,
                l + 1
            ))
        }
        PropertyKind::Span => {
            let worst = max_in_span(run, admitted);
            if worst <= 2 * l {
                return None;
            }
            Some(format!(
                "{worst} requests admitted within one window of {}s (limit {l}, at most {} allowed)",
                run.window,
                2 * l
            ))
        }
        PropertyKind::LongRun => {
            let windows = spec.seconds.unwrap_or(5);
            let got = count(0..admitted.len());
            let (most, least) = (l * (windows + 1), l * windows / 2);
            let sent = admitted.len();
            if got > most {
                return Some(format!(
                    "too many: {sent} requests over {windows} windows at twice the limit, {got} admitted; at most {most} may be"
                ));
            }
            if got < least {
                return Some(format!(
                    "too few: {sent} requests over {windows} windows at twice the limit, only {got} admitted; a sound limiter admits at least {least}"
                ));
            }
            None
        }
    }
}

/// The most admitted requests in any half-open span of one window.
pub(super) fn max_in_span(run: &Run, admitted: &[bool]) -> usize {
    let times: Vec<f64> = run.requests.iter().zip(admitted).filter(|(_, a)| **a).map(|((_, t), _)| *t).collect();
    let mut best = 0;
    let mut start = 0;
    for end in 0..times.len() {
        while times[end] - times[start] >= run.window - 1e-9 {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}
