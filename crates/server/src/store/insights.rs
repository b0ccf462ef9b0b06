//! The insights' facts and their aggregates. Facts are one row per session (`insight_sessions`), one per
//! failed hidden-test category or failure cause (`insight_failures`) and one per foundational question on
//! the sheet (`insight_questions`), each carrying its session's problem, level and creation time, so every
//! aggregate is one `GROUP BY` over one index. They are brought up to date incrementally: `dirty_sessions`
//! names the sessions changed since the marks in `insight_marks`, `insights::refresh` reads them
//! (`raw_sessions`), extracts their facts and writes them back (`write_facts`) in chunks, each in a
//! transaction of its own, so a first refresh over a long history never holds the database for long.
//! What the facts mean is `insights`'; this module only stores and counts them.

use super::{Backend, Store, StoreError, in_tx, now_ms};
use crate::insights::Failure;
use crate::sheet::Decision;
use catalog::Level;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, AnyPool, Row};
use std::sync::Mutex;

/// A submission updated this long before a refresh began is read again by the next one (nodes' clocks
/// and a worker's report written while the refresh ran).
const MARGIN_MS: i64 = 120_000;

/// How far the facts are up to date: the largest session, sheet and draft ids seen, and the time up to
/// which finished submissions were read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// Largest session id read.
    pub session: i64,
    /// Largest sheet id read.
    pub sheet: i64,
    /// Largest draft id read.
    pub draft: i64,
    /// Submissions updated after this time are read again.
    pub submission_time: i64,
}

/// What a session's facts are computed from.
#[derive(Debug, Clone)]
pub struct RawSession {
    /// Its id.
    pub id: i64,
    /// The problem's id.
    pub problem: String,
    /// The stored level.
    pub level: Level,
    /// When it was created.
    pub created_at: i64,
    /// The interviewer's name ('' when none was given).
    pub interviewer: String,
    /// The newest score sheet (JSON).
    pub sheet: Option<String>,
    /// When the first draft was saved.
    pub first_draft_at: Option<i64>,
    /// Its graded submissions, oldest first: (created_at, report JSON).
    pub graded: Vec<(i64, String)>,
}

/// One session's facts, as `insights` computed them.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    /// The session.
    pub session_id: i64,
    /// Its problem.
    pub problem: String,
    /// Its level.
    pub level: Level,
    /// When it was created.
    pub created_at: i64,
    /// Its interviewer ('' when none).
    pub interviewer: String,
    /// The decision: recorded, else computed from the scores.
    pub decision: Decision,
    /// Whether a submission was graded.
    pub graded: bool,
    /// The latest graded submission's suggested score.
    pub suggested: Option<i64>,
    /// The interviewer's score for the coding problem.
    pub final_score: Option<i64>,
    /// Whether the latest graded submission reaches the optimal growth class.
    pub optimal: bool,
    /// From the first draft to the first passing submission, in ms.
    pub pass_ms: Option<i64>,
    /// What the latest graded submission failed: categories and causes.
    pub failures: Vec<Failure>,
    /// (question id, score) for each foundational question on the sheet.
    pub questions: Vec<(String, Option<i64>)>,
}

/// Which sessions an aggregate counts: one problem and level, created in `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// The problem's id.
    pub problem: String,
    /// The level.
    pub level: Level,
    /// Created at or after (ms).
    pub from: i64,
    /// Created before (ms).
    pub to: i64,
}

/// Per decision: sessions, and how many of them had a graded submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionCount {
    /// The decision.
    pub decision: Decision,
    /// Sessions.
    pub sessions: i64,
    /// Of which graded.
    pub graded: i64,
    /// Of which reaching the optimal class.
    pub optimal: i64,
}

/// Per interviewer, over sessions with both a suggested and a final score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewerSums {
    /// The name ('' when none was given).
    pub interviewer: String,
    /// Sessions of this interviewer in the slice.
    pub sessions: i64,
    /// Sessions with both scores.
    pub compared: i64,
    /// Σ (final − suggested).
    pub difference: i64,
    /// Σ |final − suggested|.
    pub absolute: i64,
    /// Final equal to suggested.
    pub same: i64,
    /// Final above suggested.
    pub above: i64,
    /// Final below suggested.
    pub below: i64,
}

