//! Storage: one embedded SQLite database holding sessions, every draft and submission, every report,
//! and the score sheet with its history. A std `Mutex` around the connection, not a tokio one: no
//! `.await` happens while it is held, and every statement is short.

use rusqlite::{Connection, OptionalExtension, params};
use rusqlite_migration::{M, Migrations};
use serde::Serialize;
use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Why storage failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The schema could not be brought up to date.
    #[error("database migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
}

const MIGRATIONS: &[M<'static>] = &[M::up(
    "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
     CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        candidate_name TEXT NOT NULL,
        level TEXT NOT NULL,
        problem TEXT NOT NULL,
        candidate_secret TEXT NOT NULL,
        interviewer_secret TEXT NOT NULL,
        created_at INTEGER NOT NULL);
     CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        source TEXT NOT NULL,
        saved_at INTEGER NOT NULL);
     CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER,
        report TEXT,
        candidate_report TEXT,
        error TEXT);
     CREATE INDEX submissions_by_status ON submissions(status);
     CREATE TABLE sheets (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        sheet TEXT NOT NULL,
        saved_at INTEGER NOT NULL);",
)];

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// An interview session as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRow {
    /// Its id.
    pub id: i64,
    /// The candidate's name.
    pub candidate_name: String,
    /// `junior`, `mid` or `senior`.
    pub level: String,
    /// The problem's id.
    pub problem: String,
    /// Secret half of the candidate link.
    #[serde(skip)]
    pub candidate_secret: String,
    /// Secret half of the interviewer link.
    #[serde(skip)]
    pub interviewer_secret: String,
    /// Creation time (ms since the epoch).
    pub created_at: i64,
}

/// A submission as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubmissionRow {
    /// Its id.
    pub id: i64,
    /// Its session.
    pub session_id: i64,
    /// The source submitted.
    pub source: String,
    /// `queued`, `running`, `done` or `failed`.
    pub status: String,
    /// When it was accepted.
    pub created_at: i64,
    /// When evaluation started.
    pub started_at: Option<i64>,
    /// When evaluation ended.
    pub finished_at: Option<i64>,
    /// The interviewer's report (JSON).
    #[serde(skip)]
    pub report: Option<String>,
    /// The candidate's view (JSON).
    #[serde(skip)]
    pub candidate_report: Option<String>,
    /// A fault of the service, if evaluation could not complete.
    pub error: Option<String>,
}

/// A draft autosave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftRow {
    /// Its id.
    pub id: i64,
    /// The source at that moment.
    pub source: String,
    /// When it was saved.
    pub saved_at: i64,
}

