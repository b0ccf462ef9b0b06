//! The export's document from its sources: the newest score sheet with the question bank's text, every
//! submission's summary, the final code, the signals, and the feedback draft written from the rest.

use super::document::{
    DomainRow, Export, FinalCode, FlagRow, ProblemRef, QuestionRow, SignalRow, SubmissionSummary, iso,
};
use crate::sheet::{self, Computed, DomainKind, Sheet};
use crate::store::{DraftRow, SessionRow, SubmissionRow};
use crate::timeline::TimelineEvent;
use catalog::{Problem, QuestionBank};

/// What an export is built from.
pub struct Sources<'a> {
    /// The session.
    pub session: &'a SessionRow,
    /// Its problem.
    pub problem: &'a Problem,
    /// The question bank (`questions.json`).
    pub bank: &'a QuestionBank,
    /// The newest score sheet and what follows from it.
    pub sheet: &'a Sheet,
    /// The decision computed from it.
    pub computed: &'a Computed,
    /// Every submission.
    pub submissions: &'a [SubmissionRow],
    /// The newest draft.
    pub draft: Option<&'a DraftRow>,
    /// The timeline's events (Runs, pastes, time away).
    pub events: &'a [TimelineEvent],
    /// Now, in milliseconds since the epoch.
    pub now: i64,
}

impl Export {
    /// Builds the document.
    pub fn build(from: &Sources) -> Export {
        let questions = from
            .sheet
            .foundations
            .iter()
            .map(|q| {
                let known = from.bank.get(&q.question);
                QuestionRow {
                    id: known.map(|_| q.question.clone()),
                    topic: known.map(|b| b.topic.clone()),
                    question: known.map_or_else(|| q.question.clone(), |b| b.question.clone()),
                    score: q.score,
                    notes: q.notes.clone(),
                }
            })
            .collect();
        let domains = DomainKind::ALL
            .iter()
            .map(|&kind| {
                let d = from.sheet.domain(kind);
                DomainRow { domain: kind, name: kind.words(), score: d.score, notes: d.notes.clone() }
            })
            .collect();
        let flags = |ids: &[String], table: &[sheet::Flag]| -> Vec<FlagRow> {
            ids.iter().map(|id| FlagRow { id: id.clone(), text: sheet::flag_text(table, id).to_string() }).collect()
        };
        let mut export = Export {
            session: from.session.id,
            candidate: from.session.candidate_name.clone(),
            level: from.session.level,
            problem: ProblemRef {
                id: from.problem.id.clone(),
                title: from.problem.title.clone(),
                optimal_time: from.problem.optimal.time,
            },
            created_at: iso(from.session.created_at),
            exported_at: iso(from.now),
            questions,
            domains,
            red_flags: flags(&from.sheet.red_flags, &sheet::RED_FLAGS),
            green_flags: flags(&from.sheet.green_flags, &sheet::GREEN_FLAGS),
            computed: from.computed.clone(),
            final_decision: from.sheet.final_decision,
            notes: from.sheet.notes.clone(),
            submissions: from.submissions.iter().zip(1..).map(|(s, n)| SubmissionSummary::of(s, n)).collect(),
            final_code: FinalCode::of(from.submissions, from.draft),
            feedback: String::new(),
            signals: from.events.iter().filter_map(SignalRow::of).collect(),
        };
        export.feedback = crate::feedback::draft(&export);
        export
    }
}
