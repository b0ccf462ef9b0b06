//! A rate limiter's suggested score (sound properties first, then its algorithm and per-call cost) and
//! the follow-up questions its evidence suggests.

use crate::report::{Algorithm, CostClass, Report, StaticSignal, Summary, Verdict};
use crate::score::{Gate, Scored, failure_follow_ups, gate};
use crate::words;
use catalog::{CaseInput, Problem, PropertyKind};

/// Fills `report.score`, `report.follow_ups` and `report.summary`.
pub(super) fn assess(problem: &Problem, report: &mut Report) {
    let (suggested, reasons) = score(problem, report);
    report.score.suggested = suggested;
    report.score.reasons = reasons;
    report.follow_ups = follow_ups(report);
    report.summary = Summary::of(problem, report);
}

fn score(problem: &Problem, report: &Report) -> Scored {
    let is_burst = |name: &str| {
        problem
            .tests
            .iter()
            .any(|c| c.name == name && matches!(&c.input, CaseInput::Property(p) if p.property == PropertyKind::Burst))
    };
    let burst_holds = !report.tests.failed.iter().any(|f| is_burst(&f.name));
    if let Gate::Capped((score, mut reasons)) = gate(report) {
        let loaded =
            report.load_error.is_none() && !matches!(report.verdict, Verdict::CompileError | Verdict::MissingEntry);
        if score == 1 && loaded && burst_holds {
            reasons.push("the basic burst limit holds".into());
            return (2, reasons);
        }
        if score == 2 && !burst_holds {
            reasons.push("a fresh key does not get exactly `limit` requests".into());
            return (1, reasons);
        }
        return (score, reasons);
    }
    let mut reasons = vec![format!("all {} properties hold", report.tests.total)];
    let Some(analysis) = &report.rate_limiter else {
        reasons.push("behaviour and cost not analysed".into());
        return (3, reasons);
    };
    let mut score = 4;
    match analysis.algorithm {
        Algorithm::FixedWindow => {
            score = 3;
            reasons.push(format!(
                "fixed window: admits {} the limit across a boundary",
                words::times(analysis.max_in_window_ratio)
            ));
        }
        Algorithm::Unknown => {
            score = 3;
            reasons.push("behaviour matches none of the standard algorithms".into());
        }
        other => reasons.push(format!("behaves as a {}", other.words())),
    }
    // The statement scores highest the designs that keep exactly `limit` in every window; up to twice
    // that is tolerated, not rewarded.
    if analysis.max_in_window_ratio > 1.0 && analysis.algorithm != Algorithm::FixedWindow {
        score = score.min(3);
        reasons.push(format!(
            "admits up to {} the limit within one window; the statement scores designs that keep exactly `limit` highest",
            words::times(analysis.max_in_window_ratio)
        ));
    }
    match analysis.per_call_cost.class {
        CostClass::Constant => {}
        class => {
            score = score.min(3);
            let with = if class == CostClass::Requests { "the requests seen so far" } else { "the limit" };
            reasons.push(format!("per-call cost grows with {with} ({})", class.as_str()));
        }
    }
    (score, reasons)
}

fn follow_ups(report: &Report) -> Vec<String> {
    let mut out = failure_follow_ups(report);
    if report.load_error.is_some() {
        return out;
    }
    let Some(rl) = &report.rate_limiter else { return out };
    if rl.limit_offset != 0 {
        out.push("It admits one request more than the limit. Ask them to check the comparison (< vs <=).".into());
    }
    if rl.algorithm == Algorithm::FixedWindow {
        out.push(format!(
            "Fixed window: {} the limit can pass across a boundary. Ask how to smooth that out.",
            words::times(rl.max_in_window_ratio)
        ));
    }
    // Where the work grows, when the explanation found one line.
    let on =
        rl.costly_lines.as_ref().and_then(|l| l.growing_line()).map(|line| format!(", on {line}")).unwrap_or_default();
    match rl.per_call_cost.class {
        CostClass::Limit => out.push(format!(
            "Per-call work grows with the limit{on}. Ask how a deque or counters would make it O(1) amortised."
        )),
        CostClass::Requests => out.push(format!(
            "Per-call work grows with every request ever made{on}: old timestamps are never dropped. Ask what happens after a day of traffic."
        )),
        CostClass::Constant => {}
    }
    if rl.static_signals.contains(&StaticSignal::NoLock) {
        out.push("No lock around shared state. Ask what happens with two threads calling allow() at once.".into());
    }
    match &rl.memory_per_key {
        Some(m) if !m.idle_keys_released => out.push(format!(
            "About {} bytes per key and idle keys are never dropped: ask what a million distinct keys would cost and how to evict them.",
            m.bytes_per_key
        )),
        _ => out.push("Ask how memory grows with a million distinct keys.".into()),
    }
    out.push(
        "Ask how to enforce one limit across several servers (shared store, atomic operations, clock skew).".into(),
    );
    out
}
