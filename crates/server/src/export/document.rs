//! The export's document and its parts, each read from a stored row: a submission's summary from its
//! report, the final code from the newest submission or draft, a signal from a timeline event.

use crate::sheet::{Computed, Decision, DomainKind};
use crate::store::{DraftRow, SubmissionRow};
use crate::timeline::{Recorded, TimelineEvent};
use catalog::{GrowthClass, Level};
use grader::{Summary, Verdict};
use serde::Serialize;

/// An instant (milliseconds since the epoch) in ISO 8601, UTC, to the second: `2026-12-01T17:20:05Z`.
pub fn iso(ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_else(|| ms.to_string())
}

/// A foundational question as scored, with its text.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionRow {
    /// The question's id in the bank, or none for one of the interviewer's own.
    pub id: Option<String>,
    /// Its topic in the bank.
    pub topic: Option<String>,
    /// The question as asked.
    pub question: String,
    /// 1 to 4.
    pub score: Option<u8>,
    /// Notes.
    pub notes: String,
}

/// A domain as scored.
#[derive(Debug, Clone, Serialize)]
pub struct DomainRow {
    /// Which.
    pub domain: DomainKind,
    /// Its name in words.
    pub name: &'static str,
    /// 1 to 4.
    pub score: Option<u8>,
    /// Notes.
    pub notes: String,
}

/// A ticked flag.
#[derive(Debug, Clone, Serialize)]
pub struct FlagRow {
    /// Its id.
    pub id: String,
    /// What it says.
    pub text: String,
}

/// One submission: when, and its report's summary.
#[derive(Debug, Clone, Serialize)]
pub struct SubmissionSummary {
    /// Its id.
    pub id: i64,
    /// Its number in the session: 1 for the first (what people say: "submission #1").
    pub number: i64,
    /// When it was accepted.
    pub submitted_at: String,
    /// Where it is.
    pub status: crate::model::Status,
    /// The verdict, once graded.
    pub verdict: Option<Verdict>,
    /// The measured time class, when measured.
    pub time_class: Option<GrowthClass>,
    /// The report's summary (suggested score, correctness, time and space in words), once graded.
    pub summary: Option<Summary>,
    /// A fault of the service, if grading failed.
    pub error: Option<String>,
}

impl SubmissionSummary {
    pub(super) fn of(row: &SubmissionRow, number: i64) -> SubmissionSummary {
        let report = crate::reports::full(row);
        SubmissionSummary {
            id: row.id,
            number,
            submitted_at: iso(row.created_at),
            status: row.status,
            verdict: report.as_ref().map(|r| r.verdict),
            time_class: report.as_ref().and_then(|r| r.complexity.as_ref()?.time.known()),
            summary: report.map(|r| r.summary),
            error: row.error.clone(),
        }
    }

    /// The summary in sentences: tests, time, space, and the time at the statement's largest input.
    pub fn line(&self) -> String {
        let Some(summary) = &self.summary else {
            return match &self.error {
                Some(e) => format!("not graded: {e}"),
                None => "not graded yet".to_string(),
            };
        };
        let mut parts = vec![capitalised(&summary.correctness)];
        parts.extend(summary.time.as_ref().map(|t| format!("Time {t}")));
        parts.extend(summary.space.as_ref().map(|s| format!("Space {s}")));
        parts.extend(summary.at_largest_input.as_ref().map(|a| format!("Largest input: {a}")));
        parts.join(". ") + "."
    }
}

/// "all 14 hidden tests pass" as "All 14 hidden tests pass".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where the final code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeOrigin {
    /// The latest submission.
    Submission,
    /// A draft saved after the latest submission (or with none).
    Draft,
}

/// The candidate's last code.
#[derive(Debug, Clone, Serialize)]
pub struct FinalCode {
    /// Submission or draft.
    pub origin: CodeOrigin,
    /// The submission's number in the session, for a submission.
    pub submission: Option<i64>,
    /// When it was submitted or saved.
    pub at: String,
    /// The source.
    pub source: String,
}

impl FinalCode {
    /// The newer of the latest submission and the latest draft.
    pub(super) fn of(submissions: &[SubmissionRow], draft: Option<&DraftRow>) -> Option<FinalCode> {
        let submitted = submissions.iter().zip(1..).max_by_key(|(s, _)| s.id);
        match (submitted, draft) {
            (Some((s, _)), Some(d)) if d.saved_at > s.created_at && d.source != s.source => Some(FinalCode::draft(d)),
            (Some((s, number)), _) => Some(FinalCode {
                origin: CodeOrigin::Submission,
                submission: Some(number),
                at: iso(s.created_at),
                source: s.source.clone(),
            }),
            (None, Some(d)) => Some(FinalCode::draft(d)),
            (None, None) => None,
        }
    }

