//! The suggested 1–4 score for the coding problem, with its reasons, and the follow-up questions the
//! evidence suggests. The interviewer's own score is what counts; this is a starting point.

use crate::fit::CLASSES;
use crate::report::{FailureKind, Report, Verdict};
use catalog::{CaseInput, Problem};

/// How a statelessness finding begins.
pub(crate) const KEEPS_STATE: &str = "keeps state between calls";

/// Fills `report.score` and `report.follow_ups` from the rest of the report.
pub(crate) fn assess(problem: &Problem, report: &mut Report) {
    let (score, reasons) = if matches!(problem.entry, catalog::Entry::Class { .. }) {
        rate_limiter_score(problem, report)
    } else {
        function_score(problem, report)
    };
    report.score.suggested = score;
    report.score.reasons = reasons;
    report.follow_ups = follow_ups(problem, report);
}

fn class_index(label: &str) -> Option<usize> {
    CLASSES.iter().position(|c| *c == label)
}

/// Load failures and pass counts decide 1 and 2; complexity and findings decide 2, 3 and 4.
fn gate(report: &Report) -> Result<(), (u8, Vec<String>)> {
    let tests = &report.tests;
    match report.verdict {
        Verdict::CompileError => return Err((1, vec!["the code does not parse".into()])),
        Verdict::MissingEntry => return Err((1, vec!["the required function or class is not defined".into()])),
        _ => {}
    }
    if let Some(load) = &report.load_error {
        return Err((1, vec![format!("the module fails to load: {}", load.message)]));
    }
    let pass = format!("{} of {} hidden tests pass", tests.passed, tests.total);
    if tests.passed * 2 < tests.total {
        return Err((1, vec![pass]));
    }
    if report.verdict != Verdict::Accepted {
        let mut kinds: Vec<&str> = tests.failed.iter().map(|f| f.category.as_str()).collect();
        if kinds.is_empty() {
            kinds.push("timing probes");
        }
        return Err((2, vec![pass, format!("verdict {}; failures in: {}", report.verdict.as_str(), dedup(kinds).join(", "))]));
    }
    Ok(())
}

fn function_score(problem: &Problem, report: &Report) -> (u8, Vec<String>) {
    if let Err(out) = gate(report) {
        return out;
    }
    let mut reasons = vec![format!("all {} hidden tests pass", report.tests.total)];
    let optimal = class_index(&problem.optimal.time).unwrap_or(2);
    let mut score = match &report.complexity {
        None => {
            reasons.push("complexity not measured".into());
            3
        }
        Some(c) => {
            // When the data cannot separate two classes, the candidate gets the better one.
            let measured = [Some(c.time.as_str()), c.ambiguous.then_some(c.runner_up.as_deref()).flatten()]
                .into_iter()
                .flatten()
                .filter_map(class_index)
                .min();
            match measured {
                Some(m) if m <= optimal => {
                    reasons.push(format!("measured time {} matches the optimal {}", c.time, problem.optimal.time));
                    4
                }
                Some(m) if m == optimal + 1 => {
                    reasons.push(format!("measured time {} is one class above the optimal {}", c.time, problem.optimal.time));
                    3
                }
                Some(_) => {
                    reasons.push(format!("measured time {} is far from the optimal {}", c.time, problem.optimal.time));
                    2
                }
                None => {
                    reasons.push("the growth could not be classified".into());
                    3
                }
            }
        }
    };
    if report.findings.iter().any(|f| f.starts_with(KEEPS_STATE)) {
        score = score.min(3);
        reasons.push("keeps state between calls".into());
    }
    (score, reasons)
}

