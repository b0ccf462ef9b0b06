//! The operator's list of sessions, newest first, each with what the start page shows beside it: how
//! many drafts, the latest submission's status and the newest score sheet (one query for the page).

use super::{SessionRow, Store, StoreError};
use crate::model::Status;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A session with the facts its row in the list needs.
#[derive(Debug, Clone)]
pub struct SessionOverview {
    /// The session.
    pub session: SessionRow,
    /// Draft rows saved.
    pub drafts: i64,
    /// Submissions made.
    pub submissions: i64,
    /// The latest submission's status.
    pub latest: Option<Status>,
    /// The newest score sheet (JSON), if one was saved.
    pub sheet: Option<String>,
    /// The latest graded submission's candidate view (JSON: verdict and counts, no hidden input), if any.
    pub graded: Option<String>,
}

const OVERVIEW: &str =
    "SELECT s.id, s.candidate_name, s.level, s.problem, s.candidate_secret, s.interviewer_secret, s.created_at,
    (SELECT COUNT(*) FROM drafts d WHERE d.session_id = s.id),
    (SELECT COUNT(*) FROM submissions u WHERE u.session_id = s.id),
    (SELECT u.status FROM submissions u WHERE u.session_id = s.id ORDER BY u.id DESC LIMIT 1),
    (SELECT h.sheet FROM sheets h WHERE h.session_id = s.id ORDER BY h.id DESC LIMIT 1),
    (SELECT u.candidate_report FROM submissions u WHERE u.session_id = s.id AND u.status = 'done' ORDER BY u.id DESC LIMIT 1)
    FROM sessions s WHERE s.id < $1 ORDER BY s.id DESC LIMIT $2";

impl Store {
    /// Up to `limit` sessions older than `before` (all when none), newest first, and whether more follow.
    pub async fn sessions(&self, before: Option<i64>, limit: i64) -> Result<(Vec<SessionOverview>, bool), StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query(OVERVIEW).bind(before.unwrap_or(i64::MAX)).bind(limit.max(1) + 1).fetch_all(pool).await;
        let rows = self.counted(rows.map_err(Into::into))?;
        let more = rows.len() as i64 > limit.max(1);
        let list = rows.iter().take(limit.max(1) as usize).map(overview).collect::<Result<Vec<_>, _>>()?;
        Ok((list, more))
    }
}

fn overview(r: &AnyRow) -> Result<SessionOverview, StoreError> {
    let latest: Option<String> = r.try_get(9)?;
    Ok(SessionOverview {
        session: super::session_row(r)?,
        drafts: r.try_get(7)?,
        submissions: r.try_get(8)?,
        latest: latest.map(|s| s.parse::<crate::model::Status>()).transpose()?,
        sheet: r.try_get(10)?,
        graded: r.try_get(11)?,
    })
}
