//! Submissions and the evaluation queue, both in the database. A submission and its job are written in
//! one transaction; a worker claims the next job (`FOR UPDATE SKIP LOCKED` on PostgreSQL; on SQLite the
//! claim is one `UPDATE`, which the single writer makes atomic) and holds a lease it renews; a job whose
//! lease ran out (its worker died) is claimed again. The next job goes to the session graded least
//! recently, so one candidate's burst delays another's submission by at most one evaluation. A report
//! is stored once: finishing only changes a submission that is not finished yet.

use super::{Backend, SUBMISSION, Store, StoreError, SubmissionRow, in_tx, now_ms, submission_row};
use crate::model::Status;
use sqlx::{AnyConnection, Row};

/// A job a worker now holds.
#[derive(Debug, Clone)]
pub struct Claim {
    /// The submission to grade.
    pub submission: SubmissionRow,
    /// How many times it has been claimed, this time included.
    pub attempts: i64,
}

/// Which submissions of a session a list holds: the newest `limit` older than `before`, or (with
/// `changed_since`) those changed after that time.
#[derive(Debug, Clone, Copy, Default)]
pub struct Page {
    /// Only ids below this.
    pub before: Option<i64>,
    /// Only submissions changed after this time (ms).
    pub changed_since: Option<i64>,
    /// At most this many.
    pub limit: Option<i64>,
}

/// How the queue stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueueStats {
    /// Jobs waiting for a worker (including those whose worker's lease ran out).
    pub waiting: i64,
    /// Jobs held by a worker.
    pub running: i64,
}

/// The order in which waiting jobs are claimed: a job whose grading was interrupted first (it was
/// next once already, and its claim made its session look graded just now), then the session graded
/// least recently, then the oldest submission.
const NEXT: &str = "SELECT j.submission_id FROM jobs j JOIN sessions s ON s.id = j.session_id
  WHERE j.lease_until IS NULL OR j.lease_until < $1
  ORDER BY CASE WHEN j.attempts > 0 THEN 0 ELSE 1 END, s.last_graded_at, j.submission_id LIMIT 1";

