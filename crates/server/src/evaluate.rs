//! The evaluation workers. Each claims the next job from the database queue, grades it off the reactor
//! at the lowest scheduling priority while renewing its lease, stores the report (retrying while the
//! store refuses, for as long as the lease would have lasted), and announces every change only once it
//! is stored. A job whose worker died is claimed again when its lease runs out; a periodic sweep gives a
//! job back to any unfinished submission without one and keeps the queue gauges current. At shutdown no
//! new job is taken, and running evaluations get the drain timeout to finish (then their jobs are given back).
//! An interrupted grading is graded again, after three interruptions without the timing probes, and
//! after six it is stored as failed with the reason in words.

use crate::events::Event;
use crate::metrics::VerdictLabel;
use crate::model::Status;
use crate::state::{AppState, WorkerStart};
use crate::store::{Backend, Claim};
use grader::Options;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// Claims graded in full. A grading interrupted this often (its node killed, restarted, or drained past
/// the timeout) is graded again without the timing probes, which take most of a grading's time, so it
/// ends with a verdict from the hidden tests rather than with nothing.
const FULL_ATTEMPTS: i64 = 3;
/// Claims after which a submission that still never finished is stored as failed, with the reason in
/// words: one that kills every worker it reaches must not take the queue down with it.
const MAX_ATTEMPTS: i64 = 6;

/// Starts this node's workers and the sweep. On SQLite (one node) leases left by an earlier process are
/// given back first, so its unfinished submissions are graded at once.
pub fn start(state: &AppState, _start: WorkerStart) -> JoinSet<()> {
    let mut workers = JoinSet::new();
    let sweep = state.clone();
    workers.spawn(async move { sweep_loop(sweep).await });
    for _ in 0..state.0.config.workers.max(1) {
        let state = state.clone();
        workers.spawn(async move { work(state).await });
    }
    workers
}

fn lease_ms(state: &AppState) -> i64 {
    (state.0.config.lease_seconds.max(1) * 1000) as i64
}

async fn sweep_loop(state: AppState) {
    let inner = &state.0;
    let mut stopping = inner.stopping.subscribe();
    if inner.store.backend() == Backend::Sqlite {
        match inner.store.release_all().await {
            Ok(0) => {}
            Ok(n) => tracing::info!(count = n, "re-queueing submissions left unfinished by an earlier process"),
            Err(e) => {
                tracing::error!(error = %e, "could not re-queue unfinished submissions; their leases will run out")
            }
        }
    }
    loop {
        match inner.store.requeue_orphans().await {
            Ok(0) => {}
            Ok(n) => {
                tracing::warn!(count = n, "sweep: re-queued unfinished submissions that had no job");
                inner.bus.jobs.notify_waiters();
            }
            Err(e) => tracing::error!(error = %e, "sweep: could not look for stranded submissions"),
        }
        if let Ok(stats) = inner.store.queue_stats().await {
            inner.metrics.queue_depth.set(stats.waiting);
            inner.metrics.jobs_running.set(stats.running);
            if stats.waiting > 0 {
                // A job whose lease ran out announces itself to nobody.
                inner.bus.jobs.notify_waiters();
            }
        }
        let pause = tokio::time::sleep(Duration::from_millis(inner.config.poll_millis.max(50)));
        tokio::select! {
            _ = pause => {}
            _ = stopping.wait_for(|s| *s) => return,
        }
    }
}

async fn work(state: AppState) {
    let inner = &state.0;
    let mut stopping = inner.stopping.subscribe();
    loop {
        if *stopping.borrow() {
            return;
        }
        // Registered before looking, so a wake-up between the look and the wait is not lost.
        let woken = inner.bus.jobs.notified();
        match inner.store.claim(&inner.node, lease_ms(&state)).await {
            Ok(Some(claim)) => {
                if *stopping.borrow() {
                    // The signal came while claiming: give the job back rather than start it.
                    if let Err(e) = inner.store.release(claim.submission.id, &inner.node).await {
                        tracing::warn!(submission = claim.submission.id, error = %e, "could not give a job back at shutdown; its lease will run out");
                    }
                    return;
                }
                evaluate(&state, claim).await;
                continue;
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "could not claim a job; trying again"),
        }
        let poll = tokio::time::sleep(Duration::from_millis(inner.config.poll_millis.max(50)));
        tokio::select! {
            _ = woken => {}
            _ = poll => {}
            _ = stopping.wait_for(|s| *s) => return,
        }
    }
}

