//! The candidate's timeline: what the candidate's page reports (a paste of several lines, time away from
//! the page) and the Runs the service answered, as typed events. The page's reports are read strictly
//! (a closed set of kinds, every figure bounded); they are signals for the interviewer, never a verdict.
//!
//! What it is not: storage (see `store::timeline`) or the pages' wording (see `web/src/shared/words.js`).

use crate::store::{EventRow, StoreError};
use serde::{Deserialize, Serialize};

/// A paste shorter than this many lines is not reported.
pub const PASTE_MIN_LINES: u32 = 3;
/// Time away shorter than this is not reported (the page waits this long before it counts).
pub const AWAY_MIN_MS: u64 = 3_000;
/// Longest time away a report may claim.
const AWAY_MAX_MS: u64 = 24 * 3_600_000;
/// Longest excerpt of a paste kept, in characters.
pub const EXCERPT_CHARS: usize = 200;
/// Largest paste a report may claim, in characters.
const PASTE_MAX_CHARS: u32 = 10_000_000;
/// Largest body of a report, in bytes.
pub const REPORT_BYTES: usize = 2 << 10;
/// Events kept per session; after that reports are refused.
pub const EVENTS_PER_SESSION: i64 = 2_000;

/// Longest load error a Run's event keeps, in characters (events travel through `NOTIFY`, whose payloads
/// are small).
const LOAD_ERROR_CHARS: usize = 300;

/// A Run's load error as its event keeps it: cut to a few lines' worth.
pub fn load_error_shown(message: &str) -> String {
    if message.chars().count() <= LOAD_ERROR_CHARS {
        return message.to_string();
    }
    let cut: String = message.chars().take(LOAD_ERROR_CHARS - 1).collect();
    format!("{cut}…")
}

/// What the candidate's page reports: the closed set it may send.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Report {
    /// Text pasted into the editor.
    Paste {
        /// Lines pasted.
        lines: u32,
        /// Characters pasted.
        chars: u32,
        /// The first characters of the paste.
        #[serde(default)]
        excerpt: String,
    },
    /// The page was hidden or lost focus, and is back.
    FocusLost {
        /// For how long, in milliseconds.
        away_ms: u64,
    },
}

impl Report {
    /// The report checked, as the event to store and when it began (`now` is the time it was received).
    pub fn into_event(self, now: i64, session_start: i64) -> Result<(Recorded, i64), BadReport> {
        match self {
            Report::Paste { lines, chars, excerpt } => {
                if lines < PASTE_MIN_LINES {
                    return Err(BadReport::FewLines);
                }
                if chars > PASTE_MAX_CHARS || chars < lines - 1 {
                    return Err(BadReport::PasteSize);
                }
                if excerpt.chars().count() > EXCERPT_CHARS {
                    return Err(BadReport::LongExcerpt);
                }
                Ok((Recorded::Paste { lines, chars, excerpt }, now))
            }
            Report::FocusLost { away_ms } => {
                if !(AWAY_MIN_MS..=AWAY_MAX_MS).contains(&away_ms) {
                    return Err(BadReport::AwayOutOfRange);
                }
                let began = (now - away_ms as i64).max(session_start);
                Ok((Recorded::FocusLost { seconds: (now - began) as f64 / 1e3 }, began))
            }
        }
    }
}

/// A report the page sent that is outside what a page reports.
#[derive(Debug, PartialEq, thiserror::Error)]
pub enum BadReport {
    /// A paste of too few lines.
    #[error("a paste is reported from {PASTE_MIN_LINES} lines")]
    FewLines,
    /// A paste whose characters do not fit its lines.
    #[error("the paste's size does not fit its lines")]
    PasteSize,
    /// An excerpt over its length.
    #[error("the excerpt is longer than {EXCERPT_CHARS} characters")]
    LongExcerpt,
    /// Time away too short to report, or over a day.
    #[error("time away is reported from {AWAY_MIN_MS} ms up to a day")]
    AwayOutOfRange,
}

/// A stored event that does not read back.
#[derive(Debug, thiserror::Error)]
pub enum CorruptEvent {
    /// Its details are not an event's.
    #[error("event {id}: {error}")]
    Unreadable {
        /// The event's id.
        id: i64,
        /// Why.
        error: serde_json::Error,
    },
    /// Its details are of another kind than the row says.
    #[error("event {id} is stored as {stored} but holds {held}")]
    OtherKind {
        /// The event's id.
        id: i64,
        /// The row's kind.
        stored: String,
        /// The details' kind.
        held: &'static str,
    },
}