impl Store {
    /// Stores a submission as queued together with its job, in one transaction.
    pub async fn create_submission(&self, session: i64, source: &str) -> Result<SubmissionRow, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let created = in_tx!(pool, create_in(session, source, now)).await;
        let id = self.counted(created.map_err(Into::into))?;
        Ok(SubmissionRow {
            id,
            session_id: session,
            source: source.into(),
            status: Status::Queued,
            created_at: now,
            started_at: None,
            finished_at: None,
            report: None,
            candidate_report: None,
            error: None,
            updated_at: now,
        })
    }

    /// One submission.
    pub async fn submission(&self, id: i64) -> Result<Option<SubmissionRow>, StoreError> {
        let pool = self.ready().await?;
        let sql = format!("{SUBMISSION} WHERE id = $1");
        let row = self.counted(sqlx::query(&sql).bind(id).fetch_optional(pool).await.map_err(Into::into))?;
        row.as_ref().map(submission_row).transpose()
    }

    /// A page of a session's submissions, oldest first, and whether older ones exist beyond it.
    pub async fn submissions(&self, session: i64, page: Page) -> Result<(Vec<SubmissionRow>, bool), StoreError> {
        let pool = self.ready().await?;
        let limit = page.limit.unwrap_or(i64::MAX / 2).max(1);
        let sql =
            format!("{SUBMISSION} WHERE session_id = $1 AND id < $2 AND updated_at > $3 ORDER BY id DESC LIMIT $4");
        let rows = sqlx::query(&sql)
            .bind(session)
            .bind(page.before.unwrap_or(i64::MAX))
            .bind(page.changed_since.unwrap_or(-1))
            .bind(limit + 1)
            .fetch_all(pool)
            .await;
        let rows = self.counted(rows.map_err(Into::into))?;
        let more = rows.len() as i64 > limit;
        let mut list = rows.iter().take(limit as usize).map(submission_row).collect::<Result<Vec<_>, _>>()?;
        list.reverse();
        Ok((list, more))
    }

    /// The newest finished submission of a session.
    pub async fn latest_done(&self, session: i64) -> Result<Option<SubmissionRow>, StoreError> {
        let pool = self.ready().await?;
        let sql = format!("{SUBMISSION} WHERE session_id = $1 AND status = 'done' ORDER BY id DESC LIMIT 1");
        let row = self.counted(sqlx::query(&sql).bind(session).fetch_optional(pool).await.map_err(Into::into))?;
        row.as_ref().map(submission_row).transpose()
    }

    /// Claims the next job for `owner` with a lease of `lease_ms`, marking its submission running and its
    /// session as graded now.
    pub async fn claim(&self, owner: &str, lease_ms: i64) -> Result<Option<Claim>, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let pick = match self.backend {
            Backend::Postgres => format!("{NEXT} FOR UPDATE OF j SKIP LOCKED"),
            Backend::Sqlite => NEXT.to_string(),
        };
        let sql = format!(
            "UPDATE jobs SET lease_owner = $2, lease_until = $3, attempts = attempts + 1 WHERE submission_id = ({pick})
             RETURNING submission_id, session_id, attempts"
        );
        let claimed = in_tx!(pool, claim_in(&sql, owner, now, lease_ms)).await;
        match self.counted(claimed.map_err(Into::into))? {
            Some((row, attempts)) => Ok(Some(Claim { submission: row, attempts })),
            None => Ok(None),
        }
    }

    /// Extends a held lease; false if the job is no longer this owner's (its lease ran out and another
    /// worker took it, or it is finished).
    pub async fn renew(&self, id: i64, owner: &str, lease_ms: i64) -> Result<bool, StoreError> {
        let pool = self.writer().await?;
        let done = sqlx::query("UPDATE jobs SET lease_until = $3 WHERE submission_id = $1 AND lease_owner = $2")
            .bind(id)
            .bind(owner)
            .bind(now_ms() + lease_ms)
            .execute(pool)
            .await;
        Ok(self.counted(done.map_err(Into::into))?.rows_affected() == 1)
    }

    /// Gives a held job back to the queue at once (a worker stopping without grading it).
    pub async fn release(&self, id: i64, owner: &str) -> Result<(), StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let done = in_tx!(pool, release_in(id, owner, now)).await;
        self.counted(done.map_err(Into::into))
    }

    /// Stores a graded submission's reports (`Ok`) or the fault that stopped it (`Err`), and removes its
    /// job. Returns false if it was already finished (by another worker after a lease ran out): a
    /// report is stored once.
    pub async fn finish(&self, id: i64, outcome: Result<(&str, &str), &str>) -> Result<bool, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let done = in_tx!(pool, finish_in(id, outcome, now)).await;
        self.counted(done.map_err(Into::into))
    }

    /// The sweep: gives a job back to every unfinished submission that has none (a write that failed
    /// half-way on a store without transactions, or a database from before the queue moved into it), and
    /// shows as queued again every submission whose worker's lease ran out (`claim` takes its job; until
    /// then it waits, it is not being graded). Returns how many jobs were re-created.
    pub async fn requeue_orphans(&self) -> Result<u64, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let done = in_tx!(pool, requeue_in(now)).await;
        self.counted(done.map_err(Into::into))
    }

    /// Gives back every job `owner` holds (its shutdown timed out): queued again at once, and the cut
    /// grading not counted as an attempt. Returns how many.
    pub async fn release_owned(&self, owner: &str) -> Result<u64, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let done = in_tx!(pool, release_owned_in(owner, now)).await;
        self.counted(done.map_err(Into::into))
    }

    /// Waiting and running jobs.
    pub async fn queue_stats(&self) -> Result<QueueStats, StoreError> {
        let pool = self.ready().await?;
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM jobs WHERE lease_until IS NULL OR lease_until < $1),
                    (SELECT COUNT(*) FROM jobs WHERE lease_until >= $1)",
        )
        .bind(now_ms())
        .fetch_one(pool)
        .await;
        let row = self.counted(row.map_err(Into::into))?;
        Ok(QueueStats { waiting: row.try_get(0)?, running: row.try_get(1)? })
    }

    /// Each waiting submission of a session with how many waiting jobs will be claimed before it
    /// (0: it is next), in the order `claim` uses.
    pub async fn queue_positions(&self, session: i64) -> Result<Vec<(i64, i64)>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(
            "SELECT j.submission_id, (SELECT COUNT(*) FROM jobs j2 JOIN sessions s2 ON s2.id = j2.session_id
                WHERE (j2.lease_until IS NULL OR j2.lease_until < $2)
                  AND ((j2.attempts > 0 AND j.attempts = 0)
                    OR ((j2.attempts > 0) = (j.attempts > 0) AND (s2.last_graded_at < s.last_graded_at
                      OR (s2.last_graded_at = s.last_graded_at AND j2.submission_id < j.submission_id)))))
             FROM jobs j JOIN sessions s ON s.id = j.session_id
             WHERE j.session_id = $1 AND (j.lease_until IS NULL OR j.lease_until < $2)",
        )
        .bind(session)
        .bind(now_ms())
        .fetch_all(pool)
        .await;
        self.counted(rows.map_err(Into::into))?.iter().map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).collect()
    }
}

impl Store {
    /// Gives back every lease (one SQLite node starting: whatever is leased was its own earlier process's).
    pub async fn release_all(&self) -> Result<u64, StoreError> {
        let pool = self.writer().await?;
        let now = now_ms();
        let done = in_tx!(pool, release_all_in(now)).await;
        self.counted(done.map_err(Into::into))
    }
}

