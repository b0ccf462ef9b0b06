//! The scoring both kinds share: what load failures and pass counts decide (1 and 2) before a kind's own
//! evidence decides 2, 3 and 4, and the follow-up questions each failing test suggests. The interviewer's
//! own score is what counts; this is a starting point.

use crate::report::{FailureKind, Report, Verdict};
use catalog::Category;

/// A suggested score with its reasons.
pub(crate) type Scored = (u8, Vec<String>);

/// What the gate decides: a score of 1 or 2 from load failures and pass counts, or nothing, when every
/// hidden test passed and a kind's own evidence decides.
pub(crate) enum Gate {
    /// Every hidden test passed.
    Open,
    /// The score is at most this, for these reasons.
    Capped(Scored),
}

/// Load failures and pass counts decide 1 and 2; `Open` when every hidden test passed.
pub(crate) fn gate(report: &Report) -> Gate {
    let tests = &report.tests;
    match report.verdict {
        Verdict::CompileError => return Gate::Capped((1, vec!["the code does not parse".into()])),
        Verdict::MissingEntry => {
            return Gate::Capped((1, vec!["the required function or class is not defined".into()]));
        }
        _ => {}
    }
    if let Some(load) = &report.load_error {
        return Gate::Capped((1, vec![format!("the module fails to load: {}", load.message)]));
    }
    let pass = format!("{} of {} hidden tests pass", tests.passed, tests.total);
    if tests.passed * 2 < tests.total {
        return Gate::Capped((1, vec![pass]));
    }
    if report.verdict != Verdict::Accepted {
        let mut kinds: Vec<&str> = Vec::new();
        for failed in &tests.failed {
            if !kinds.contains(&failed.category.as_str()) {
                kinds.push(failed.category.as_str());
            }
        }
        if kinds.is_empty() {
            kinds.push("timing probes");
        }
        return Gate::Capped((2, vec![pass, format!("{} (failures in {})", report.verdict.words(), kinds.join(", "))]));
    }
    Gate::Open
}

/// The questions the failures suggest, one per cause (the first few), or the one a load failure does.
pub(crate) fn failure_follow_ups(report: &Report) -> Vec<String> {
    if let Some(load) = &report.load_error {
        let at = load.line.map(|l| format!(" at line {l}")).unwrap_or_default();
        return vec![format!(
            "The code does not run ({}{at}). Ask them to read the error and fix it aloud.",
            load.message
        )];
    }
    let tests = &report.tests;
    tests
        .causes
        .iter()
        .take(3)
        .filter_map(|cause| {
            let failure = tests.failed.iter().find(|f| f.name == cause.tests[0])?;
            let (input, expected, actual) = match &failure.shrunk {
                Some(s) => (s.input.as_str(), s.expected.as_str(), s.actual.as_str()),
                None => (failure.input.as_str(), failure.expected.as_str(), failure.actual.as_str()),
            };
            let at = failure.line.map(|l| format!(" at line {l}")).unwrap_or_default();
            let error = failure.error.as_deref().unwrap_or_default();
            Some(match failure.kind {
                FailureKind::MutatedInput => {
                    "It changes the caller's list. Ask whether a function should modify its argument, and how to avoid it.".into()
                }
                FailureKind::WrongType => format!("It returns the wrong type ({actual}). Ask what the signature promises callers."),
                FailureKind::Exception => format!("It raises {error}{at} on {input}. Ask them to trace that input through the code."),
                FailureKind::Timeout => format!(
                    "'{}' does not finish ({}). Ask what the loop's cost is for that input, and whether it always ends.",
                    failure.name,
                    error.strip_prefix("did not finish: ").unwrap_or(error)
                ),
                FailureKind::Memory => format!("It runs out of memory on '{}'. Ask what it builds or keeps, and how big that gets.", failure.name),
                FailureKind::Output => "It prints far too much. Ask them to take the debugging prints out.".into(),
                FailureKind::Missing => format!("{error}. Ask them to check the name and signature the statement asks for."),
                FailureKind::Property => format!("{}: {}. Ask how their design handles this case.", failure.name, failure.actual),
                FailureKind::WrongAnswer if failure.category == Category::Edge => {
                    format!("Fails on an edge case ({input}: expected {expected}, got {actual}). Ask which edge cases they would test first.")
                }
                FailureKind::WrongAnswer => {
                    format!("Wrong answer on {input}: expected {expected}, got {actual}. Ask them to walk through it.")
                }
            })
        })
        .collect()
}
