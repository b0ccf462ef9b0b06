//! Storage behind one async API over two backends: embedded SQLite (the default, no server needed) and
//! PostgreSQL (several nodes on one database). Sessions, every draft, every submission and report, the
//! score sheet with its history, the candidate's timeline events (`timeline`), and the evaluation queue
//! itself (`queue`). No call blocks the async runtime: sqlx runs SQLite on threads of its own and speaks
//! PostgreSQL over async sockets.

mod durability;
mod history;
mod insights;
mod migrate;
mod numbering;
mod queue;
mod sessions;
mod timeline;

pub use history::HistorySession;
pub use insights::{Case, Facts, InterviewerSums, Marks, RawSession, Slice};
pub use queue::{Claim, Page};
pub use timeline::EventRow;

use crate::model::{Status, UnknownName, parse_level};
use catalog::Level;
use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Row};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::OnceCell;

/// Why storage failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database refused or could not be reached.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A step of the schema could not be applied.
    #[error("database migration to version {0}: {1}")]
    Migration(i64, sqlx::Error),
    /// A stored value is not one this service writes.
    #[error("database holds an unexpected value: {0}")]
    Corrupt(String),
    /// Writes were made to fail on purpose (fault drills and tests).
    #[error("database write refused: failure injected")]
    Injected,
    /// `backup` is for the embedded SQLite file; PostgreSQL has its own tools.
    #[error("backups of a PostgreSQL database are made with pg_dump (see the README)")]
    NotSqlite,
}

/// A stored name outside its closed set is not one this service writes.
impl From<UnknownName> for StoreError {
    fn from(e: UnknownName) -> StoreError {
        StoreError::Corrupt(e.to_string())
    }
}

/// Which database is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One file (or memory), one writer at a time.
    Sqlite,
    /// A server shared by every node.
    Postgres,
}

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
    /// The level the candidate is interviewed for.
    pub level: Level,
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
    /// Where it is.
    pub status: Status,
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
    /// When it last changed.
    pub updated_at: i64,
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

/// How drafts are kept: saves closer together than `coalesce_ms` (measured from when the row was opened)
/// replace the newest row instead of adding one, and a session keeps at most `max_rows` rows (after that
/// the newest is replaced): enough for a playback of the session at a few seconds' resolution.
#[derive(Debug, Clone, Copy)]
pub struct DraftPolicy {
    /// Saves within this many milliseconds of the newest row's first save go into that row.
    pub coalesce_ms: i64,
    /// Rows kept per session.
    pub max_rows: i64,
}

/// The database.
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    url: String,
    migrated: OnceCell<()>,
    fail_writes: AtomicBool,
    failures: AtomicU64,
    /// SQLite's `max_page_count` for fault drills (0: none), applied to every new connection too.
    page_cap: Arc<AtomicI64>,
}

/// How long a request waits for a PostgreSQL connection before it is answered 503.
const POSTGRES_WAIT: Duration = Duration::from_secs(1);
/// How long a request waits for SQLite's one connection (held only for single statements and short
/// transactions, so a long wait means the file is stuck).
const SQLITE_WAIT: Duration = Duration::from_secs(5);

fn install_drivers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(sqlx::any::install_default_drivers);
}

impl Store {
    /// Opens the database named by `target` and brings its schema up to date: a `postgres://` URL, a
    /// `sqlite:` URL, or else the path of a SQLite file (created if missing).
    pub async fn open(target: &str) -> Result<Store, StoreError> {
        let store = Store::lazy(target)?;
        store.ready().await?;
        Ok(store)
    }