fn rate_limiter_score(problem: &Problem, report: &Report) -> (u8, Vec<String>) {
    let is_burst = |name: &str| {
        problem.tests.iter().any(|c| c.name == name && matches!(&c.input, CaseInput::Property(p) if p.property == "burst"))
    };
    let burst_holds = !report.tests.failed.iter().any(|f| is_burst(&f.name));
    if let Err((score, mut reasons)) = gate(report) {
        if score == 1 && report.load_error.is_none() && !matches!(report.verdict, Verdict::CompileError | Verdict::MissingEntry) && burst_holds {
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
    match analysis.algorithm.as_str() {
        "fixed_window" => {
            score = 3;
            reasons.push(format!("fixed window: admits {:.1}x the limit across a boundary", analysis.max_in_window_ratio));
        }
        "unknown" => {
            score = 3;
            reasons.push("behaviour matches none of the standard algorithms".into());
        }
        other => reasons.push(format!("behaves as a {}", other.replace('_', " "))),
    }
    if analysis.per_call_cost.class != "O(1)" {
        score = score.min(3);
        let with = if analysis.per_call_cost.class == "O(requests)" { "the requests seen so far" } else { "the limit" };
        reasons.push(format!("per-call cost grows with {with} ({})", analysis.per_call_cost.class));
    }
    (score, reasons)
}

fn dedup(items: Vec<&str>) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn follow_ups(problem: &Problem, report: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(load) = &report.load_error {
        out.push(format!("The code does not run ({}). Ask them to read the error and fix it aloud.", load.message));
        return out;
    }
    for failure in report.tests.failed.iter().take(3) {
        let input = failure.shrunk_input.as_deref().unwrap_or(&failure.input);
        out.push(match failure.kind {
            FailureKind::MutatedInput => "It changes the caller's list. Ask whether a function should modify its argument, and how to avoid it.".into(),
            FailureKind::WrongType => format!("It returns the wrong type ({}). Ask what the signature promises callers.", failure.actual),
            FailureKind::Exception => format!(
                "It raises on {input}{}. Ask them to trace that input through the code.",
                failure.line.map(|l| format!(" at line {l}")).unwrap_or_default()
            ),
            FailureKind::Timeout => format!("'{}' does not finish. Ask what the loop's cost is for that input.", failure.name),
            FailureKind::Property => format!("{}: {}. Ask how their design handles this case.", failure.name, failure.actual),
            _ if failure.category == "edge" => format!("Fails on an edge case ({input}). Ask which edge cases they would test first."),
            _ => format!("Wrong answer on {input}: expected {}, got {}. Ask them to walk through it.", failure.expected, failure.actual),
        });
    }
    if report.findings.iter().any(|f| f.starts_with(KEEPS_STATE)) {
        out.push("It keeps state between calls. Ask about mutable default arguments and module-level state.".into());
    }
    if report.complexity.as_ref().is_some_and(|c| c.wrong_answers > 0) {
        out.push("It answers the small tests but not some large generated inputs. Ask which inputs they would test at scale.".into());
    }
    if let Some(c) = &report.complexity {
        let optimal = &problem.optimal.time;
        if class_index(&c.time) > class_index(optimal) {
            let hint = match problem.id.as_str() {
                "dedupe" => "which structure makes the 'seen before?' check O(1)",
                "longest-substring" => "how a sliding window avoids rescanning, and why it must never move left",
                _ => "which step repeats work",
            };
            let at = c.extrapolation.as_ref().map(|e| format!(" (about {}x the reference at n = {})", e.ratio, e.n)).unwrap_or_default();
            out.push(format!("Measured {}{at}, optimal is {optimal}. Ask {hint}.", c.time));
        } else if report.verdict == Verdict::Accepted {
            out.push(format!("Optimal time ({}). Ask for the space cost ({} measured) and whether it can shrink.", c.time, c.space));
        }
    }
    if let Some(rl) = &report.rate_limiter {
        if rl.limit_offset != 0 {
            out.push("It admits one request more than the limit. Ask them to check the comparison (< vs <=).".into());
        }
        if rl.algorithm == "fixed_window" {
            out.push(format!("Fixed window: {:.1}x the limit can pass across a boundary. Ask how to smooth that out.", rl.max_in_window_ratio));
        }
        match rl.per_call_cost.class.as_str() {
            "O(limit)" => out.push("Per-call work grows with the limit. Ask how a deque or counters would make it O(1) amortised.".into()),
            "O(requests)" => out.push("Per-call work grows with every request ever made: old timestamps are never dropped. Ask what happens after a day of traffic.".into()),
            _ => {}
        }
        if rl.static_signals.iter().any(|s| s.contains("no lock")) {
            out.push("No lock around shared state. Ask what happens with two threads calling allow() at once.".into());
        }
        match &rl.memory_per_key {
            Some(m) if !m.idle_keys_released => out.push(format!(
                "About {} bytes per key and idle keys are never dropped: ask what a million distinct keys would cost and how to evict them.",
                m.bytes_per_key
            )),
            _ => out.push("Ask how memory grows with a million distinct keys.".into()),
        }
        out.push("Ask how to enforce one limit across several servers (shared store, atomic operations, clock skew).".into());
    }
    if out.is_empty() && problem.id == "dedupe" {
        out.push("Ask how it would change for unhashable items, e.g. lists inside the list.".into());
    }
    out
}