    fn draft(d: &DraftRow) -> FinalCode {
        FinalCode { origin: CodeOrigin::Draft, submission: None, at: iso(d.saved_at), source: d.source.clone() }
    }

    /// "submission #3, 2026-12-01T17:20:05Z" or "draft saved 2026-12-01T17:20:05Z".
    pub fn origin_words(&self) -> String {
        match (self.origin, self.submission) {
            (CodeOrigin::Submission, Some(number)) => format!("submission #{number}, {}", self.at),
            _ => format!("draft saved {}", self.at),
        }
    }
}

/// The problem, by id and title.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The optimal time class.
    pub optimal_time: GrowthClass,
}

/// Everything an export holds.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    /// The session's id.
    pub session: i64,
    /// The candidate's name.
    pub candidate: String,
    /// The level interviewed for.
    pub level: Level,
    /// The problem.
    pub problem: ProblemRef,
    /// When the session was created.
    pub created_at: String,
    /// When this export was made.
    pub exported_at: String,
    /// Foundational questions with their text.
    pub questions: Vec<QuestionRow>,
    /// The three domains.
    pub domains: Vec<DomainRow>,
    /// Red flags ticked, with their text.
    pub red_flags: Vec<FlagRow>,
    /// Green flags ticked, with their text.
    pub green_flags: Vec<FlagRow>,
    /// The decision computed from the scores.
    pub computed: Computed,
    /// The interviewer's decision.
    pub final_decision: Option<Decision>,
    /// General notes.
    pub notes: String,
    /// Every submission, oldest first, with its summary.
    pub submissions: Vec<SubmissionSummary>,
    /// The candidate's last code.
    pub final_code: Option<FinalCode>,
    /// The feedback draft for the candidate.
    pub feedback: String,
    /// Pastes and time away, in time order: signals with their evidence, never a verdict.
    pub signals: Vec<SignalRow>,
}

/// Which signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Several lines pasted into the editor at once.
    Paste,
    /// The candidate's page left for a while.
    TimeAway,
}

/// One paste or time away, with its evidence in words.
#[derive(Debug, Clone, Serialize)]
pub struct SignalRow {
    /// Paste or time away.
    pub kind: SignalKind,
    /// When (for time away, when it began), ISO 8601.
    pub at: String,
    /// "pasted 6 lines (125 characters)", "away from the page for 3.6 s".
    pub words: String,
}

impl SignalRow {
    /// The signal an event of the timeline is, if it is one (a Run is not).
    pub(super) fn of(event: &TimelineEvent) -> Option<SignalRow> {
        let (kind, words) = match &event.what {
            Recorded::Paste { lines, chars, .. } => {
                (SignalKind::Paste, format!("pasted {lines} lines ({chars} characters) at once"))
            }
            Recorded::FocusLost { seconds } => (SignalKind::TimeAway, format!("away from the page for {seconds:.1} s")),
            Recorded::Run { .. } => return None,
        };
        Some(SignalRow { kind, at: iso(event.at), words })
    }
}

impl Export {
    /// The latest graded submission.
    pub fn latest_graded(&self) -> Option<&SubmissionSummary> {
        self.submissions.iter().rev().find(|s| s.summary.is_some())
    }

    /// "Ada — Remove duplicates (mid-level)".
    pub fn title(&self) -> String {
        format!("{} — {} ({})", self.candidate, self.problem.title, self.level.words())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_iso_8601_in_utc() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_796_145_605_999), "2026-12-01T17:20:05Z");
    }

    #[test]
    fn a_report_with_an_unknown_growth_class_still_gives_its_verdict() {
        let stored = include_str!("../../../grader/tests/data/accepted_quadratic_space_unknown.json");
        let mut report: serde_json::Value = serde_json::from_str(stored).unwrap();
        let row = |report: &serde_json::Value| SubmissionRow {
            id: 1,
            session_id: 1,
            source: String::new(),
            status: crate::model::Status::Done,
            created_at: 0,
            started_at: None,
            finished_at: None,
            report: Some(report.to_string()),
            candidate_report: None,
            error: None,
            updated_at: 0,
        };
        let known = SubmissionSummary::of(&row(&report), 1);
        assert_eq!((known.verdict, known.time_class), (Some(Verdict::Accepted), Some(GrowthClass::Quadratic)));
        report["complexity"]["time"] = "unknown".into();
        let unknown = SubmissionSummary::of(&row(&report), 1);
        assert_eq!((unknown.verdict, unknown.time_class), (Some(Verdict::Accepted), None));
    }
}