/// Submissions shown as running whose job is waiting again (its lease ran out, or was given back).
const SHOW_QUEUED: &str = "UPDATE submissions SET status = 'queued', started_at = NULL, updated_at = $1
  WHERE status = 'running' AND id IN (SELECT submission_id FROM jobs WHERE lease_until IS NULL OR lease_until < $1)";

async fn requeue_in(c: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let created = sqlx::query(
        "INSERT INTO jobs (submission_id, session_id) SELECT id, session_id FROM submissions s
         WHERE status IN ('queued', 'running') AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.submission_id = s.id)",
    )
    .execute(&mut *c)
    .await?;
    sqlx::query(SHOW_QUEUED).bind(now).execute(&mut *c).await?;
    Ok(created.rows_affected())
}

async fn release_all_in(c: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    let freed = sqlx::query("UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_until IS NOT NULL")
        .execute(&mut *c)
        .await?;
    sqlx::query(SHOW_QUEUED).bind(now).execute(&mut *c).await?;
    Ok(freed.rows_affected())
}

async fn release_owned_in(c: &mut AnyConnection, owner: &str, now: i64) -> Result<u64, sqlx::Error> {
    let freed = sqlx::query(
        "UPDATE jobs SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE lease_owner = $1 AND attempts > 0",
    )
    .bind(owner)
    .execute(&mut *c)
    .await?;
    sqlx::query(SHOW_QUEUED).bind(now).execute(&mut *c).await?;
    Ok(freed.rows_affected())
}

async fn create_in(c: &mut AnyConnection, session: i64, source: &str, now: i64) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query("INSERT INTO submissions (session_id, source, status, created_at, updated_at) VALUES ($1, $2, 'queued', $3, $3) RETURNING id")
        .bind(session)
        .bind(source)
        .bind(now)
        .fetch_one(&mut *c)
        .await?
        .try_get(0)?;
    sqlx::query("INSERT INTO jobs (submission_id, session_id) VALUES ($1, $2)")
        .bind(id)
        .bind(session)
        .execute(&mut *c)
        .await?;
    Ok(id)
}

async fn claim_in(
    c: &mut AnyConnection,
    sql: &str,
    owner: &str,
    now: i64,
    lease_ms: i64,
) -> Result<Option<(SubmissionRow, i64)>, sqlx::Error> {
    let Some(row) = sqlx::query(sql).bind(now).bind(owner).bind(now + lease_ms).fetch_optional(&mut *c).await? else {
        return Ok(None);
    };
    let (id, session, attempts): (i64, i64, i64) = (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    sqlx::query("UPDATE sessions SET last_graded_at = $2 WHERE id = $1")
        .bind(session)
        .bind(now)
        .execute(&mut *c)
        .await?;
    sqlx::query("UPDATE submissions SET status = 'running', started_at = $2, updated_at = $2 WHERE id = $1 AND status IN ('queued', 'running')")
        .bind(id)
        .bind(now)
        .execute(&mut *c)
        .await?;
    let sql = format!("{SUBMISSION} WHERE id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_one(&mut *c).await?;
    let submission = submission_row(&row).map_err(|e| sqlx::Error::Decode(e.to_string().into()))?;
    Ok(Some((submission, attempts)))
}

async fn release_in(c: &mut AnyConnection, id: i64, owner: &str, now: i64) -> Result<(), sqlx::Error> {
    let freed = sqlx::query("UPDATE jobs SET lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE submission_id = $1 AND lease_owner = $2")
        .bind(id)
        .bind(owner)
        .execute(&mut *c)
        .await?;
    if freed.rows_affected() == 1 {
        sqlx::query("UPDATE submissions SET status = 'queued', started_at = NULL, updated_at = $2 WHERE id = $1 AND status = 'running'")
            .bind(id)
            .bind(now)
            .execute(&mut *c)
            .await?;
    }
    Ok(())
}

async fn finish_in(
    c: &mut AnyConnection,
    id: i64,
    outcome: Result<(&str, &str), &str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = match outcome {
        Ok((report, candidate)) => sqlx::query(
            "UPDATE submissions SET status = 'done', finished_at = $2, updated_at = $2, report = $3, candidate_report = $4
             WHERE id = $1 AND status IN ('queued', 'running')",
        )
        .bind(id)
        .bind(now)
        .bind(report)
        .bind(candidate),
        Err(error) => sqlx::query(
            "UPDATE submissions SET status = 'failed', finished_at = $2, updated_at = $2, error = $3 WHERE id = $1 AND status IN ('queued', 'running')",
        )
        .bind(id)
        .bind(now)
        .bind(error),
    }
    .execute(&mut *c)
    .await?;
    sqlx::query("DELETE FROM jobs WHERE submission_id = $1").bind(id).execute(&mut *c).await?;
    Ok(changed.rows_affected() == 1)
}
