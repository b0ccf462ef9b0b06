//! The scoring both kinds share: what load failures and pass counts decide (1 and 2) before a kind's own
//! evidence decides 2, 3 and 4, and the follow-up questions each failing test suggests. The interviewer's
//! own score is what counts; this is a starting point.

use crate::report::{FailureKind, Report, Verdict};
use catalog::Category;

/// A suggested score with its reasons.
pub(crate) type Scored = (u8, Vec<String>);

/// Load failures and pass counts decide 1 and 2; `Ok` when every hidden test passed.
pub(crate) fn gate(report: &Report) -> Result<(), Scored> {
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
        let mut kinds: Vec<&str> = Vec::new();
        for failed in &tests.failed {
            if !kinds.contains(&failed.category.as_str()) {
                kinds.push(failed.category.as_str());
            }
        }
        if kinds.is_empty() {
            kinds.push("timing probes");
        }
        return Err((2, vec![pass, format!("verdict {}; failures in: {}", report.verdict.as_str(), kinds.join(", "))]));
    }
    Ok(())
}

/// The questions the first few failing tests suggest, or the one a load failure does.
pub(crate) fn failure_follow_ups(report: &Report) -> Vec<String> {
    if let Some(load) = &report.load_error {
        return vec![format!("The code does not run ({}). Ask them to read the error and fix it aloud.", load.message)];
    }
    report
        .tests
        .failed
        .iter()
        .take(3)
        .map(|failure| {
            let input = failure.shrunk_input.as_deref().unwrap_or(&failure.input);
            match failure.kind {
                FailureKind::MutatedInput => {
                    "It changes the caller's list. Ask whether a function should modify its argument, and how to avoid it.".into()
                }
                FailureKind::WrongType => {
                    format!("It returns the wrong type ({}). Ask what the signature promises callers.", failure.actual)
                }
                FailureKind::Exception => format!(
                    "It raises on {input}{}. Ask them to trace that input through the code.",
                    failure.line.map(|l| format!(" at line {l}")).unwrap_or_default()
                ),
                FailureKind::Timeout => format!("'{}' does not finish. Ask what the loop's cost is for that input.", failure.name),
                FailureKind::Property => format!("{}: {}. Ask how their design handles this case.", failure.name, failure.actual),
                _ if failure.category == Category::Edge => {
                    format!("Fails on an edge case ({input}). Ask which edge cases they would test first.")
                }
                _ => format!(
                    "Wrong answer on {input}: expected {}, got {}. Ask them to walk through it.",
                    failure.expected, failure.actual
                ),
            }
        })
        .collect()
}
