//! A function solution's suggested score (its measured time against the optimal) and the follow-up
//! questions its evidence suggests, with the problem's own hints.

use crate::report::{Finding, Report, Summary, Verdict};
use crate::score::{Gate, Scored, failure_follow_ups, gate};
use crate::words;
use catalog::Problem;

/// Fills `report.score`, `report.follow_ups` and `report.summary`.
pub(super) fn assess(problem: &Problem, report: &mut Report) {
    let (suggested, reasons) = score(problem, report);
    report.score.suggested = suggested;
    report.score.reasons = reasons;
    report.follow_ups = follow_ups(problem, report);
    report.summary = Summary::of(problem, report);
}

fn keeps_state(report: &Report) -> bool {
    report.findings.iter().any(|f| matches!(f, Finding::KeepsState { .. }))
}

fn score(problem: &Problem, report: &Report) -> Scored {
    if let Gate::Capped(out) = gate(report) {
        return out;
    }
    let mut reasons = vec![format!("all {} hidden tests pass", report.tests.total)];
    let optimal = problem.optimal.time;
    let mut score = match &report.complexity {
        None => {
            reasons.push("complexity not measured".into());
            3
        }
        Some(c) => {
            // When the data cannot separate two classes, the candidate gets the better one.
            let measured = [c.time.known(), c.runner_up.filter(|_| c.ambiguous)].into_iter().flatten().min();
            let time = c.time.as_str();
            match measured {
                Some(m) if m <= optimal => {
                    reasons.push(format!("measured time {time} matches the optimal {optimal}"));
                    4
                }
                Some(m) if m.rank() == optimal.rank() + 1 => {
                    reasons.push(format!("measured time {time} is one class above the optimal {optimal}"));
                    3
                }
                Some(_) => {
                    reasons.push(format!("measured time {time} is far from the optimal {optimal}"));
                    2
                }
                None => {
                    reasons.push("the growth could not be classified".into());
                    3
                }
            }
        }
    };
    if keeps_state(report) {
        score = score.min(3);
        reasons.push("keeps state between calls".into());
    }
    (score, reasons)
}

fn follow_ups(problem: &Problem, report: &Report) -> Vec<String> {
    let mut out = failure_follow_ups(report);
    if report.load_error.is_some() {
        return out;
    }
    if keeps_state(report) {
        out.push("It keeps state between calls. Ask about mutable default arguments and module-level state.".into());
    }
    if report.complexity.as_ref().is_some_and(|c| c.wrong_answers > 0) {
        out.push("It answers the small tests but not some large generated inputs. Ask which inputs they would test at scale.".into());
    }
    if let Some(c) = &report.complexity {
        let optimal = problem.optimal.time;
        match c.time.known() {
            Some(time) if time > optimal => {
                let hint = problem.hints.when_slow.as_deref().unwrap_or("which step repeats work");
                let at = c
                    .extrapolation
                    .as_ref()
                    .map(|e| format!(" ({} the reference at n = {})", words::ratio(e.ratio), words::thousands(e.n)))
                    .unwrap_or_default();
                // Where the work grows, when the explanation found one line.
                let on = c.costly_lines.as_ref().and_then(|l| l.growing_line());
                let on = on.map(|line| format!("; the work grows on {line}")).unwrap_or_default();
                out.push(format!("Measured {time}{at}, optimal is {optimal}{on}. Ask {hint}."));
            }
            _ if report.verdict == Verdict::Accepted => {
                let (time, space) = (c.time.as_str(), c.space.as_str());
                out.push(format!(
                    "Optimal time ({time}). Ask for the space cost ({space} measured) and whether it can shrink."
                ));
            }
            _ => {}
        }
    }
    if out.is_empty()
        && let Some(extension) = &problem.hints.extension
    {
        out.push(extension.clone());
    }
    out
}