/// An event that does not read back is not one this service writes.
impl From<CorruptEvent> for StoreError {
    fn from(e: CorruptEvent) -> StoreError {
        StoreError::Corrupt(e.to_string())
    }
}

/// The closed set of event kinds, as stored and sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A paste of several lines.
    Paste,
    /// Time away from the page.
    FocusLost,
    /// A Run of the visible examples.
    Run,
}

impl Kind {
    /// The event's mark on the interviewer's timeline, as its legend names it.
    pub fn mark(self) -> &'static str {
        match self {
            Kind::Paste => "Paste",
            Kind::FocusLost => "Away",
            Kind::Run => "Run",
        }
    }

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Paste => "paste",
            Kind::FocusLost => "focus_lost",
            Kind::Run => "run",
        }
    }
}

/// An event's details, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recorded {
    /// A paste of several lines.
    Paste {
        /// Lines pasted.
        lines: u32,
        /// Characters pasted.
        chars: u32,
        /// The first characters of the paste.
        excerpt: String,
    },
    /// Time away from the page, from the event's time on.
    FocusLost {
        /// For how long.
        seconds: f64,
    },
    /// A Run, and what the candidate saw.
    Run {
        /// The draft version holding the code that ran.
        draft_id: i64,
        /// Examples that passed.
        passed: usize,
        /// Examples run.
        total: usize,
        /// Why the code did not load, if it did not.
        load_error: Option<String>,
    },
}

impl Recorded {
    /// Its kind.
    pub fn kind(&self) -> Kind {
        match self {
            Recorded::Paste { .. } => Kind::Paste,
            Recorded::FocusLost { .. } => Kind::FocusLost,
            Recorded::Run { .. } => Kind::Run,
        }
    }
}

/// An event of the timeline as the interviewer's API sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// Its id.
    pub id: i64,
    /// When it happened (ms since the epoch); for time away, when it began.
    pub at: i64,
    /// Its kind and details.
    #[serde(flatten)]
    pub what: Recorded,
}

impl TimelineEvent {
    /// A stored event, read back.
    pub fn from_row(row: &EventRow) -> Result<TimelineEvent, CorruptEvent> {
        let what: Recorded =
            serde_json::from_str(&row.detail).map_err(|error| CorruptEvent::Unreadable { id: row.id, error })?;
        if what.kind().as_str() != row.kind {
            return Err(CorruptEvent::OtherKind { id: row.id, stored: row.kind.clone(), held: what.kind().as_str() });
        }
        Ok(TimelineEvent { id: row.id, at: row.at, what })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Report, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn reports_are_a_closed_set_read_strictly() {
        assert!(read(r#"{"kind": "paste", "lines": 4, "chars": 80, "excerpt": "def f"}"#).is_ok());
        assert!(read(r#"{"kind": "focus_lost", "away_ms": 4000}"#).is_ok());
        assert!(read(r#"{"kind": "run", "draft_id": 1, "passed": 1, "total": 1}"#).is_err());
        assert!(read(r#"{"kind": "copy", "lines": 4}"#).is_err());
        assert!(read(r#"{"kind": "focus_lost", "away_ms": 4000, "extra": 1}"#).is_err());
        assert!(read(r#"{"kind": "focus_lost", "away_ms": -1}"#).is_err());
    }

    #[test]
    fn a_runs_load_error_is_kept_short() {
        assert_eq!(load_error_shown("SyntaxError: invalid syntax"), "SyntaxError: invalid syntax");
        let long = load_error_shown(&"é".repeat(1_000));
        assert_eq!(long.chars().count(), LOAD_ERROR_CHARS);
        assert!(long.ends_with('…'));
    }

    #[test]
    fn time_away_begins_when_the_page_was_left_and_never_before_the_session() {
        let (event, began) = Report::FocusLost { away_ms: 5_000 }.into_event(100_000, 0).unwrap();
        assert_eq!((event, began), (Recorded::FocusLost { seconds: 5.0 }, 95_000));
        let (_, began) = Report::FocusLost { away_ms: 5_000 }.into_event(100_000, 98_000).unwrap();
        assert_eq!(began, 98_000);
        assert!(Report::FocusLost { away_ms: 500 }.into_event(100_000, 0).is_err());
        assert!(Report::Paste { lines: 1, chars: 10, excerpt: String::new() }.into_event(0, 0).is_err());
    }
}
