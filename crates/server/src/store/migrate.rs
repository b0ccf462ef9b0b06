//! The schema, versioned, for both backends. SQLite keeps its version in `PRAGMA user_version` (as the
//! earlier embedded store did, so an existing database file is upgraded in place); PostgreSQL keeps it
//! in `schema_version`, and nodes starting together take an advisory lock so one of them migrates.

use super::{Backend, StoreError};
use sqlx::{AnyConnection, AnyPool, Row};

/// Version 1, the original schema; SQLite's spelling.
const SQLITE_V1: &str = "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, candidate_name TEXT NOT NULL, level TEXT NOT NULL, problem TEXT NOT NULL,
  candidate_secret TEXT NOT NULL, interviewer_secret TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE drafts (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id), source TEXT NOT NULL, saved_at INTEGER NOT NULL);
CREATE TABLE submissions (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id), source TEXT NOT NULL,
  status TEXT NOT NULL, created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER, report TEXT, candidate_report TEXT, error TEXT);
CREATE INDEX submissions_by_status ON submissions(status);
CREATE TABLE sheets (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id), sheet TEXT NOT NULL, saved_at INTEGER NOT NULL);";

/// Version 1 in PostgreSQL's spelling.
const POSTGRES_V1: &str = "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions (id BIGSERIAL PRIMARY KEY, candidate_name TEXT NOT NULL, level TEXT NOT NULL, problem TEXT NOT NULL,
  candidate_secret TEXT NOT NULL, interviewer_secret TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE drafts (id BIGSERIAL PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES sessions(id), source TEXT NOT NULL, saved_at BIGINT NOT NULL);
CREATE TABLE submissions (id BIGSERIAL PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES sessions(id), source TEXT NOT NULL,
  status TEXT NOT NULL, created_at BIGINT NOT NULL, started_at BIGINT, finished_at BIGINT, report TEXT, candidate_report TEXT, error TEXT);
CREATE INDEX submissions_by_status ON submissions(status);
CREATE TABLE sheets (id BIGSERIAL PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES sessions(id), sheet TEXT NOT NULL, saved_at BIGINT NOT NULL);";

/// Version 2, the same on both: the queue lives in the database (`jobs`, one row per submission waiting
/// or running, with its lease), sessions remember when they were last graded (fair scheduling),
/// submissions when they last changed (lists sent as changes), drafts when their row was opened
/// (coalescing). Submissions left unfinished by the in-memory queue of version 1 get their job.
const V2: &str = "CREATE TABLE jobs (submission_id BIGINT PRIMARY KEY REFERENCES submissions(id), session_id BIGINT NOT NULL,
  lease_owner TEXT, lease_until BIGINT, attempts BIGINT NOT NULL DEFAULT 0);
CREATE INDEX jobs_by_session ON jobs(session_id);
ALTER TABLE sessions ADD COLUMN last_graded_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN opened_at BIGINT NOT NULL DEFAULT 0;
UPDATE submissions SET updated_at = COALESCE(finished_at, started_at, created_at);
UPDATE drafts SET opened_at = saved_at;
CREATE INDEX submissions_by_session ON submissions(session_id, id);
CREATE INDEX drafts_by_session ON drafts(session_id, id);
INSERT INTO jobs (submission_id, session_id) SELECT id, session_id FROM submissions WHERE status IN ('queued', 'running');";

/// Version 3: the candidate's timeline (`events`): pastes and time away reported by the candidate's page,
/// and the Runs the service answered, each with its kind, its time and its details as JSON. SQLite's
/// spelling.
const SQLITE_V3: &str =
    "CREATE TABLE events (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL, at INTEGER NOT NULL, detail TEXT NOT NULL);
CREATE INDEX events_by_session ON events(session_id, at, id);";

/// Version 3 in PostgreSQL's spelling.
const POSTGRES_V3: &str =
    "CREATE TABLE events (id BIGSERIAL PRIMARY KEY, session_id BIGINT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL, at BIGINT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX events_by_session ON events(session_id, at, id);";

/// Version 4, the same on both: the interviewer's name on a session (optional: empty when not given),
/// and the insights' facts (`store/insights`): one row per session, one per failed category or cause and
/// one per foundational question asked, each with its session's problem, level and creation time so the
/// aggregates read one index; `insight_marks` says how far the facts have been brought up to date.
const V4: &str = "ALTER TABLE sessions ADD COLUMN interviewer_name TEXT NOT NULL DEFAULT '';
CREATE INDEX submissions_by_update ON submissions(updated_at);
CREATE TABLE insight_sessions (session_id BIGINT PRIMARY KEY REFERENCES sessions(id), problem TEXT NOT NULL,
  level TEXT NOT NULL, created_at BIGINT NOT NULL, interviewer TEXT NOT NULL, decision TEXT NOT NULL, graded BIGINT NOT NULL,
  suggested BIGINT, final_score BIGINT, optimal BIGINT NOT NULL, pass_ms BIGINT);
