//! What makes a write that was answered "stored" stay stored, and a write that failed leave nothing
//! behind: each new connection's settings (`configure`), and the check every connection passes on its
//! way back to the pool (`settle`).
//!
//! SQLite writes through a write-ahead log with `synchronous = FULL`: a commit returns only once its log
//! frames are on disk, so a 202 survives a power cut, not only a crash of the process (`NORMAL` would
//! lose the last commits on power loss, which is the one promise a 202 makes).
//!
//! A failed write must not leave its connection inside a transaction. sqlx counts the transactions it
//! opened per connection; when SQLite rolls a transaction back by itself (it does on a full disk, an
//! I/O error or a lack of memory), sqlx's own `ROLLBACK` then fails ("no transaction is active") and its
//! count stays up, so the next `BEGIN` on that connection becomes a `SAVEPOINT` nested in a transaction
//! that no longer exists: later writes are answered as stored, never committed, and their ids are handed
//! out again. `settle` puts the connection back in step or has it closed.

use super::Backend;
use futures_util::future::BoxFuture;
use sqlx::{Any, AnyConnection, Connection, Database, Executor, TransactionManager};

/// `max_page_count` with no cap to speak of (SQLite's largest).
pub(super) const NO_PAGE_CAP: i64 = 4_294_967_294;

/// A new connection's settings: the write-ahead log with synchronous commits for a SQLite file, a wait
/// for a lock held by another process (an operator's backup), and a page cap during a fault drill.
pub(super) fn configure(
    c: &mut AnyConnection,
    backend: Backend,
    memory: bool,
    page_cap: i64,
) -> BoxFuture<'_, Result<(), sqlx::Error>> {
    Box::pin(async move {
        if backend != Backend::Sqlite {
            return Ok(());
        }
        let mut pragmas = vec!["PRAGMA synchronous = FULL".to_string(), "PRAGMA busy_timeout = 5000".into()];
        if !memory {
            pragmas.push("PRAGMA journal_mode = WAL".into());
        }
        if page_cap > 0 {
            pragmas.push(format!("PRAGMA max_page_count = {page_cap}"));
        }
        for pragma in pragmas {
            c.execute(sqlx::raw_sql(&pragma)).await?;
        }
        Ok(())
    })
}

/// Whether a connection coming back to the pool may be used again: outside any transaction, as sqlx
/// and the database both see it. A transaction left open (a failed commit, a dropped request) is rolled
/// back here; one that SQLite already rolled back by itself is brought back in step with sqlx's count.
/// `Ok(false)` or an error closes the connection (the pool opens a new one; a SQLite file loses
/// nothing by it, and an open transaction is rolled back on close).
pub(super) fn settle(c: &mut AnyConnection, backend: Backend) -> BoxFuture<'_, Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if !c.is_in_transaction() {
            return Ok(true);
        }
        // A dropped transaction's rollback may still be queued: one statement sends it ahead.
        c.execute(sqlx::raw_sql("SELECT 1")).await?;
        if !c.is_in_transaction() {
            return Ok(true);
        }
        tracing::warn!("a connection came back inside a transaction; rolling it back");
        if backend == Backend::Sqlite {
            // If SQLite already rolled back, open a transaction for real, so that sqlx's ROLLBACK
            // succeeds and its count returns to zero; if one is still open this fails and the ROLLBACK
            // ends it.
            let _ = c.execute(sqlx::raw_sql("BEGIN")).await;
        }
        <Any as Database>::TransactionManager::rollback(c).await?;
        Ok(!c.is_in_transaction())
    })
}