    /// A private in-memory SQLite database (for tests). The schema is created on first use.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::lazy("sqlite::memory:")
    }

    fn lazy(target: &str) -> Result<Store, StoreError> {
        install_drivers();
        let (backend, url) = if target.starts_with("postgres://") || target.starts_with("postgresql://") {
            (Backend::Postgres, target.to_string())
        } else if target.starts_with("sqlite:") {
            (Backend::Sqlite, target.to_string())
        } else {
            (Backend::Sqlite, format!("sqlite://{target}?mode=rwc"))
        };
        let page_cap = Arc::new(AtomicI64::new(0));
        let options = match backend {
            // A short wait: while the database is away every request (and `/health`) is answered 503 in
            // about a second rather than when a load balancer has long given up.
            Backend::Postgres => AnyPoolOptions::new().max_connections(8).acquire_timeout(POSTGRES_WAIT),
            // One connection: SQLite has one writer anyway, and an in-memory database lives exactly as
            // long as its connection, so it is never closed for being idle or old.
            Backend::Sqlite => AnyPoolOptions::new()
                .max_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
                .acquire_timeout(SQLITE_WAIT),
        };
        let cap = page_cap.clone();
        let memory = url.contains(":memory:") || url.contains("mode=memory");
        let pool = options
            .after_connect(move |c, _| {
                let cap = cap.load(Ordering::SeqCst);
                durability::configure(c, backend, memory, cap)
            })
            .after_release(move |c, _| durability::settle(c, backend))
            .connect_lazy(&url)?;
        Ok(Store {
            pool,
            backend,
            url,
            migrated: OnceCell::new(),
            fail_writes: AtomicBool::new(false),
            failures: AtomicU64::new(0),
            page_cap,
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The connection URL (PostgreSQL listeners open their own connection with it).
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    async fn ready(&self) -> Result<&AnyPool, StoreError> {
        self.migrated.get_or_try_init(|| migrate::to_latest(&self.pool, self.backend)).await?;
        Ok(&self.pool)
    }

    /// Makes every later write fail (or succeed again): for fault drills and the tests that prove an
    /// accepted submission survives a database that refuses writes for a while.
    pub fn inject_write_failures(&self, on: bool) {
        self.fail_writes.store(on, Ordering::SeqCst);
    }

    /// Caps a SQLite database at its present size plus `spare` pages, as a disk that fills does (writes
    /// past it fail with SQLITE_FULL), or lifts the cap (`None`: space is freed). For fault drills and
    /// the tests that prove a full disk loses nothing; nothing on PostgreSQL.
    pub async fn cap_pages(&self, spare: Option<i64>) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        let pool = self.ready().await?;
        let cap = match spare {
            Some(spare) => {
                let row = sqlx::query("PRAGMA page_count").fetch_one(pool).await?;
                row.try_get::<i64, _>(0)? + spare.max(0)
            }
            None => durability::NO_PAGE_CAP,
        };
        self.page_cap.store(if spare.is_some() { cap } else { 0 }, Ordering::SeqCst);
        // The number is ours; a PRAGMA takes no parameter.
        sqlx::query(&format!("PRAGMA max_page_count = {cap}")).execute(pool).await?;
        Ok(())
    }

    /// Writes a consistent copy of the SQLite database to the new file `to` while the service keeps
    /// running (`VACUUM INTO`: one read transaction, so the copy holds every commit made before it
    /// began and none after; the write-ahead log lets writers go on meanwhile). Restoring is copying
    /// that file in place of the database while the service is stopped.
    pub async fn backup(&self, to: &std::path::Path) -> Result<(), StoreError> {
        if self.backend != Backend::Sqlite {
            return Err(StoreError::NotSqlite);
        }
        let pool = self.ready().await?;
        let done = sqlx::query("VACUUM INTO $1").bind(to.to_string_lossy().into_owned()).execute(pool).await;
        self.counted(done.map(|_| ()).map_err(Into::into))
    }

    /// Whether a write of the size of the largest submission (`bytes`) can be stored now: written and
    /// removed again in one committed transaction under the name `probe`, so a full disk or a database
    /// that refuses writes shows on `/health`, not only on the next submission.
    pub async fn probe_write(&self, probe: &str, bytes: usize) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let filler = "x".repeat(bytes);
        let name = format!("probe:{probe}");
        let done = in_tx!(pool, probe_in(&name, &filler)).await;
        self.counted(done.map_err(Into::into))
    }

    /// Store calls that failed so far (counted for the metrics).
    pub fn failures(&self) -> u64 {
        self.failures.load(Ordering::Relaxed)
    }

    /// The pool for a write, unless writes are being refused.
    async fn writer(&self) -> Result<&AnyPool, StoreError> {
        if self.fail_writes.load(Ordering::SeqCst) {
            self.failures.fetch_add(1, Ordering::Relaxed);
            return Err(StoreError::Injected);
        }
        self.ready().await
    }

    /// Counts a failure on its way out.
    fn counted<T>(&self, result: Result<T, StoreError>) -> Result<T, StoreError> {
        if result.is_err() {
            self.failures.fetch_add(1, Ordering::Relaxed);
        }
        result
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let pool = self.ready().await?;
        self.counted(sqlx::query("SELECT 1").execute(pool).await.map(|_| ()).map_err(Into::into))
    }

    /// A stored setting.
    pub async fn setting(&self, name: &str) -> Result<Option<String>, StoreError> {
        let pool = self.ready().await?;
        let row = sqlx::query("SELECT value FROM settings WHERE name = $1").bind(name).fetch_optional(pool).await;
        self.counted(row.map_err(Into::into).and_then(|r| r.map(|r| r.try_get(0)).transpose().map_err(Into::into)))
    }

    /// Stores a setting unless one of that name exists (two nodes starting together keep the first).
    pub async fn set_setting_once(&self, name: &str, value: &str) -> Result<String, StoreError> {
        let pool = self.writer().await?;
        let done = sqlx::query("INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(value)
            .execute(pool)
            .await;
        self.counted(done.map_err(Into::into))?;
        self.setting(name).await?.ok_or_else(|| StoreError::Corrupt(format!("setting {name} vanished")))
    }

    /// Stores a setting, replacing any of that name.
    pub async fn replace_setting(&self, name: &str, value: &str) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let done = sqlx::query(
            "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value)
        .execute(pool)
        .await;
        self.counted(done.map(|_| ()).map_err(Into::into))
    }

    /// Creates a session and returns it.
    pub async fn create_session(
        &self,
        name: &str,
        level: Level,
        problem: &str,
        candidate: &str,
        interviewer: &str,
    ) -> Result<SessionRow, StoreError> {
        let pool = self.writer().await?;
        let created_at = now_ms();
        let row = sqlx::query(
            "INSERT INTO sessions (candidate_name, level, problem, candidate_secret, interviewer_secret, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(name)
        .bind(level.as_str())
        .bind(problem)
        .bind(candidate)
        .bind(interviewer)
        .bind(created_at)
        .fetch_one(pool)
        .await;
        let id: i64 = self.counted(row.map_err(Into::into))?.try_get(0)?;
        Ok(SessionRow {
            id,
            candidate_name: name.into(),
            level,
            problem: problem.into(),
            candidate_secret: candidate.into(),
            interviewer_secret: interviewer.into(),
            created_at,
        })
    }

    /// The session with this id.
    pub async fn session(&self, id: i64) -> Result<Option<SessionRow>, StoreError> {
        let pool = self.ready().await?;
        let row = sqlx::query(
            "SELECT id, candidate_name, level, problem, candidate_secret, interviewer_secret, created_at FROM sessions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await;
        let Some(r) = self.counted(row.map_err(Into::into))? else {
            return Ok(None);
        };
        Ok(Some(session_row(&r)?))
    }

    /// Stores a draft autosave under `policy`: a new row, or the newest row replaced.
    pub async fn save_draft(&self, session: i64, source: &str, policy: DraftPolicy) -> Result<DraftRow, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let saved = in_tx!(pool, save_draft_in(session, source, now, policy)).await;
        let id = self.counted(saved.map_err(Into::into))?;
        Ok(DraftRow { id, source: source.into(), saved_at: now })
    }

    /// The latest draft of a session.
    pub async fn latest_draft(&self, session: i64) -> Result<Option<DraftRow>, StoreError> {
        self.one_draft(
            "SELECT id, source, saved_at FROM drafts WHERE session_id = $1 ORDER BY id DESC LIMIT 1",
            session,
        )
        .await
    }

    /// One draft by id.
    pub async fn draft(&self, id: i64) -> Result<Option<DraftRow>, StoreError> {
        self.one_draft("SELECT id, source, saved_at FROM drafts WHERE id = $1", id).await
    }

    async fn one_draft(&self, sql: &'static str, key: i64) -> Result<Option<DraftRow>, StoreError> {
        let pool = self.ready().await?;
        let row = self.counted(sqlx::query(sql).bind(key).fetch_optional(pool).await.map_err(Into::into))?;
        row.map(|r| Ok(DraftRow { id: r.try_get(0)?, source: r.try_get(1)?, saved_at: r.try_get(2)? })).transpose()
    }

    /// How many draft rows a session has.
    pub async fn draft_count(&self, session: i64) -> Result<i64, StoreError> {
        self.count("SELECT COUNT(*) FROM drafts WHERE session_id = $1", session).await
    }

    async fn count(&self, sql: &'static str, key: i64) -> Result<i64, StoreError> {
        let pool = self.ready().await?;
        let row = self.counted(sqlx::query(sql).bind(key).fetch_one(pool).await.map_err(Into::into))?;
        Ok(row.try_get(0)?)
    }

    /// Stores a new version of a session's score sheet.
    pub async fn save_sheet(&self, session: i64, sheet: &str) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let done = sqlx::query("INSERT INTO sheets (session_id, sheet, saved_at) VALUES ($1, $2, $3)")
            .bind(session)
            .bind(sheet)
            .bind(now_ms())
            .execute(pool)
            .await;
        self.counted(done.map(|_| ()).map_err(Into::into))
    }

    /// Every version of a session's score sheet, oldest first, with the time it was saved.
    pub async fn sheet_history(&self, session: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query("SELECT sheet, saved_at FROM sheets WHERE session_id = $1 ORDER BY id")
            .bind(session)
            .fetch_all(pool)
            .await;
        self.counted(rows.map_err(Into::into))?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// The newest version of a session's score sheet.
    pub async fn latest_sheet(&self, session: i64) -> Result<Option<String>, StoreError> {
        let pool = self.ready().await?;
        let row = sqlx::query("SELECT sheet FROM sheets WHERE session_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(session)
            .fetch_optional(pool)
            .await;
        self.counted(row.map_err(Into::into))?.map(|r| r.try_get(0).map_err(Into::into)).transpose()
    }
}

/// Opens a transaction, runs one of the `*_in` functions of this module in it, and commits; dropping
/// the transaction on an error rolls it back. (The bodies take `&mut AnyConnection`: passing a
/// transaction that way keeps the futures `Send` for every lifetime, which axum's handlers need.)
macro_rules! in_tx {
    ($pool:expr, $body:ident($($arg:expr),*)) => {
        async {
            let mut tx = $pool.begin().await?;
            let out = $body(&mut tx, $($arg),*).await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(out)
        }
    };
}
pub(crate) use in_tx;

async fn probe_in(c: &mut AnyConnection, name: &str, filler: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO settings (name, value) VALUES ($1, $2)").bind(name).bind(filler).execute(&mut *c).await?;
    sqlx::query("DELETE FROM settings WHERE name = $1").bind(name).execute(&mut *c).await?;
    Ok(())
}

async fn save_draft_in(
    c: &mut AnyConnection,
    session: i64,
    source: &str,
    now: i64,
    policy: DraftPolicy,
) -> Result<i64, sqlx::Error> {
    let newest = sqlx::query("SELECT id, opened_at, (SELECT COUNT(*) FROM drafts WHERE session_id = $1) FROM drafts WHERE session_id = $1 ORDER BY id DESC LIMIT 1")
        .bind(session)
        .fetch_optional(&mut *c)
        .await?;
    let reuse = match &newest {
        Some(r) => {
            let (id, opened, rows): (i64, i64, i64) = (r.try_get(0)?, r.try_get(1)?, r.try_get(2)?);
            (now - opened < policy.coalesce_ms || rows >= policy.max_rows).then_some(id)
        }
        None => None,
    };
    match reuse {
        Some(id) => {
            sqlx::query("UPDATE drafts SET source = $2, saved_at = $3 WHERE id = $1")
                .bind(id)
                .bind(source)
                .bind(now)
                .execute(&mut *c)
                .await?;
            Ok(id)
        }
        None => sqlx::query(
            "INSERT INTO drafts (session_id, source, saved_at, opened_at) VALUES ($1, $2, $3, $3) RETURNING id",
        )
        .bind(session)
        .bind(source)
        .bind(now)
        .fetch_one(&mut *c)
        .await?
        .try_get(0),
    }
}

fn submission_row(r: &AnyRow) -> Result<SubmissionRow, StoreError> {
    let status: String = r.try_get(3)?;
    Ok(SubmissionRow {
        id: r.try_get(0)?,
        session_id: r.try_get(1)?,
        source: r.try_get(2)?,
        status: status.parse()?,
        created_at: r.try_get(4)?,
        started_at: r.try_get(5)?,
        finished_at: r.try_get(6)?,
        report: r.try_get(7)?,
        candidate_report: r.try_get(8)?,
        error: r.try_get(9)?,
        updated_at: r.try_get(10)?,
    })
}

const SUBMISSION: &str = "SELECT id, session_id, source, status, created_at, started_at, finished_at, report, candidate_report, error, updated_at FROM submissions";

impl Store {
    /// `NOTIFY` on PostgreSQL (the other nodes listen); nothing on SQLite.
    pub(crate) async fn notify(&self, channel: &str, payload: &str) -> Result<(), StoreError> {
        if self.backend != Backend::Postgres {
            return Ok(());
        }
        let pool = self.ready().await?;
        let done = sqlx::query("SELECT 1 FROM (SELECT pg_notify($1, $2)) AS sent")
            .bind(channel)
            .bind(payload)
            .execute(pool)
            .await;
        self.counted(done.map(|_| ()).map_err(Into::into))
    }
}

/// A session from the first seven columns of a row: id, candidate, level, problem, both secrets, created.
pub(super) fn session_row(r: &sqlx::any::AnyRow) -> Result<SessionRow, StoreError> {
    let level: String = r.try_get(2)?;
    Ok(SessionRow {
        id: r.try_get(0)?,
        candidate_name: r.try_get(1)?,
        level: parse_level(&level)?,
        problem: r.try_get(3)?,
        candidate_secret: r.try_get(4)?,
        interviewer_secret: r.try_get(5)?,
        created_at: r.try_get(6)?,
    })
}