async fn evaluate(state: &AppState, claim: Claim) {
    let inner = &state.0;
    let submission = claim.submission;
    let (id, session) = (submission.id, submission.session_id);
    if claim.attempts > 1 {
        inner.metrics.reclaimed.inc();
        tracing::warn!(
            submission = id,
            attempts = claim.attempts,
            probes = claim.attempts <= FULL_ATTEMPTS,
            "graded again: an earlier grading was interrupted before its report was stored (its node was killed, restarted, or drained past the timeout)"
        );
    }
    if claim.attempts > MAX_ATTEMPTS {
        let why = NotGraded::Interrupted { times: claim.attempts - 1, without_probes: MAX_ATTEMPTS - FULL_ATTEMPTS };
        store_outcome(state, id, session, Evaluated::Failed(why)).await;
        return;
    }
    let problem = match inner.store.session(session).await {
        Ok(Some(s)) => inner.catalog.get(&s.problem).ok().cloned(),
        Ok(None) => None,
        Err(e) => {
            tracing::error!(submission = id, error = %e, "could not read the session; the job goes back to the queue");
            let _ = inner.store.release(id, &inner.node).await;
            return;
        }
    };
    let Some(problem) = problem else {
        store_outcome(state, id, session, Evaluated::Failed(NotGraded::UnknownProblem)).await;
        return;
    };
    inner.bus.publish(&inner.store, session, Event::Submission { id, status: Status::Running }).await;
    let started = Instant::now();
    let grader = inner.grader.clone();
    let options = Options { probes: inner.config.probes && claim.attempts <= FULL_ATTEMPTS };
    let (done, graded) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new().name("grade".into()).spawn(move || {
        // Below everything else: a candidate's Run must stay quick while submissions are graded. A thread
        // of its own, because a lowered priority cannot be raised again and pooled threads serve Run too;
        // the sandbox's threads inherit it.
        let _ = thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
        let _ = done.send(grader.grade(&problem, &submission.source, &options));
    });
    let evaluated = match spawned {
        Ok(_) => match hold_lease_until(state, id, graded).await {
            Ok(Ok(report)) => Evaluated::graded(&report),
            Ok(Err(e)) => Evaluated::Failed(NotGraded::Grade(e)),
            Err(_) => Evaluated::Failed(NotGraded::Stopped),
        },
        Err(e) => Evaluated::Failed(NotGraded::NotStarted(e)),
    };
    let seconds = started.elapsed().as_secs_f64();
    inner.metrics.evaluation_seconds.observe(seconds);
    let verdict = evaluated.label();
    store_outcome(state, id, session, evaluated).await;
    tracing::info!(submission = id, session, verdict, seconds, node = %inner.node, "evaluated");
}

/// How an evaluation ended.
enum Evaluated {
    /// With a report: the interviewer's and the candidate's view, as stored.
    Graded {
        /// The report's verdict.
        verdict: grader::Verdict,
        /// The whole report, serialised.
        full: String,
        /// The candidate's view, serialised.
        candidate: String,
    },
    /// Without one: a fault of the service, stored in words for people.
    Failed(NotGraded),
}

impl Evaluated {
    fn graded(report: &grader::Report) -> Evaluated {
        Evaluated::Graded {
            verdict: report.verdict,
            full: serde_json::to_string(report).unwrap_or_default(),
            candidate: serde_json::to_string(&report.candidate_view()).unwrap_or_default(),
        }
    }

    /// The metrics' label: the verdict, or `failed` for a fault of the service.
    fn label(&self) -> &'static str {
        match self {
            Evaluated::Graded { verdict, .. } => verdict.as_str(),
            Evaluated::Failed(_) => "failed",
        }
    }
}