/// One session where the interviewer's score and the suggestion are compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The session.
    pub session_id: i64,
    /// The candidate.
    pub candidate_name: String,
    /// The interviewer link's secret.
    pub interviewer_secret: String,
    /// The interviewer ('' when none).
    pub interviewer: String,
    /// Suggested score.
    pub suggested: i64,
    /// Final score.
    pub final_score: i64,
    /// When the session was created.
    pub created_at: i64,
}

const WHERE: &str = "problem = $1 AND level = $2 AND created_at >= $3 AND created_at < $4";

fn bind_slice<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    slice: &'q Slice,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    query.bind(slice.problem.as_str()).bind(slice.level.as_str()).bind(slice.from).bind(slice.to)
}

/// `$a, $b, …` for `count` parameters starting at `first`.
fn placeholders(first: usize, count: usize) -> String {
    (first..first + count).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Pools of their own for the aggregates, by the database's URL: read-only connections on a SQLite file
/// (its write-ahead log lets readers run beside the one writing connection) and a few connections on
/// PostgreSQL, so counting a long slice, several queries at once, never makes a call page or a worker
/// wait for a connection. (A std `Mutex`: nothing awaits while it is held.)
static READERS: Mutex<Vec<(String, AnyPool)>> = Mutex::new(Vec::new());

/// Connections each aggregate pool holds at most (the aggregates of one page run side by side).
const READER_CONNECTIONS: u32 = 3;

impl Store {
    /// The pool the aggregates read through: connections of their own (read-only on a SQLite file); the
    /// store's own pool for an in-memory database (private to its one connection).
    async fn aggregates(&self) -> Result<AnyPool, StoreError> {
        let pool = self.ready().await?;
        let url = self.url();
        if self.backend == Backend::Sqlite && (url.contains(":memory:") || url.contains("mode=memory")) {
            return Ok(pool.clone());
        }
        let mut readers = READERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((_, reader)) = readers.iter().find(|(u, _)| u == url) {
            return Ok(reader.clone());
        }
        let read_only = match url.split_once('?') {
            _ if self.backend == Backend::Postgres => url.to_string(),
            Some((file, query)) => {
                let kept: Vec<&str> = query.split('&').filter(|p| !p.starts_with("mode=")).collect();
                format!("{file}?{}", kept.iter().copied().chain(["mode=ro"]).collect::<Vec<_>>().join("&"))
            }
            None => format!("{url}?mode=ro"),
        };
        let reader = AnyPoolOptions::new()
            .max_connections(READER_CONNECTIONS)
            .acquire_timeout(std::time::Duration::from_secs(5))
            .connect_lazy(&read_only)?;
        readers.push((url.to_string(), reader.clone()));
        Ok(reader)
    }

    /// Gives a session its interviewer's name.
    pub async fn name_interviewer(&self, session: i64, name: &str) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let done = sqlx::query("UPDATE sessions SET interviewer_name = $2 WHERE id = $1")
            .bind(session)
            .bind(name)
            .execute(pool)
            .await;
        self.counted(done.map(|_| ()).map_err(Into::into))
    }

    /// A session's interviewer name ('' when none was given).
    pub async fn interviewer_name(&self, session: i64) -> Result<String, StoreError> {
        let pool = self.ready().await?;
        let row = sqlx::query("SELECT interviewer_name FROM sessions WHERE id = $1").bind(session).fetch_optional(pool);
        let row = self.counted(row.await.map_err(Into::into))?;
        Ok(row.map(|r| r.try_get(0)).transpose()?.unwrap_or_default())
    }

    /// The marks the facts were last brought up to.
    pub async fn insight_marks(&self) -> Result<Marks, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query("SELECT name, value FROM insight_marks").fetch_all(pool).await;
        let mut marks = Marks::default();
        for r in self.counted(rows.map_err(Into::into))? {
            let (name, value): (String, i64) = (r.try_get(0)?, r.try_get(1)?);
            match name.as_str() {
                "session" => marks.session = value,
                "sheet" => marks.sheet = value,
                "draft" => marks.draft = value,
                "submission_time" => marks.submission_time = value,
                other => return Err(StoreError::Corrupt(format!("unknown insight mark '{other}'"))),
            }
        }
        Ok(marks)
    }

    /// The marks as of now (read before the sessions they cover, so nothing written meanwhile is missed).
    pub async fn current_marks(&self) -> Result<Marks, StoreError> {
        let pool = self.ready().await?;
        let started = now_ms();
        let row = sqlx::query(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM sessions), (SELECT COALESCE(MAX(id), 0) FROM sheets),
             (SELECT COALESCE(MAX(id), 0) FROM drafts)",
        )
        .fetch_one(pool)
        .await;
        let row = self.counted(row.map_err(Into::into))?;
        Ok(Marks {
            session: row.try_get(0)?,
            sheet: row.try_get(1)?,
            draft: row.try_get(2)?,
            submission_time: started - MARGIN_MS,
        })
    }

    /// Sessions created, scored, drafted or graded since `marks`, in id order.
    pub async fn dirty_sessions(&self, marks: Marks) -> Result<Vec<i64>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(
            // UNION ALL without an order, so each part reads its own index; sorted and deduplicated below.
            "SELECT id FROM sessions WHERE id > $1
             UNION ALL SELECT session_id FROM sheets WHERE id > $2
             UNION ALL SELECT session_id FROM drafts WHERE id > $3
             UNION ALL SELECT session_id FROM submissions WHERE updated_at > $4",
        )
        .bind(marks.session)
        .bind(marks.sheet)
        .bind(marks.draft)
        .bind(marks.submission_time)
        .fetch_all(pool)
        .await;
        let mut ids =
            self.counted(rows.map_err(Into::into))?.iter().map(|r| r.try_get(0)).collect::<Result<Vec<i64>, _>>()?;
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    /// What the facts of these sessions are computed from (sessions that do not exist are left out).
    pub async fn raw_sessions(&self, ids: &[i64]) -> Result<Vec<RawSession>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let pool = self.ready().await?;
        let list = placeholders(1, ids.len());
        let sessions_sql = format!(
            "SELECT s.id, s.problem, s.level, s.created_at, s.interviewer_name,
              (SELECT h.sheet FROM sheets h WHERE h.session_id = s.id ORDER BY h.id DESC LIMIT 1),
              (SELECT MIN(d.opened_at) FROM drafts d WHERE d.session_id = s.id)
             FROM sessions s WHERE s.id IN ({list}) ORDER BY s.id"
        );
        // Only `session_id` in the condition: a condition on the status could lead SQLite to walk every
        // graded submission by the status index instead; the status is checked below.
        let graded_sql = format!(
            "SELECT session_id, created_at, report, status FROM submissions WHERE session_id IN ({list}) ORDER BY session_id, id"
        );
        let mut query = sqlx::query(&sessions_sql);
        for id in ids {
            query = query.bind(*id);
        }
        let rows = self.counted(query.fetch_all(pool).await.map_err(Into::into))?;
        let mut out = rows.iter().map(raw_session).collect::<Result<Vec<_>, _>>()?;
        let mut query = sqlx::query(&graded_sql);
        for id in ids {
            query = query.bind(*id);
        }
        let rows = self.counted(query.fetch_all(pool).await.map_err(Into::into))?;
        let mut at = 0;
        for r in rows {
            let (session, status, report): (i64, String, Option<String>) =
                (r.try_get(0)?, r.try_get(3)?, r.try_get(2)?);
            let Some(report) = report.filter(|_| status == crate::model::Status::Done.as_str()) else { continue };
            while at < out.len() && out[at].id < session {
                at += 1;
            }
            if let Some(raw) = out.get_mut(at).filter(|raw| raw.id == session) {
                raw.graded.push((r.try_get(1)?, report));
            }
        }
        Ok(out)
    }

    /// Replaces these sessions' facts, in one transaction (on PostgreSQL under a lock, so two nodes
    /// refreshing together do not interleave).
    pub async fn write_facts(&self, facts: &[Facts]) -> Result<(), StoreError> {
        if facts.is_empty() {
            return Ok(());
        }
        let pool = self.writer().await?;
        let backend = self.backend;
        let done = in_tx!(pool, write_facts_in(backend, facts)).await;
        self.counted(done.map_err(Into::into))
    }

    /// Stores the marks the facts are now up to.
    pub async fn save_marks(&self, marks: Marks) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let done = in_tx!(pool, save_marks_in(marks)).await;
        self.counted(done.map_err(Into::into))
    }

    /// Per decision in the slice: sessions, graded ones, and those reaching the optimal class.
    pub async fn decision_counts(&self, slice: &Slice) -> Result<Vec<DecisionCount>, StoreError> {
        let sql = format!(
            "SELECT decision, COUNT(*), CAST(COALESCE(SUM(graded), 0) AS BIGINT), CAST(COALESCE(SUM(optimal), 0) AS BIGINT)
             FROM insight_sessions WHERE {WHERE} GROUP BY decision ORDER BY decision"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        rows.iter()
            .map(|r| {
                Ok(DecisionCount {
                    decision: decision_of(r.try_get(0)?)?,
                    sessions: r.try_get(1)?,
                    graded: r.try_get(2)?,
                    optimal: r.try_get(3)?,
                })
            })
            .collect()
    }

    /// (score, sessions) for the suggested score (`final_score: false`) or the interviewer's.
    pub async fn score_counts(&self, slice: &Slice, final_score: bool) -> Result<Vec<(i64, i64)>, StoreError> {
        let column = if final_score { "final_score" } else { "suggested" };
        let sql = format!(
            "SELECT {column}, COUNT(*) FROM insight_sessions WHERE {WHERE} AND {column} IS NOT NULL
             GROUP BY {column} ORDER BY {column}"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }

    /// What graded sessions failed, with how many sessions, most first.
    pub async fn failure_counts(&self, slice: &Slice) -> Result<Vec<(Failure, i64)>, StoreError> {
        let sql = format!(
            "SELECT facet, name, COUNT(*) FROM insight_failures WHERE {WHERE}
             GROUP BY facet, name ORDER BY 3 DESC, facet, name"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        rows.iter()
            .map(|r| {
                let (facet, name): (String, String) = (r.try_get(0)?, r.try_get(1)?);
                let failure = Failure::from_columns(&facet, &name)
                    .ok_or_else(|| StoreError::Corrupt(format!("insight failure '{facet}' '{name}'")))?;
                Ok((failure, r.try_get(2)?))
            })
            .collect()
    }

    /// Times from the first draft to the first passing submission: (sessions, [the middle one or two])
    /// and the counts per bucket of `edges_ms` (bucket i: below `edges_ms[i]`, the last: the rest).
    pub async fn pass_times(&self, slice: &Slice, edges_ms: &[i64]) -> Result<(i64, Vec<i64>, Vec<i64>), StoreError> {
        let mut cases = String::from("CASE");
        for (i, edge) in edges_ms.iter().enumerate() {
            cases.push_str(&format!(" WHEN pass_ms < {edge} THEN {i}"));
        }
        cases.push_str(&format!(" ELSE {} END", edges_ms.len()));
        let sql = format!(
            "SELECT CAST({cases} AS BIGINT) AS bucket, COUNT(*) FROM insight_sessions WHERE {WHERE} AND pass_ms IS NOT NULL
             GROUP BY 1 ORDER BY 1"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        let mut buckets = vec![0; edges_ms.len() + 1];
        for r in rows {
            let (bucket, count): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
            if let Some(slot) = buckets.get_mut(bucket as usize) {
                *slot = count;
            }
        }
        let total: i64 = buckets.iter().sum();
        if total == 0 {
            return Ok((0, Vec::new(), buckets));
        }
        let (offset, take) = ((total - 1) / 2, if total % 2 == 0 { 2 } else { 1 });
        let sql = format!(
            "SELECT pass_ms FROM insight_sessions WHERE {WHERE} AND pass_ms IS NOT NULL ORDER BY pass_ms LIMIT {take} OFFSET {offset}"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        let middle = rows.iter().map(|r| r.try_get(0)).collect::<Result<Vec<i64>, _>>()?;
        Ok((total, middle, buckets))
    }

    /// (question, score, decision, sessions) for the foundational questions in the slice.
    pub async fn question_counts(
        &self,
        slice: &Slice,
    ) -> Result<Vec<(String, Option<i64>, Decision, i64)>, StoreError> {
        let sql = format!(
            "SELECT question, score, decision, COUNT(*) FROM insight_questions WHERE {WHERE}
             GROUP BY question, score, decision"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?, decision_of(r.try_get(2)?)?, r.try_get(3)?))).collect()
    }

    /// Per interviewer: how their final scores compare with the suggested ones.
    pub async fn interviewer_sums(&self, slice: &Slice) -> Result<Vec<InterviewerSums>, StoreError> {
        let both = "suggested IS NOT NULL AND final_score IS NOT NULL";
        let sql = format!(
            "SELECT interviewer, COUNT(*),
              CAST(COALESCE(SUM(CASE WHEN {both} THEN 1 ELSE 0 END), 0) AS BIGINT),
              CAST(COALESCE(SUM(CASE WHEN {both} THEN final_score - suggested ELSE 0 END), 0) AS BIGINT),
              CAST(COALESCE(SUM(CASE WHEN {both} THEN ABS(final_score - suggested) ELSE 0 END), 0) AS BIGINT),
              CAST(COALESCE(SUM(CASE WHEN {both} AND final_score = suggested THEN 1 ELSE 0 END), 0) AS BIGINT),
              CAST(COALESCE(SUM(CASE WHEN {both} AND final_score > suggested THEN 1 ELSE 0 END), 0) AS BIGINT),
              CAST(COALESCE(SUM(CASE WHEN {both} AND final_score < suggested THEN 1 ELSE 0 END), 0) AS BIGINT)
             FROM insight_sessions WHERE {WHERE} GROUP BY interviewer ORDER BY interviewer"
        );
        let rows = self.slice_rows(&sql, slice).await?;
        rows.iter()
            .map(|r| {
                Ok(InterviewerSums {
                    interviewer: r.try_get(0)?,
                    sessions: r.try_get(1)?,
                    compared: r.try_get(2)?,
                    difference: r.try_get(3)?,
                    absolute: r.try_get(4)?,
                    same: r.try_get(5)?,
                    above: r.try_get(6)?,
                    below: r.try_get(7)?,
                })
            })
            .collect()
    }

    /// Sessions with both scores, the largest difference first (then the newest), for one interviewer
    /// or all; at most `limit` after skipping `offset`, and whether more follow.
    pub async fn differing_cases(
        &self,
        slice: &Slice,
        interviewer: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Case>, bool), StoreError> {
        let pool = self.aggregates().await?;
        let by = if interviewer.is_some() { "AND i.interviewer = $5" } else { "AND $5 = ''" };
        let sql = format!(
            "SELECT i.session_id, s.candidate_name, s.interviewer_secret, i.interviewer, i.suggested, i.final_score, i.created_at
             FROM insight_sessions i JOIN sessions s ON s.id = i.session_id
             WHERE i.problem = $1 AND i.level = $2 AND i.created_at >= $3 AND i.created_at < $4
               AND i.suggested IS NOT NULL AND i.final_score IS NOT NULL {by}
             ORDER BY ABS(i.final_score - i.suggested) DESC, i.created_at DESC, i.session_id DESC LIMIT $6 OFFSET $7"
        );
        let rows = bind_slice(sqlx::query(&sql), slice)
            .bind(interviewer.unwrap_or(""))
            .bind(limit + 1)
            .bind(offset)
            .fetch_all(&pool)
            .await;
        let rows = self.counted(rows.map_err(Into::into))?;
        let more = rows.len() as i64 > limit;
        let cases = rows
            .iter()
            .take(limit as usize)
            .map(|r| {
                Ok(Case {
                    session_id: r.try_get(0)?,
                    candidate_name: r.try_get(1)?,
                    interviewer_secret: r.try_get(2)?,
                    interviewer: r.try_get(3)?,
                    suggested: r.try_get(4)?,
                    final_score: r.try_get(5)?,
                    created_at: r.try_get(6)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok((cases, more))
    }

    /// The session's suggested score as its facts hold it, and the sessions of its problem and level per
    /// suggested score (itself among them: the caller leaves it out; a condition on the session here would
    /// make SQLite leave the covering index for the table).
    pub async fn standing(
        &self,
        problem: &str,
        level: Level,
        session: i64,
    ) -> Result<(Option<i64>, Vec<(i64, i64)>), StoreError> {
        let pool = self.aggregates().await?;
        let own = sqlx::query("SELECT suggested FROM insight_sessions WHERE session_id = $1")
            .bind(session)
            .fetch_optional(&pool)
            .await;
        let own = self.counted(own.map_err(Into::into))?;
        let own: Option<i64> = own.map(|r| r.try_get::<Option<i64>, _>(0)).transpose()?.flatten();
        let rows = sqlx::query(
            "SELECT suggested, COUNT(*) FROM insight_sessions
             WHERE problem = $1 AND level = $2 AND suggested IS NOT NULL GROUP BY suggested",
        )
        .bind(problem)
        .bind(level.as_str())
        .fetch_all(&pool)
        .await;
        let rows = self.counted(rows.map_err(Into::into))?;
        let counts = rows.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect::<Result<_, StoreError>>()?;
        Ok((own, counts))
    }

    async fn slice_rows(&self, sql: &str, slice: &Slice) -> Result<Vec<AnyRow>, StoreError> {
        let pool = self.aggregates().await?;
        let rows = bind_slice(sqlx::query(sql), slice).fetch_all(&pool).await;
        self.counted(rows.map_err(Into::into))
    }
}

/// A decision from its stored spelling.
fn decision_of(text: String) -> Result<Decision, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.clone()))
        .map_err(|_| StoreError::Corrupt(format!("insight decision '{text}'")))
}

fn raw_session(r: &AnyRow) -> Result<RawSession, StoreError> {
    let level: String = r.try_get(2)?;
    Ok(RawSession {
        id: r.try_get(0)?,
        problem: r.try_get(1)?,
        level: crate::model::parse_level(&level)?,
        created_at: r.try_get(3)?,
        interviewer: r.try_get(4)?,
        sheet: r.try_get(5)?,
        first_draft_at: r.try_get(6)?,
        graded: Vec::new(),
    })
}

/// Rows per multi-row `INSERT` (well under both backends' limits on parameters).
const ROWS_PER_INSERT: usize = 400;

async fn write_facts_in(c: &mut AnyConnection, backend: Backend, facts: &[Facts]) -> Result<(), sqlx::Error> {
    if backend == Backend::Postgres {
        sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock(7732)) AS locked").execute(&mut *c).await?;
    }
    let ids: Vec<i64> = facts.iter().map(|f| f.session_id).collect();
    for table in ["insight_sessions", "insight_failures", "insight_questions"] {
        let sql = format!("DELETE FROM {table} WHERE session_id IN ({})", placeholders(1, ids.len()));
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        query.execute(&mut *c).await?;
    }
    for chunk in facts.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 11 + 1, 11))).collect();
        let sql = format!(
            "INSERT INTO insight_sessions (session_id, problem, level, created_at, interviewer, decision, graded,
              suggested, final_score, optimal, pass_ms) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for f in chunk {
            query = query
                .bind(f.session_id)
                .bind(f.problem.as_str())
                .bind(f.level.as_str())
                .bind(f.created_at)
                .bind(f.interviewer.as_str())
                .bind(f.decision.as_str())
                .bind(i64::from(f.graded))
                .bind(f.suggested)
                .bind(f.final_score)
                .bind(i64::from(f.optimal))
                .bind(f.pass_ms);
        }
        query.execute(&mut *c).await?;
    }
    let failures: Vec<(&Facts, &str, &str)> = facts
        .iter()
        .flat_map(|f| {
            f.failures.iter().map(move |failure| {
                let (facet, name) = failure.columns();
                (f, facet, name)
            })
        })
        .collect();
    for chunk in failures.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 6 + 1, 6))).collect();
        let sql = format!(
            "INSERT INTO insight_failures (session_id, problem, level, created_at, facet, name) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for (f, facet, name) in chunk {
            query = query
                .bind(f.session_id)
                .bind(f.problem.as_str())
                .bind(f.level.as_str())
                .bind(f.created_at)
                .bind(*facet)
                .bind(*name);
        }
        query.execute(&mut *c).await?;
    }
    let questions: Vec<(&Facts, &str, Option<i64>)> =
        facts.iter().flat_map(|f| f.questions.iter().map(move |(q, s)| (f, q.as_str(), *s))).collect();
    for chunk in questions.chunks(ROWS_PER_INSERT) {
        let values: Vec<String> = (0..chunk.len()).map(|i| format!("({})", placeholders(i * 7 + 1, 7))).collect();
        let sql = format!(
            "INSERT INTO insight_questions (session_id, problem, level, created_at, question, score, decision) VALUES {}",
            values.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for (f, question, score) in chunk {
            query = query
                .bind(f.session_id)
                .bind(f.problem.as_str())
                .bind(f.level.as_str())
                .bind(f.created_at)
                .bind(*question)
                .bind(*score)
                .bind(f.decision.as_str());
        }
        query.execute(&mut *c).await?;
    }
    Ok(())
}

async fn save_marks_in(c: &mut AnyConnection, marks: Marks) -> Result<(), sqlx::Error> {
    let pairs = [
        ("session", marks.session),
        ("sheet", marks.sheet),
        ("draft", marks.draft),
        ("submission_time", marks.submission_time),
    ];
    for (name, value) in pairs {
        sqlx::query(
            "INSERT INTO insight_marks (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        )
        .bind(name)
        .bind(value)
        .execute(&mut *c)
        .await?;
    }
    Ok(())
}
