//! Stored reports read back as the grader's types: the interviewer's `grader::Report` and the candidate's
//! `grader::CandidateView`. Every reader of a stored report goes through here, so none indexes JSON by
//! key, and one that does not read is logged once here and treated as no report.

use crate::store::SubmissionRow;
use grader::{CandidateView, Report};
use serde::de::DeserializeOwned;

/// The submission's full report, once graded.
pub fn full(row: &SubmissionRow) -> Option<Report> {
    read(row.id, row.report.as_deref()?)
}

/// The submission's report as the candidate sees it, once graded.
pub fn candidate(row: &SubmissionRow) -> Option<CandidateView> {
    read(row.id, row.candidate_report.as_deref()?)
}

/// A stored report's text as `T`; `id` (the submission's or its session's) names it in the log.
pub fn read<T: DeserializeOwned>(id: i64, text: &str) -> Option<T> {
    serde_json::from_str(text).inspect_err(|e| tracing::warn!(id, error = %e, "a stored report does not read")).ok()
}
