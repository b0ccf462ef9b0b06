//! The candidate's timeline as stored: events (pastes, time away, Runs) with their kind, time and
//! details, and every draft version of a session in order, for playback.

use super::{DraftRow, Store, StoreError, now_ms};
use sqlx::Row;

/// A timeline event as stored; `detail` is the JSON the service wrote for its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Its id.
    pub id: i64,
    /// Its kind's stored spelling.
    pub kind: String,
    /// When it happened (ms since the epoch).
    pub at: i64,
    /// Its details (JSON).
    pub detail: String,
}

impl Store {
    /// Stores an event of a session; its id. `at` defaults to now.
    pub async fn add_event(&self, session: i64, kind: &str, at: Option<i64>, detail: &str) -> Result<i64, StoreError> {
        let pool = self.writer().await?;
        let row = sqlx::query("INSERT INTO events (session_id, kind, at, detail) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(session)
            .bind(kind)
            .bind(at.unwrap_or_else(now_ms))
            .bind(detail)
            .fetch_one(pool)
            .await;
        Ok(self.counted(row.map_err(Into::into))?.try_get(0)?)
    }

    /// A session's events in time order (ties in the order they were stored).
    pub async fn events(&self, session: i64) -> Result<Vec<EventRow>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query("SELECT id, kind, at, detail FROM events WHERE session_id = $1 ORDER BY at, id")
            .bind(session)
            .fetch_all(pool)
            .await;
        self.counted(rows.map_err(Into::into))?
            .iter()
            .map(|r| Ok(EventRow { id: r.try_get(0)?, kind: r.try_get(1)?, at: r.try_get(2)?, detail: r.try_get(3)? }))
            .collect()
    }

    /// How many events a session has.
    pub async fn event_count(&self, session: i64) -> Result<i64, StoreError> {
        self.count("SELECT COUNT(*) FROM events WHERE session_id = $1", session).await
    }

    /// Every draft version of a session, oldest first.
    pub async fn drafts(&self, session: i64) -> Result<Vec<DraftRow>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query("SELECT id, source, saved_at FROM drafts WHERE session_id = $1 ORDER BY id")
            .bind(session)
            .fetch_all(pool)
            .await;
        self.counted(rows.map_err(Into::into))?
            .iter()
            .map(|r| Ok(DraftRow { id: r.try_get(0)?, source: r.try_get(1)?, saved_at: r.try_get(2)? }))
            .collect()
    }
}