/// Why a submission has no report.
#[derive(Debug, thiserror::Error)]
enum NotGraded {
    /// Interrupted too often (see `MAX_ATTEMPTS`).
    #[error(
        "grading was interrupted {times} times before it could finish (the last {without_probes} without the timing probes); submit again"
    )]
    Interrupted { times: i64, without_probes: i64 },
    /// The session's problem left the catalogue.
    #[error("the session's problem is not in the catalogue")]
    UnknownProblem,
    /// The grading thread could not be started.
    #[error("could not start the grader: {0}")]
    NotStarted(std::io::Error),
    /// The grading thread ended without an answer.
    #[error("the grader stopped")]
    Stopped,
    /// The grader failed (the sandbox, or the problem's own reference).
    #[error(transparent)]
    Grade(grader::GradeError),
}

/// Waits for the grader, renewing the lease at a third of its length.
async fn hold_lease_until<T>(
    state: &AppState,
    id: i64,
    mut result: tokio::sync::oneshot::Receiver<T>,
) -> Result<T, tokio::sync::oneshot::error::RecvError> {
    let inner = &state.0;
    let every = Duration::from_millis((lease_ms(state) / 3).max(10) as u64);
    loop {
        tokio::select! {
            out = &mut result => return out,
            _ = tokio::time::sleep(every) => match inner.store.renew(id, &inner.node, lease_ms(state)).await {
                Ok(true) => {}
                Ok(false) => tracing::warn!(submission = id, "lease lost to another worker; the first report stored wins"),
                Err(e) => tracing::error!(submission = id, error = %e, "could not renew the lease"),
            },
        }
    }
}

/// Stores the outcome, retrying for as long as the lease would have lasted; announces it once stored.
/// If the store keeps refusing, the job is left to the queue: its lease runs out and it is graded again.
async fn store_outcome(state: &AppState, id: i64, session: i64, outcome: Evaluated) {
    let inner = &state.0;
    let give_up = Instant::now() + Duration::from_millis(lease_ms(state) as u64);
    let mut pause = Duration::from_millis(100);
    loop {
        let attempt = match &outcome {
            Evaluated::Graded { full, candidate, .. } => inner.store.finish(id, Ok((full, candidate))).await,
            Evaluated::Failed(why) => inner.store.finish(id, Err(&why.to_string())).await,
        };
        match attempt {
            Ok(stored) => {
                if stored {
                    let status = if let Evaluated::Graded { .. } = outcome { Status::Done } else { Status::Failed };
                    inner.metrics.evaluations.get_or_create(&VerdictLabel { verdict: outcome.label().into() }).inc();
                    inner.bus.publish(&inner.store, session, Event::Submission { id, status }).await;
                } else {
                    tracing::info!(submission = id, "already finished by another worker; this report is dropped");
                }
                return;
            }
            Err(e) if Instant::now() < give_up => {
                tracing::error!(submission = id, error = %e, "could not store the outcome; retrying");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(2));
                let _ = inner.store.renew(id, &inner.node, lease_ms(state)).await;
            }
            Err(e) => {
                tracing::error!(submission = id, error = %e, "could not store the outcome; the job stays queued and will be graded again");
                return;
            }
        }
    }
}

/// Tells the workers to stop taking jobs and waits for running evaluations, up to the drain timeout.
pub async fn drain(state: &AppState, mut workers: JoinSet<()>) {
    state.begin_stopping();
    let timeout = Duration::from_secs(state.0.config.drain_seconds);
    if tokio::time::timeout(timeout, async { while workers.join_next().await.is_some() {} }).await.is_err() {
        workers.abort_all();
        // Cut short by the operator, not by the submission: the jobs go back to the queue at once, and
        // the interruption does not count as one of their attempts.
        match state.0.store.release_owned(&state.0.node).await {
            Ok(n) => {
                tracing::warn!(count = n, "shutdown timed out with evaluations running; their jobs are queued again")
            }
            Err(e) => {
                tracing::warn!(error = %e, "shutdown timed out with evaluations running; they are graded again once their lease runs out")
            }
        }
    }
}
