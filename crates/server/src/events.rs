//! Live updates: one broadcast channel per session, feeding the server-sent event streams, with a cap on
//! the streams open per link. On PostgreSQL every event goes through `NOTIFY` (see `bus`), so a worker
//! node's events reach the streams held by every API node.

use crate::model::Status;
use crate::timeline::TimelineEvent;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// Something the pages should show without a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The candidate's code changed (interviewer only).
    Draft {
        /// The draft's id.
        id: i64,
        /// The source.
        source: String,
        /// When it was saved.
        saved_at: i64,
    },
    /// A submission moved.
    Submission {
        /// The submission's id.
        id: i64,
        /// Its status.
        status: Status,
    },
    /// The score sheet was saved (interviewer only).
    Sheet,
    /// A paste, time away or a Run joined the candidate's timeline (interviewer only).
    Timeline {
        /// The event.
        event: TimelineEvent,
    },
}

impl Event {
    /// Whether the candidate's stream carries this event.
    pub fn for_candidate(&self) -> bool {
        matches!(self, Event::Submission { .. })
    }
}

/// Whose link a stream was opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Viewer {
    /// The candidate's link.
    Candidate,
    /// The interviewer's link.
    Interviewer,
}

/// The channels, by session id, and the streams open per link. A std `Mutex`: held only to look up or
/// insert, never across an `.await`.
#[derive(Default)]
pub struct Hub {
    channels: Mutex<HashMap<i64, broadcast::Sender<Event>>>,
    open: Arc<Mutex<HashMap<(i64, Viewer), usize>>>,
}

/// One open stream; closing it (dropping this) frees its place.
pub struct StreamSlot {
    key: (i64, Viewer),
    open: Arc<Mutex<HashMap<(i64, Viewer), usize>>>,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.key) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.key);
            }
        }
    }
}

impl Hub {
    fn sender(&self, session: i64) -> broadcast::Sender<Event> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels.entry(session).or_insert_with(|| broadcast::channel(256).0).clone()
    }

    /// Sends an event to whoever is listening on this node.
    pub fn publish(&self, session: i64, event: Event) {
        let _ = self.sender(session).send(event);
    }

    /// A new listener on the session, unless `cap` streams are already open with this link.
    pub fn subscribe(
        &self,
        session: i64,
        viewer: Viewer,
        cap: usize,
    ) -> Option<(broadcast::Receiver<Event>, StreamSlot)> {
        let key = (session, viewer);
        {
            let mut open = self.open.lock().unwrap_or_else(|p| p.into_inner());
            let n = open.entry(key).or_insert(0);
            if *n >= cap {
                return None;
            }
            *n += 1;
        }
        Some((self.sender(session).subscribe(), StreamSlot { key, open: self.open.clone() }))
    }
}