CREATE INDEX insight_sessions_by_slice ON insight_sessions(problem, level, created_at);
CREATE TABLE insight_failures (session_id BIGINT NOT NULL, problem TEXT NOT NULL, level TEXT NOT NULL,
  created_at BIGINT NOT NULL, facet TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX insight_failures_by_slice ON insight_failures(problem, level, created_at, facet, name);
CREATE INDEX insight_failures_by_session ON insight_failures(session_id);
CREATE TABLE insight_questions (session_id BIGINT NOT NULL, problem TEXT NOT NULL, level TEXT NOT NULL,
  created_at BIGINT NOT NULL, question TEXT NOT NULL, score BIGINT, decision TEXT NOT NULL);
CREATE INDEX insight_questions_by_slice ON insight_questions(problem, level, created_at, question, score, decision);
CREATE INDEX insight_questions_by_session ON insight_questions(session_id);
CREATE TABLE insight_marks (name TEXT PRIMARY KEY, value BIGINT NOT NULL)";

/// Version 5, the same on both: a session's newest sheet is found by index (the interviewer's page and the
/// insights' refresh read it; without the index each read walked every sheet of every session), and the
/// insights' per-session facts are read from their index alone (every column an aggregate counts is in it).
const V5: &str = "CREATE INDEX sheets_by_session ON sheets(session_id, id);
DROP INDEX insight_sessions_by_slice;
CREATE INDEX insight_sessions_by_slice ON insight_sessions(problem, level, created_at, decision, graded, optimal,
  suggested, final_score, pass_ms, interviewer)";

/// Version 6, the same on both: the insights' questions and failures are indexed in the order they are
/// grouped, the period last, so a count over all time streams through the index instead of sorting every
/// row of the slice (the questions of 28,000 sessions: 81 -> 15 ms on SQLite).
const V6: &str = "DROP INDEX insight_questions_by_slice;
CREATE INDEX insight_questions_by_slice ON insight_questions(problem, level, question, score, decision, created_at);
DROP INDEX insight_failures_by_slice;
CREATE INDEX insight_failures_by_slice ON insight_failures(problem, level, facet, name, created_at)";

fn steps(backend: Backend) -> [&'static str; 6] {
    match backend {
        Backend::Sqlite => [SQLITE_V1, V2, SQLITE_V3, V4, V5, V6],
        Backend::Postgres => [POSTGRES_V1, V2, POSTGRES_V3, V4, V5, V6],
    }
}

/// Brings the schema up to the latest version, each step in a transaction of its own.
pub(super) async fn to_latest(pool: &AnyPool, backend: Backend) -> Result<(), StoreError> {
    if backend == Backend::Sqlite {
        sqlx::query("PRAGMA journal_mode = WAL").execute(pool).await.ok();
    }
    let mut tx = pool.begin().await?;
    steps_in(&mut tx, backend).await?;
    tx.commit().await?;
    Ok(())
}

async fn steps_in(tx: &mut AnyConnection, backend: Backend) -> Result<(), StoreError> {
    let current: i64 = match backend {
        Backend::Sqlite => sqlx::query("PRAGMA user_version").fetch_one(&mut *tx).await?.try_get(0)?,
        Backend::Postgres => {
            sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7731)) AS locked").execute(&mut *tx).await?;
            sqlx::query("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
                .execute(&mut *tx)
                .await?;
            sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetch_one(&mut *tx).await?.try_get(0)?
        }
    };
    for (index, sql) in steps(backend).iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        // One statement at a time (none of ours holds a semicolon inside).
        for statement in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            sqlx::query(statement).execute(&mut *tx).await.map_err(|e| StoreError::Migration(version, e))?;
        }
        // `user_version` takes no parameter; the number is ours.
        let pragma = format!("PRAGMA user_version = {version}");
        match backend {
            Backend::Sqlite => sqlx::query(&pragma).execute(&mut *tx).await?,
            Backend::Postgres => {
                sqlx::query("INSERT INTO schema_version (version) VALUES ($1)").bind(version).execute(&mut *tx).await?
            }
        };
    }
    Ok(())
}