/// The database.
pub struct Store {
    conn: Mutex<Connection>,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::setup(Connection::open(path)?)
    }

    /// A private in-memory database (for tests).
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store, StoreError> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Migrations::from_slice(MIGRATIONS).to_latest(&mut conn)?;
        Ok(Store { conn: Mutex::new(conn) })
    }

    fn with<T>(&self, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> Result<T, StoreError> {
        let conn = self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(f(&conn)?)
    }

    /// A stored setting.
    pub fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        self.with(|c| c.query_row("SELECT value FROM settings WHERE name = ?1", [name], |r| r.get(0)).optional())
    }

    /// Stores a setting.
    pub fn set_setting(&self, name: &str, value: &str) -> Result<(), StoreError> {
        self.with(|c| c.execute("INSERT OR REPLACE INTO settings (name, value) VALUES (?1, ?2)", [name, value]).map(|_| ()))
    }

    /// Creates a session and returns it.
    pub fn create_session(&self, name: &str, level: &str, problem: &str, candidate: &str, interviewer: &str) -> Result<SessionRow, StoreError> {
        let created_at = now_ms();
        let id = self.with(|c| {
            c.execute(
                "INSERT INTO sessions (candidate_name, level, problem, candidate_secret, interviewer_secret, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![name, level, problem, candidate, interviewer, created_at],
            )?;
            Ok(c.last_insert_rowid())
        })?;
        Ok(SessionRow {
            id,
            candidate_name: name.into(),
            level: level.into(),
            problem: problem.into(),
            candidate_secret: candidate.into(),
            interviewer_secret: interviewer.into(),
            created_at,
        })
    }

    /// The session with this id.
    pub fn session(&self, id: i64) -> Result<Option<SessionRow>, StoreError> {
        self.with(|c| {
            c.query_row(
                "SELECT id, candidate_name, level, problem, candidate_secret, interviewer_secret, created_at FROM sessions WHERE id = ?1",
                [id],
                |r| {
                    Ok(SessionRow {
                        id: r.get(0)?,
                        candidate_name: r.get(1)?,
                        level: r.get(2)?,
                        problem: r.get(3)?,
                        candidate_secret: r.get(4)?,
                        interviewer_secret: r.get(5)?,
                        created_at: r.get(6)?,
                    })
                },
            )
            .optional()
        })
    }

    /// Stores a draft autosave.
    pub fn save_draft(&self, session: i64, source: &str) -> Result<DraftRow, StoreError> {
        let saved_at = now_ms();
        let id = self.with(|c| {
            c.execute("INSERT INTO drafts (session_id, source, saved_at) VALUES (?1, ?2, ?3)", params![session, source, saved_at])?;
            Ok(c.last_insert_rowid())
        })?;
        Ok(DraftRow { id, source: source.into(), saved_at })
    }

    /// The latest draft of a session.
    pub fn latest_draft(&self, session: i64) -> Result<Option<DraftRow>, StoreError> {
        self.with(|c| {
            c.query_row(
                "SELECT id, source, saved_at FROM drafts WHERE session_id = ?1 ORDER BY id DESC LIMIT 1",
                [session],
                |r| Ok(DraftRow { id: r.get(0)?, source: r.get(1)?, saved_at: r.get(2)? }),
            )
            .optional()
        })
    }

    /// How many drafts a session has.
    pub fn draft_count(&self, session: i64) -> Result<i64, StoreError> {
        self.with(|c| c.query_row("SELECT COUNT(*) FROM drafts WHERE session_id = ?1", [session], |r| r.get(0)))
    }

    /// Stores a submission as queued.
    pub fn create_submission(&self, session: i64, source: &str) -> Result<i64, StoreError> {
        self.with(|c| {
            c.execute(
                "INSERT INTO submissions (session_id, source, status, created_at) VALUES (?1, ?2, 'queued', ?3)",
                params![session, source, now_ms()],
            )?;
            Ok(c.last_insert_rowid())
        })
    }

    /// Marks a submission as running.
    pub fn start_submission(&self, id: i64) -> Result<(), StoreError> {
        self.with(|c| c.execute("UPDATE submissions SET status = 'running', started_at = ?2 WHERE id = ?1", params![id, now_ms()]).map(|_| ()))
    }

    /// Stores a finished submission's reports, or the fault that stopped it.
    pub fn finish_submission(&self, id: i64, reports: Result<(&str, &str), &str>) -> Result<(), StoreError> {
        self.with(|c| {
            match reports {
                Ok((report, candidate)) => c.execute(
                    "UPDATE submissions SET status = 'done', finished_at = ?2, report = ?3, candidate_report = ?4 WHERE id = ?1",
                    params![id, now_ms(), report, candidate],
                ),
                Err(error) => c.execute(
                    "UPDATE submissions SET status = 'failed', finished_at = ?2, error = ?3 WHERE id = ?1",
                    params![id, now_ms(), error],
                ),
            }
            .map(|_| ())
        })
    }

    /// One submission.
    pub fn submission(&self, id: i64) -> Result<Option<SubmissionRow>, StoreError> {
        self.with(|c| c.query_row(&format!("{SUBMISSION} WHERE id = ?1"), [id], submission_row).optional())
    }

    /// A session's submissions, oldest first.
    pub fn submissions(&self, session: i64) -> Result<Vec<SubmissionRow>, StoreError> {
        self.with(|c| {
            let mut stmt = c.prepare(&format!("{SUBMISSION} WHERE session_id = ?1 ORDER BY id"))?;
            stmt.query_map([session], submission_row)?.collect()
        })
    }

    /// Submissions accepted but not finished (after a crash), oldest first; they are queued again.
    pub fn unfinished(&self) -> Result<Vec<i64>, StoreError> {
        self.with(|c| {
            let mut stmt = c.prepare("SELECT id FROM submissions WHERE status IN ('queued', 'running') ORDER BY id")?;
            stmt.query_map([], |r| r.get(0))?.collect()
        })
    }

    /// Stores a new version of a session's score sheet.
    pub fn save_sheet(&self, session: i64, sheet: &str) -> Result<(), StoreError> {
        self.with(|c| {
            c.execute("INSERT INTO sheets (session_id, sheet, saved_at) VALUES (?1, ?2, ?3)", params![session, sheet, now_ms()]).map(|_| ())
        })
    }

    /// Every version of a session's score sheet, oldest first, with the time it was saved.
    pub fn sheet_history(&self, session: i64) -> Result<Vec<(String, i64)>, StoreError> {
        self.with(|c| {
            let mut stmt = c.prepare("SELECT sheet, saved_at FROM sheets WHERE session_id = ?1 ORDER BY id")?;
            stmt.query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
        })
    }
}

const SUBMISSION: &str =
    "SELECT id, session_id, source, status, created_at, started_at, finished_at, report, candidate_report, error FROM submissions";

fn submission_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SubmissionRow> {
    Ok(SubmissionRow {
        id: r.get(0)?,
        session_id: r.get(1)?,
        source: r.get(2)?,
        status: r.get(3)?,
        created_at: r.get(4)?,
        started_at: r.get(5)?,
        finished_at: r.get(6)?,
        report: r.get(7)?,
        candidate_report: r.get(8)?,
        error: r.get(9)?,
    })
}
