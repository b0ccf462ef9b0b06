//! How nodes tell each other: a job was queued (wake an idle worker) and a session's event happened
//! (reach the streams held by every API node). On SQLite there is one node: a local `Notify` and the
//! local `Hub`, and idle workers also poll. On PostgreSQL, `NOTIFY` on two channels and a `LISTEN`ing
//! task per node; a draft's source is not sent through `NOTIFY` (payloads are small): the listening node
//! reads it from the database.

use crate::events::{Event, Hub};
use crate::store::{Backend, Store};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::Notify;

const JOBS: &str = "screenjudge_jobs";
const EVENTS: &str = "screenjudge_events";

#[derive(Serialize, Deserialize)]
struct Wire {
    session: i64,
    event: Event,
}

/// The node's side of the bus.
pub struct Bus {
    /// Woken when a job may be waiting.
    pub jobs: Notify,
    /// This node's event channels.
    pub hub: Hub,
}

impl Default for Bus {
    fn default() -> Self {
        Bus { jobs: Notify::new(), hub: Hub::default() }
    }
}

impl Bus {
    /// Tells every node's idle workers that a job is waiting.
    pub async fn job_queued(&self, store: &Store) {
        self.jobs.notify_one();
        if store.backend() == Backend::Postgres
            && let Err(e) = store.notify(JOBS, "").await
        {
            tracing::warn!(error = %e, "could not announce a queued job; idle workers will find it when they poll");
        }
    }

    /// Delivers an event to the session's streams on every node.
    pub async fn publish(&self, store: &Store, session: i64, event: Event) {
        if store.backend() == Backend::Sqlite {
            self.hub.publish(session, event);
            return;
        }
        let wire = match event {
            Event::Draft { id, saved_at, .. } => Event::Draft { id, source: String::new(), saved_at },
            other => other,
        };
        let payload = serde_json::to_string(&Wire { session, event: wire.clone() }).unwrap_or_default();
        if let Err(e) = store.notify(EVENTS, &payload).await {
            // The page still sees the change at its next fetch; this node's own streams get it now.
            tracing::warn!(error = %e, session, "could not send an event to the other nodes");
            self.hub.publish(session, fill(store, session, wire).await);
        }
    }

    /// On PostgreSQL, listens for the other nodes (and this one) until the process ends, reconnecting
    /// after a failure. Does nothing on SQLite.
    pub fn listen(self: &Arc<Self>, store: Arc<Store>) {
        if store.backend() != Backend::Postgres {
            return;
        }
        let bus = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(e) = bus.listen_once(&store).await {
                    tracing::warn!(error = %e, "lost the database listener; reconnecting");
                }
                // Whatever was announced meanwhile: workers look for jobs anyway.
                bus.jobs.notify_waiters();
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        });
    }

    async fn listen_once(&self, store: &Store) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect(store.url()).await?;
        listener.listen_all([JOBS, EVENTS]).await?;
        loop {
            let note = listener.recv().await?;
            if note.channel() == JOBS {
                self.jobs.notify_one();
                continue;
            }
            let Ok(wire) = serde_json::from_str::<Wire>(note.payload()) else {
                continue;
            };
            self.hub.publish(wire.session, fill(store, wire.session, wire.event).await);
        }
    }
}

/// Puts back what `NOTIFY` did not carry.
async fn fill(store: &Store, _session: i64, event: Event) -> Event {
    match event {
        Event::Draft { id, saved_at, source } if source.is_empty() => match store.draft(id).await {
            Ok(Some(d)) => Event::Draft { id, source: d.source, saved_at: d.saved_at },
            _ => Event::Draft { id, source, saved_at },
        },
        other => other,
    }
}
