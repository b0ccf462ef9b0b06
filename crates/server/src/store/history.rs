//! Writes generated history (`history`) in batches: sessions with their drafts, graded submissions and
//! score sheets, with ids given here so the rows of one batch can name each other; PostgreSQL's
//! sequences are moved past them afterwards so later sessions do not collide.

use super::{Backend, Store, StoreError, in_tx};
use sqlx::{AnyConnection, Row};

/// One generated session and what belongs to it.
#[derive(Debug, Clone)]
pub struct HistorySession {
    /// Candidate's name.
    pub candidate_name: String,
    /// Interviewer's name.
    pub interviewer_name: String,
    /// `Level::as_str`.
    pub level: &'static str,
    /// Problem id.
    pub problem: String,
    /// Created at (ms).
    pub created_at: i64,
    /// Drafts: (source, saved_at).
    pub drafts: Vec<(String, i64)>,
    /// Graded submissions: (source, created_at, finished_at, report JSON, candidate report JSON).
    pub submissions: Vec<(String, i64, i64, String, String)>,
    /// The score sheet (JSON) and when it was saved.
    pub sheet: Option<(String, i64)>,
}

/// Rows per multi-row `INSERT`.
const ROWS: usize = 100;

impl Store {
    /// How many sessions the database holds.
    pub async fn session_count(&self) -> Result<i64, StoreError> {
        let pool = self.ready().await?;
        let row = sqlx::query("SELECT COUNT(*) FROM sessions").fetch_one(pool).await;
        Ok(self.counted(row.map_err(Into::into))?.try_get(0)?)
    }

    /// Writes one batch of generated sessions in one transaction.
    pub async fn insert_history(&self, batch: &[HistorySession]) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let backend = self.backend;
        let done = in_tx!(pool, insert_history_in(backend, batch)).await;
        self.counted(done.map_err(Into::into))
    }
}

async fn next_id(c: &mut AnyConnection, table: &str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
    sqlx::query(&sql).fetch_one(&mut *c).await?.try_get(0)
}

fn values(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", (1..=columns).map(|c| format!("${}", r * columns + c)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn insert_history_in(
    c: &mut AnyConnection,
    backend: Backend,
    batch: &[HistorySession],
) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        // Ids are given here: no other session may take one meanwhile.
        sqlx::query("LOCK TABLE sessions IN EXCLUSIVE MODE").execute(&mut *c).await?;
    }
    let first = next_id(&mut *c, "sessions").await?;
    let ids: Vec<i64> = (0..batch.len() as i64).map(|i| first + i).collect();
    for (chunk, ids) in batch.chunks(ROWS).zip(ids.chunks(ROWS)) {
        let sql = format!(
            "INSERT INTO sessions (id, candidate_name, level, problem, candidate_secret, interviewer_secret, created_at,
              last_graded_at, interviewer_name) VALUES {}",
            values(chunk.len(), 9)
        );
        let mut q = sqlx::query(&sql);
        for (s, id) in chunk.iter().zip(ids) {
            let graded = s.submissions.last().map_or(0, |u| u.2);
            q = q
                .bind(*id)
                .bind(s.candidate_name.as_str())
                .bind(s.level)
                .bind(s.problem.as_str())
                .bind(crate::token::secret())
                .bind(crate::token::secret())
                .bind(s.created_at)
                .bind(graded)
                .bind(s.interviewer_name.as_str());
        }
        q.execute(&mut *c).await?;
    }
    let drafts: Vec<(i64, &(String, i64))> =
        batch.iter().zip(&ids).flat_map(|(s, id)| s.drafts.iter().map(move |d| (*id, d))).collect();
    for chunk in drafts.chunks(ROWS) {
        let sql =
            format!("INSERT INTO drafts (session_id, source, saved_at, opened_at) VALUES {}", values(chunk.len(), 4));
        let mut q = sqlx::query(&sql);
        for (id, (source, at)) in chunk {
            q = q.bind(*id).bind(source.as_str()).bind(*at).bind(*at);
        }
        q.execute(&mut *c).await?;
    }
    type Submission = (String, i64, i64, String, String);
    let submissions: Vec<(i64, &Submission)> =
        batch.iter().zip(&ids).flat_map(|(s, id)| s.submissions.iter().map(move |u| (*id, u))).collect();
    for chunk in submissions.chunks(ROWS) {
        let sql = format!(
            "INSERT INTO submissions (session_id, source, status, created_at, started_at, finished_at, report,
              candidate_report, updated_at) VALUES {}",
            values(chunk.len(), 9)
        );
        let mut q = sqlx::query(&sql);
        for (id, (source, created, finished, report, candidate)) in chunk {
            q = q
                .bind(*id)
                .bind(source.as_str())
                .bind("done")
                .bind(*created)
                .bind(*created)
                .bind(*finished)
                .bind(report.as_str())
                .bind(candidate.as_str())
                .bind(*finished);
        }
        q.execute(&mut *c).await?;
    }
    let sheets: Vec<(i64, &(String, i64))> =
        batch.iter().zip(&ids).filter_map(|(s, id)| s.sheet.as_ref().map(|h| (*id, h))).collect();
    for chunk in sheets.chunks(ROWS) {
        let sql = format!("INSERT INTO sheets (session_id, sheet, saved_at) VALUES {}", values(chunk.len(), 3));
        let mut q = sqlx::query(&sql);
        for (id, (sheet, at)) in chunk {
            q = q.bind(*id).bind(sheet.as_str()).bind(*at);
        }
        q.execute(&mut *c).await?;
    }
    if backend == Backend::Postgres {
        sqlx::query("SELECT setval(pg_get_serial_sequence('sessions', 'id'), (SELECT MAX(id) FROM sessions))")
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}
