//! The closed sets the service stores and sends: each an enum that serialises to the same JSON string
//! the API has always used.

use serde::{Deserialize, Serialize};

/// Where a submission is: waiting for a worker, being graded, graded, or stopped by a fault of the
/// service (a failing submission is `done`, with its verdict in the report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Accepted, waiting for a worker.
    Queued,
    /// A worker is grading it.
    Running,
    /// Graded; the report is stored.
    Done,
    /// The service could not grade it.
    Failed,
}

impl Status {
    /// The stored and sent spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Running => "running",
            Status::Done => "done",
            Status::Failed => "failed",
        }
    }

    /// Where it is, in the words the pages say.
    pub fn words(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Running => "grading",
            Status::Done => "graded",
            Status::Failed => "grading failed",
        }
    }

    /// Done or failed: nothing will change it again.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Done | Status::Failed)
    }
}

/// A stored name outside its closed set.
#[derive(Debug, thiserror::Error)]
#[error("unknown {set} '{name}'")]
pub struct UnknownName {
    /// Which set: "submission status", "level".
    pub set: &'static str,
    /// The name as stored.
    pub name: String,
}

impl std::str::FromStr for Status {
    type Err = UnknownName;

    fn from_str(text: &str) -> Result<Status, UnknownName> {
        Ok(match text {
            "queued" => Status::Queued,
            "running" => Status::Running,
            "done" => Status::Done,
            "failed" => Status::Failed,
            other => return Err(UnknownName { set: "submission status", name: other.into() }),
        })
    }
}

/// A level from its stored spelling.
pub fn parse_level(text: &str) -> Result<catalog::Level, UnknownName> {
    serde_json::from_value(serde_json::Value::String(text.into()))
        .map_err(|_| UnknownName { set: "level", name: text.into() })
}

/// How far a session has come, from what is stored: nothing yet, code being written, a submission
/// waiting or being graded, or the latest submission graded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// No draft and no submission: the candidate has not started.
    NotStarted,
    /// Drafts saved, nothing submitted.
    Coding,
    /// The latest submission is waiting for a worker or being graded.
    Grading,
    /// The latest submission is graded (or its grading failed).
    Submitted,
}

impl Stage {
    /// The JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NotStarted => "not_started",
            Stage::Coding => "coding",
            Stage::Grading => "grading",
            Stage::Submitted => "submitted",
        }
    }

    /// How far the session has come, in words.
    pub fn words(self) -> &'static str {
        match self {
            Stage::NotStarted => "not started",
            Stage::Coding => "coding",
            Stage::Grading => "being graded",
            Stage::Submitted => "submitted",
        }
    }

    /// The stage from the stored facts: how many drafts, and the latest submission's status.
    pub fn of(drafts: i64, latest: Option<Status>) -> Stage {
        match latest {
            Some(status) if status.is_final() => Stage::Submitted,
            Some(_) => Stage::Grading,
            None if drafts > 0 => Stage::Coding,
            None => Stage::NotStarted,
        }
    }
}
