//! Submissions numbered within their session: a candidate's first submission is #1, whatever its id in
//! the database. The pages, the timeline and the exports say these numbers; ids stay in the API's paths.

use super::{Store, StoreError};
use sqlx::Row;
use std::collections::HashMap;

impl Store {
    /// Each of the session's submission ids with its number in the session (1 for the first).
    pub async fn submission_numbers(&self, session: i64) -> Result<HashMap<i64, i64>, StoreError> {
        let pool = self.ready().await?;
        let rows = sqlx::query("SELECT id FROM submissions WHERE session_id = $1 ORDER BY id")
            .bind(session)
            .fetch_all(pool)
            .await;
        let rows = self.counted(rows.map_err(Into::into))?;
        let ids = rows.iter().map(|r| r.try_get::<i64, _>(0)).collect::<Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().zip(1..).collect())
    }
}
