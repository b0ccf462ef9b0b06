//! The candidate link: the problem, draft autosaves, Runs of the visible examples (each recorded on the
//! timeline), the page's signals (pastes, time away), submissions, and the submissions' events. Never
//! hidden inputs, scores or interviewer data.

use super::answers::{Accepted, CandidatePage, CandidateSessionShown, Noted, OwnResult, Ran, Saved};
use super::limits::{admit_run, throttle};
use super::session::CandidateSession;
use super::{
    ApiResult, Body, Paging, Params, SubmissionFields, SubmissionPage, event_stream, problem_of, public_problem,
    scratch_input, submission_page,
};
use crate::error::ApiError;
use crate::events::{Event, Viewer};
use crate::model::Status;
use crate::reports;
use crate::state::AppState;
use crate::store::SubmissionRow;
use crate::timeline::{self, Recorded, Report, TimelineEvent};
use axum::extract::{FromRequest, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// A submission as the candidate sees it: never the full report, only the candidate's view of it.
#[derive(Serialize)]
pub struct Shown {
    #[serde(flatten)]
    fields: SubmissionFields,
    /// The candidate's view of the report, once graded.
    result: Option<grader::CandidateView>,
}

fn shown(s: &SubmissionRow) -> Shown {
    Shown { fields: SubmissionFields::of(s), result: reports::candidate(s) }
}

/// `GET /api/c/{token}`: the candidate's page data.
pub async fn view(State(state): State<AppState>, CandidateSession(session): CandidateSession) -> ApiResult<Response> {
    let problem = problem_of(&state, &session)?;
    let draft = state.0.store.latest_draft(session.id).await?;
    let page = submission_page(&state, session.id, &Paging::default(), shown).await?;
    let shown_session =
        CandidateSessionShown { id: session.id, candidate_name: &session.candidate_name, level: session.level };
    Ok(axum::Json(CandidatePage {
        session: shown_session,
        problem: public_problem(problem),
        draft: draft.map(|d| d.source),
        submissions: page.submissions,
        has_more: page.has_more,
    })
    .into_response())
}

/// `GET /api/c/{token}/submissions`.
pub async fn submissions(
    State(state): State<AppState>,
    CandidateSession(session): CandidateSession,
    Params(paging): Params<Paging>,
) -> ApiResult<axum::Json<SubmissionPage<Shown>>> {
    Ok(axum::Json(submission_page(&state, session.id, &paging, shown).await?))
}

#[derive(Deserialize)]
pub struct Source {
    source: String,
}

/// The candidate's code from a request's body (`{"source": …}`), within the sandbox's size limit (413
/// past it), so a handler starts from code it may run.
pub struct Code(String);

impl FromRequest<AppState> for Code {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Code, ApiError> {
        let Body(Source { source }) = Body::<Source>::from_request(request, state).await?;
        check_size(state, &source)?;
        Ok(Code(source))
    }
}

fn check_size(state: &AppState, source: &str) -> ApiResult<()> {
    let limit = state.0.grader.sandbox().limits().source_bytes;
    if source.len() > limit {
        return Err(ApiError::too_large(format!("the code is {} bytes; the limit is {limit} bytes", source.len())));
    }
    Ok(())
}

/// `PUT /api/c/{token}/draft`: autosave (coalesced with the last few seconds'); the interviewer sees it
/// live.
pub async fn save_draft(
    State(state): State<AppState>,
    CandidateSession(session): CandidateSession,
    Code(source): Code,
) -> ApiResult<axum::Json<Saved>> {
    throttle(&state.0.draft_limit, session.id, "draft saves")?;
    let (id, saved_at) = store_draft(&state, session.id, &source).await?;
    Ok(axum::Json(Saved { id, saved_at }))
}

/// Stores a draft and sends it live; its id and time.
async fn store_draft(state: &AppState, session: i64, source: &str) -> Result<(i64, i64), crate::store::StoreError> {
    let draft = state.0.store.save_draft(session, source, state.0.config.drafts).await?;
    let (id, saved_at) = (draft.id, draft.saved_at);
    state.0.bus.publish(&state.0.store, session, Event::Draft { id, source: draft.source, saved_at }).await;
    Ok((id, saved_at))
}

/// `POST /api/c/{token}/run`: the visible examples only, answered directly, under a Run's fuel budget;
/// one Run per link at a time, in turn with other links' Runs.
pub async fn run(
    State(state): State<AppState>,
    CandidateSession(session): CandidateSession,
    Code(source): Code,
) -> ApiResult<axum::Json<Ran>> {
    throttle(&state.0.run_limit, session.id, "runs")?;
    let mut problem = problem_of(&state, &session)?.clone();
    problem.fuel_per_test = problem.fuel_per_test.min(state.0.config.run_fuel.max(1));
    let place = admit_run(&state, session.id, "a Run of this link is still going; wait for its answer")?;
    // The code that runs is saved as it arrives: a save after the Run ends could put it above what the
    // candidate typed meanwhile.
    let draft = save_ran(&state, session.id, &source).await;
    let _slot = place.slot().await;
    let grader = state.0.grader.clone();
    let ran = source;
    let (load_error, examples) = tokio::task::spawn_blocking(move || grader.run_examples(&problem, &ran)).await??;
    state.0.metrics.runs.inc();
    let passed = examples.iter().filter(|e| e.passed).count();
    let seen = |draft_id| Recorded::Run {
        draft_id,
        passed,
        total: examples.len(),
        load_error: load_error.as_ref().map(|e| timeline::load_error_shown(&e.message)),
    };
    if let Some((draft_id, at)) = draft {
        record_run(&state, session.id, at, seen(draft_id)).await;
    }
    Ok(axum::Json(Ran { load_error, examples }))
}

/// Saves the code of a Run as a draft version (so playback shows it) and sends it live; its id and time.
/// The candidate gets the Run's answer either way, so a store that fails here is logged, not answered.
async fn save_ran(state: &AppState, session: i64, source: &str) -> Option<(i64, i64)> {
    match store_draft(state, session, source).await {
        Ok(saved) => Some(saved),
        Err(e) => {
            tracing::warn!(error = %e, session, "a Run's code was not saved for the timeline");
            None
        }
    }
}

/// Puts a Run on the timeline, at the time its code was saved, with what the candidate saw.
async fn record_run(state: &AppState, session: i64, at: i64, seen: Recorded) {
    let detail = serde_json::to_string(&seen).unwrap_or_default();
    match state.0.store.add_event(session, seen.kind().as_str(), Some(at), &detail).await {
        Ok(id) => {
            let event = TimelineEvent { id, at, what: seen };
            state.0.bus.publish(&state.0.store, session, Event::Timeline { event }).await;
        }
        Err(e) => tracing::warn!(error = %e, session, "a Run was answered but not put on the timeline"),
    }
}

/// `POST /api/c/{token}/signals`: the page reports a paste of several lines or time away from the page;
/// stored on the timeline and sent to the interviewer live; 201 with its id and time.
pub async fn signal(
    State(state): State<AppState>,
    CandidateSession(session): CandidateSession,
    Body(report): Body<Report>,
) -> ApiResult<(StatusCode, axum::Json<Noted>)> {
    throttle(&state.0.report_limit, session.id, "reports")?;
    let now = crate::store::now_ms();
    let (what, at) = report.into_event(now, session.created_at)?;
    if state.0.store.event_count(session.id).await? >= timeline::EVENTS_PER_SESSION {
        return Err(ApiError::too_many("this session's timeline is full", 60));
    }
    let detail = serde_json::to_string(&what).map_err(ApiError::internal)?;
    let id = state.0.store.add_event(session.id, what.kind().as_str(), Some(at), &detail).await?;
    state.0.bus.publish(&state.0.store, session.id, Event::Timeline { event: TimelineEvent { id, at, what } }).await;
    Ok((StatusCode::CREATED, axum::Json(Noted { id, at })))
}

/// `POST /api/c/{token}/submissions`: the submission and its job stored in one transaction, graded by
/// the next free worker of any node; 202 with its id and place in the queue.
pub async fn submit(
    State(state): State<AppState>,
    CandidateSession(session): CandidateSession,
    Code(source): Code,
) -> ApiResult<(StatusCode, axum::Json<Accepted>)> {
    throttle(&state.0.submit_limit, session.id, "submissions")?;
    if state.0.store.queue_stats().await?.waiting >= state.0.config.queue_capacity as i64 {
        return Err(ApiError::too_many("the evaluation queue is full; try again shortly", 5));
    }
    let row = state.0.store.create_submission(session.id, &source).await?;
    state.0.bus.job_queued(&state.0.store).await;
    state.0.bus.publish(&state.0.store, session.id, Event::Submission { id: row.id, status: Status::Queued }).await;
    let place = state
        .0
        .store
        .queue_positions(session.id)
        .await
        .ok()
        .and_then(|p| p.into_iter().find(|(id, _)| *id == row.id))
        .map(|(_, n)| n);
    let number = state.0.store.submission_numbers(session.id).await.ok().and_then(|n| n.get(&row.id).copied());
    tracing::info!(submission = row.id, session = session.id, "submission accepted");
    let accepted = Accepted { id: row.id, number, status: Status::Queued, queue_position: place };
    Ok((StatusCode::ACCEPTED, axum::Json(accepted)))
}

/// `GET /api/c/{token}/events`: the candidate's submissions as they move.
pub async fn events(State(state): State<AppState>, CandidateSession(session): CandidateSession) -> ApiResult<Response> {
    event_stream(&state, session.id, Viewer::Candidate)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TryBody {
    source: String,
    input: String,
}

/// `POST /api/c/{token}/try`: the candidate's code (as sent) on the candidate's own input, under a Run's
/// fuel, in the Run slots and at the Run rate. Only what their code did comes back: never the reference's
/// answer, nor whether it agrees with it, nor a message that names the expected type.
pub async fn try_input(
    State(state): State<AppState>,
    CandidateSession(session): CandidateSession,
    Body(body): Body<TryBody>,
) -> ApiResult<axum::Json<OwnResult>> {
    check_size(&state, &body.source)?;
    let problem = problem_of(&state, &session)?.clone();
    let input = scratch_input(&problem, &body.input)?;
    throttle(&state.0.run_limit, session.id, "runs")?;
    let place = admit_run(&state, session.id, "a Run of this link is still going; wait for its answer")?;
    let _slot = place.slot().await;
    let grader = state.0.grader.clone();
    let fuel = state.0.config.run_fuel.max(1);
    // The reference's own words stay out of the candidate's answer (see `From<ScratchError>`).
    let result = tokio::task::spawn_blocking(move || grader.own_input(&problem, &body.source, &input, fuel)).await??;
    state.0.metrics.runs.inc();
    Ok(axum::Json(OwnResult::of(result)))
}
