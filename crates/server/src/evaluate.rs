//! The evaluation workers: take submission ids from the bounded queue, grade them off the reactor at the
//! lowest scheduling priority, store the reports, and announce every change. Unfinished submissions are
//! queued again at start, so a crash loses nothing that was accepted; at shutdown, running evaluations
//! get time to finish.

use crate::events::Event;
use crate::metrics::VerdictLabel;
use crate::state::AppState;
use grader::Options;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// Starts the workers, after queueing again whatever an earlier process accepted but did not finish.
pub fn start(state: &AppState, receiver: mpsc::Receiver<i64>) -> JoinSet<()> {
    let receiver = Arc::new(Mutex::new(receiver));
    let mut workers = JoinSet::new();
    for _ in 0..state.0.config.workers.max(1) {
        let (state, receiver) = (state.clone(), receiver.clone());
        workers.spawn(async move { work(state, receiver).await });
    }
    // Read before the service takes requests, so no submission of this process is queued twice.
    let unfinished = state.0.store.unfinished().unwrap_or_else(|e| {
        tracing::error!(error = %e, "could not read unfinished submissions");
        Vec::new()
    });
    if !unfinished.is_empty() {
        tracing::info!(count = unfinished.len(), "re-queueing submissions left unfinished by an earlier process");
    }
    let recover = state.clone();
    tokio::spawn(async move {
        for id in unfinished {
            recover.0.metrics.queue_depth.inc();
            if recover.0.queue.send(id).await.is_err() {
                break;
            }
        }
    });
    workers
}

async fn work(state: AppState, receiver: Arc<Mutex<mpsc::Receiver<i64>>>) {
    let mut stopping = state.0.stopping.subscribe();
    loop {
        let next = {
            let mut rx = receiver.lock().await;
            tokio::select! {
                id = rx.recv() => id,
                _ = stopping.wait_for(|s| *s) => None,
            }
        };
        let Some(id) = next else { return };
        state.0.metrics.queue_depth.dec();
        evaluate(&state, id).await;
    }
}

async fn evaluate(state: &AppState, id: i64) {
    let inner = &state.0;
    let Ok(Some(submission)) = inner.store.submission(id) else { return };
    if submission.status == "done" || submission.status == "failed" {
        return;
    }
    let problem = inner.store.session(submission.session_id).ok().flatten().and_then(|s| inner.catalog.get(&s.problem).ok().cloned());
    let Some(problem) = problem else {
        let _ = inner.store.finish_submission(id, Err("the session's problem is not in the catalogue"));
        return;
    };
    if let Err(e) = inner.store.start_submission(id) {
        tracing::error!(submission = id, error = %e, "could not mark the submission running");
        return;
    }
    inner.hub.publish(submission.session_id, Event::Submission { id, status: "running".into() });
    let started = Instant::now();
    let grader = inner.grader.clone();
    let source = submission.source.clone();
    let (done, graded) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new().name("grade".into()).spawn(move || {
        // Below everything else: a candidate's Run must stay quick while submissions are graded. A thread
        // of its own, because a lowered priority cannot be raised again and pooled threads serve Run too;
        // the sandbox's threads inherit it.
        let _ = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        let _ = done.send(grader.grade(&problem, &source, &Options::default()));
    });
    let graded = match spawned {
        Ok(_) => graded.await.map_err(|_| "the grader stopped".to_string()),
        Err(e) => Err(format!("could not start the grader: {e}")),
    };
    let (status, verdict) = match graded {
        Ok(Ok(report)) => {
            let full = serde_json::to_string(&report).unwrap_or_default();
            let candidate = serde_json::to_string(&report.candidate_view()).unwrap_or_default();
            let stored = inner.store.finish_submission(id, Ok((&full, &candidate)));
            (if stored.is_ok() { "done" } else { "failed" }, report.verdict.as_str().to_string())
        }
        Ok(Err(e)) => {
            let _ = inner.store.finish_submission(id, Err(&e.to_string()));
            ("failed", "failed".into())
        }
        Err(why) => {
            let _ = inner.store.finish_submission(id, Err(&why));
            ("failed", "failed".into())
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    inner.metrics.evaluation_seconds.observe(seconds);
    inner.metrics.evaluations.get_or_create(&VerdictLabel { verdict: verdict.clone() }).inc();
    tracing::info!(submission = id, session = submission.session_id, verdict, seconds, "evaluated");
    inner.hub.publish(submission.session_id, Event::Submission { id, status: status.into() });
}

/// Tells the workers to stop taking jobs and waits for running evaluations, up to the drain timeout.
pub async fn drain(state: &AppState, mut workers: JoinSet<()>) {
    let _ = state.0.stopping.send(true);
    let timeout = Duration::from_secs(state.0.config.drain_seconds);
    if tokio::time::timeout(timeout, async { while workers.join_next().await.is_some() {} }).await.is_err() {
        tracing::warn!("shutdown timed out with evaluations still running; they will be re-queued at the next start");
        workers.abort_all();
    }
}
