//! Live updates: one broadcast channel per session, feeding the server-sent event streams.

use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast;

/// Something the pages should show without a reload.
#[derive(Debug, Clone, Serialize)]
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
    /// A submission moved: `queued`, `running`, `done`, `failed`.
    Submission {
        /// The submission's id.
        id: i64,
        /// Its status.
        status: String,
    },
    /// The score sheet was saved (interviewer only).
    Sheet,
}

impl Event {
    /// Whether the candidate's stream carries this event.
    pub fn for_candidate(&self) -> bool {
        matches!(self, Event::Submission { .. })
    }
}

/// The channels, by session id. A std `Mutex`: held only to look up or insert a sender.
#[derive(Default)]
pub struct Hub {
    channels: Mutex<HashMap<i64, broadcast::Sender<Event>>>,
}

impl Hub {
    fn sender(&self, session: i64) -> broadcast::Sender<Event> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        channels.entry(session).or_insert_with(|| broadcast::channel(256).0).clone()
    }

    /// Sends an event to whoever is listening on the session.
    pub fn publish(&self, session: i64, event: Event) {
        let _ = self.sender(session).send(event);
    }

    /// A new listener on the session.
    pub fn subscribe(&self, session: i64) -> broadcast::Receiver<Event> {
        self.sender(session).subscribe()
    }
}
