//! A first draft of the feedback the candidate is sent, written from the score sheet and the measured
//! result only: what went well (questions and domains scored 3 or 4, green flags, a correct or optimal
//! submission), where to grow (questions and domains scored 1 or 2, failing tests, a dearer growth class).
//! The interviewer's notes stay out, every one of them (the page shows them beside the draft, to rewrite
//! in the interviewer's own words), and so do the red flags: they are for the hiring team. Anything the sheet cannot say is left as a bracketed gap for the interviewer to fill.

use crate::export::document::{Export, SubmissionSummary};
use crate::sheet::{Decision, DomainKind};
use grader::Verdict;

/// How a ticked green flag reads when told to the candidate.
fn praise(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "finds_out" => "When you weren't sure of something, you explained how you would find out.",
        "trade_offs" => "You weighed the trade-offs between options.",
        "names_tools" => "You named the testing and CI tools you have used.",
        "specific_story" => "You described a hard problem you solved, with specifics.",
        "production_minded" => "You asked about monitoring, logging and failure modes.",
        "admits_gaps" => "You were open about what you didn't know and asked questions to learn.",
        _ => return None,
    })
}

fn domain_strength(kind: DomainKind) -> &'static str {
    match kind {
        DomainKind::Coding => "How you worked through the coding problem.",
        DomainKind::Experience => "How you talked about your past projects.",
        DomainKind::Communication => "How clearly you explained your thinking.",
    }
}

fn domain_growth(kind: DomainKind) -> &'static str {
    match kind {
        DomainKind::Coding => "The coding problem is the part to practise most.",
        DomainKind::Experience => "Be ready to walk through a recent project in detail: what you decided, and why.",
        DomainKind::Communication => {
            "Talk through your thinking as you go, so the interviewer can follow how you work."
        }
    }
}

/// "Hi Ada, …": the draft, as plain text.
pub fn draft(export: &Export) -> String {
    let first = export.candidate.split_whitespace().next().unwrap_or(&export.candidate);
    let mut out = format!(
        "Hi {first},\n\nThank you for talking with us on {} about the {} Python role, and for working through the \"{}\" problem.\n\n{}\n",
        day(&export.created_at),
        export.level.words(),
        export.problem.title,
        outcome(export.final_decision)
    );
    let (strengths, growth) = observations(export);
    if strengths.is_empty() && growth.is_empty() {
        out.push_str("\n[What went well, and where to grow: score the sheet and this part is drafted from it.]\n");
    }
    for (title, lines) in [("What went well:", &strengths), ("Where you could grow:", &growth)] {
        if !lines.is_empty() {
            out.push_str(&format!("\n{title}\n"));
            for line in lines {
                out.push_str(&format!("- {line}\n"));
            }
        }
    }
    out.push_str("\nThank you again for your time.\n\n[Your name]\n");
    out
}

fn outcome(decision: Option<Decision>) -> &'static str {
    match decision {
        Some(Decision::StrongHire | Decision::Hire) => {
            "We enjoyed the conversation and would like to invite you to the next stage. [The next step, and when.]"
        }
        Some(Decision::NoHire) => {
            "We have decided not to move forward this time. Here is what we saw, which we hope is useful for your next steps."
        }
        _ => "[What happens next, and by when.]",
    }
}

/// "2026-12-01T17:20:05Z" as "1 December 2026".
fn day(iso: &str) -> String {
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.get(..10).unwrap_or_default().split('-').map(|p| p.parse::<usize>().ok());
    match (parts.next().flatten(), parts.next().flatten(), parts.next().flatten()) {
        (Some(year), Some(month @ 1..=12), Some(d)) => format!("{d} {} {year}", months[month - 1]),
        _ => "[date]".to_string(),
    }
}

/// (what went well, where to grow), each a list of lines.
fn observations(export: &Export) -> (Vec<String>, Vec<String>) {
    let (mut strengths, mut growth) = (Vec::new(), Vec::new());
    for q in &export.questions {
        let Some(score) = q.score else { continue };
        let subject = match &q.topic {
            Some(topic) => format!("{} (\"{}\")", topic.to_lowercase(), q.question),
            None => format!("\"{}\"", q.question),
        };
        if score >= 3 {
            strengths.push(format!("Your answer on {subject}."));
        } else {
            growth.push(format!("Deepen your knowledge of {subject}."));
        }
    }
    for d in &export.domains {
        match d.score {
            Some(3..=4) => strengths.push(domain_strength(d.domain).to_string()),
            Some(_) => growth.push(domain_growth(d.domain).to_string()),
            None => {}
        }
    }
    strengths.extend(export.green_flags.iter().filter_map(|f| praise(&f.id)).map(str::to_string));
    if let Some(graded) = export.latest_graded() {
        let (good, to_grow) = measured(graded, export.problem.optimal_time);
        strengths.extend(good);
        growth.extend(to_grow);
    }
    (strengths, growth)
}

/// What the latest graded submission measured, as (strength, growth) lines.
fn measured(graded: &SubmissionSummary, optimal: catalog::GrowthClass) -> (Option<String>, Vec<String>) {
    let Some(summary) = &graded.summary else { return (None, Vec::new()) };
    let accepted = graded.verdict == Some(Verdict::Accepted);
    let mut growth = Vec::new();
    if !accepted {
        growth.push(format!("Your final submission: {}.", summary.correctness));
    }
    let time = graded.time_class.filter(|_| graded.verdict != Some(Verdict::CompileError));
    let strength = match time {
        Some(t) if t > optimal => {
            growth.push(format!(
                "Your final submission's running time grows as {} with the size of the input, where {} is possible.",
                t.pretty(),
                optimal.pretty()
            ));
            accepted.then(|| format!("Your final submission is correct: {}.", summary.correctness))
        }
        Some(t) if accepted => Some(format!(
            "Your final submission is correct ({}) and runs in {}, the best possible here.",
            summary.correctness,
            t.pretty()
        )),
        _ => accepted.then(|| format!("Your final submission is correct: {}.", summary.correctness)),
    };
    (strength, growth)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_green_flag_has_words_for_the_candidate() {
        for flag in crate::sheet::GREEN_FLAGS {
            assert!(praise(flag.id).is_some(), "{}", flag.id);
        }
    }

    #[test]
    fn the_day_is_written_out() {
        assert_eq!(day("2026-12-01T17:20:05Z"), "1 December 2026");
        assert_eq!(day("garbage"), "[date]");
    }
}
