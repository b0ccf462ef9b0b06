//! The HTTP API: the operator creates sessions; the candidate link (`candidate`) reads the problem,
//! saves drafts, runs examples and submits; the interviewer link (`interviewer`) sees everything and
//! keeps the score sheet. Only this module and `lib.rs` know about HTTP routes.

pub mod answers;
pub mod candidate;
pub mod insights;
pub mod interviewer;
pub(crate) mod limits;
mod session;
pub mod sessions;

use crate::error::ApiError;
use crate::events::Viewer;
use crate::links::{self, Links};
use crate::sheet;
use crate::state::AppState;
use crate::store::{Page, SessionRow, SubmissionRow};
use crate::token;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRequest, FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use catalog::{Level, Problem};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::HashMap;
use std::convert::Infallible;
use tokio_stream::{Stream, StreamExt, wrappers::BroadcastStream};

/// `axum::Json` with our error shape for bad bodies.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Body<T>(pub T);

/// `axum::extract::Path` with our error shape: a path that does not decode (invalid UTF-8 in a link) is
/// a 404 like any wrong link.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct Path<T>(pub T);

/// `axum::extract::Query` with our error shape for bad parameters.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(e) => Err(bad_query(e)),
        }
    }
}

fn bad_query(e: QueryRejection) -> ApiError {
    ApiError::bad_request(format!("bad query parameters: {}", e.body_text()))
}

type ApiResult<T> = Result<T, ApiError>;

/// `GET /health`: the database and the queue, as this node sees them: 503 when the database does not
/// answer (within the pool's short wait), or answers but cannot store a submission of the largest size
/// (a full disk, a read-only file): a node that would have to refuse submissions is not healthy.
pub async fn health(State(state): State<AppState>) -> Response {
    let inner = &state.0;
    let (database, queue) = match inner.store.queue_stats().await {
        Ok(q) => {
            let largest = inner.grader.sandbox().limits().source_bytes;
            let queue = Some(answers::QueueShown { waiting: q.waiting, running: q.running });
            match inner.store.probe_write(&inner.node, largest).await {
                Ok(()) => ("ok", queue),
                Err(e) => {
                    tracing::error!(error = %e, "health: the database cannot store a submission");
                    ("cannot_write", queue)
                }
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "health: the database does not answer");
            ("unavailable", None)
        }
    };
    let status = if database == "ok" { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = answers::Health {
        status: if database == "ok" { "ok" } else { "degraded" },
        database,
        queue,
        node: &inner.node,
        role: inner.config.role.as_str(),
    };
    (status, axum::Json(body)).into_response()
}

/// `GET /metrics` on the API address: behind the operator token.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(e) = operator(&state, &headers) {
        return e.into_response();
    }
    open_metrics(State(state)).await
}

/// `GET /metrics` on the separate metrics address, where no token is asked.
pub async fn open_metrics(State(state): State<AppState>) -> Response {
    let inner = &state.0;
    inner.metrics.runs_running.set(inner.runs.running() as i64);
    inner.metrics.runs_waiting.set(inner.runs.waiting() as i64);
    inner.metrics.store_errors.set(inner.store.failures() as i64);
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], inner.metrics.render()).into_response()
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("../../openapi.json")).into_response()
}

/// `GET /api/problems`: the catalogue, without hidden tests.
pub async fn problems(State(state): State<AppState>) -> Response {
    let problems = state.0.catalog.problems().iter().map(answers::ListedProblem::of).collect();
    axum::Json(answers::ProblemList { problems }).into_response()
}

#[derive(Deserialize)]
pub struct QuestionFilter {
    level: Option<Level>,
}

/// The question bank of a level, and the flags a sheet can tick.
#[derive(Serialize)]
pub struct Questions {
    questions: Vec<catalog::Question>,
    red_flags: &'static [sheet::Flag],
    green_flags: &'static [sheet::Flag],
}

/// `GET /api/questions?level=mid`: the foundational question bank; an unknown level is 400.
pub async fn questions(State(state): State<AppState>, Params(filter): Params<QuestionFilter>) -> axum::Json<Questions> {
    let questions = state.0.questions.of_level(filter.level).cloned().collect();
    axum::Json(Questions { questions, red_flags: &sheet::RED_FLAGS, green_flags: &sheet::GREEN_FLAGS })
}

/// An input of someone's own for `problem` (Try an input, the candidate's own input), read strictly. A
/// function's arguments keep their big integers exact; a trace's numbers are times and limits.
pub(crate) fn scratch_input(problem: &Problem, text: &str) -> ApiResult<grader::scratch::ScratchInput> {
    // The size as typed, before tagging lengthens its big integers.
    grader::scratch::check_size(text)?;
    let text = match problem.kind {
        catalog::Kind::Function => crate::exact::tag_big_integers(text),
        catalog::Kind::RateLimiter => std::borrow::Cow::Borrowed(text),
    };
    Ok(grader::scratch::parse(problem, &text)?)
}

/// The body limit of the routes that take a typed input: the largest input twice over (JSON escapes
/// lengthen it) and the largest code, with room to spare.
pub(crate) const INPUT_BODY_BYTES: usize = 2 * grader::scratch::MAX_INPUT_BYTES + (256 << 10);

pub(crate) fn operator(state: &AppState, headers: &HeaderMap) -> ApiResult<()> {
    let given =
        headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if given.is_some_and(|t| token::matches(t, &state.0.operator)) { Ok(()) } else { Err(ApiError::unauthorized()) }
}

#[derive(Deserialize)]
pub struct NewSession {
    candidate_name: String,
    level: Json,
    problem: String,
    /// Optional: who interviews (the insights compare interviewers by it).
    #[serde(default)]
    interviewer_name: Option<String>,
}

/// `POST /api/sessions` (operator token): creates a session and returns its two links, relative and absolute.
pub async fn create_session(
    State(state): State<AppState>,
    headers: HeaderMap,
    Body(new): Body<NewSession>,
) -> ApiResult<(StatusCode, axum::Json<answers::Created>)> {
    operator(&state, &headers)?;
    let level: Level = serde_json::from_value(new.level.clone())
        .map_err(|_| ApiError::bad_request(format!("level must be junior, mid or senior, not {}", new.level)))?;
    let name = new.candidate_name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::bad_request("candidate_name must be 1 to 200 characters"));
    }
    if state.0.catalog.get(&new.problem).is_err() {
        return Err(ApiError::bad_request(format!("unknown problem '{}'", new.problem)));
    }
    let interviewer = new.interviewer_name.as_deref().map(str::trim).unwrap_or("");
    if interviewer.len() > 200 {
        return Err(ApiError::bad_request("interviewer_name must be at most 200 characters"));
    }
    let session = state.0.store.create_session(name, level, &new.problem, &token::secret(), &token::secret()).await?;
    if !interviewer.is_empty() {
        state.0.store.name_interviewer(session.id, interviewer).await?;
    }
    tracing::info!(session = session.id, problem = %session.problem, level = ?session.level, "session created");
    let links = Links::of(&session, &links::base(state.0.config.public_url.as_ref(), &headers));
    Ok((StatusCode::CREATED, axum::Json(answers::Created { id: session.id, links })))
}

fn problem_of<'a>(state: &'a AppState, session: &SessionRow) -> ApiResult<&'a Problem> {
    state.0.catalog.get(&session.problem).map_err(ApiError::internal)
}

/// What both people may see of the problem: statement, signature, starter, visible examples.
fn public_problem(problem: &Problem) -> answers::PublicProblem<'_> {
    answers::PublicProblem::of(problem)
}

/// `?before=<id>&limit=<n>&changed_since=<ms>` on the submission lists.
#[derive(Deserialize, Default)]
pub struct Paging {
    before: Option<i64>,
    limit: Option<i64>,
    changed_since: Option<i64>,
}

impl Paging {
    fn page(&self, state: &AppState) -> ApiResult<Page> {
        let limit = self.limit.unwrap_or(state.0.config.page_size);
        if !(1..=200).contains(&limit) {
            return Err(ApiError::bad_request("limit must be between 1 and 200"));
        }
        Ok(Page { before: self.before, changed_since: self.changed_since, limit: Some(limit) })
    }
}

/// A page of a session's submissions, as each link shows them, and what leads to the next page.
#[derive(Serialize)]
pub struct SubmissionPage<T> {
    /// Oldest first.
    submissions: Vec<Listed<T>>,
    /// Whether older submissions are left.
    has_more: bool,
    /// The `before` of the next page, when there is one.
    next_before: Option<i64>,
    /// When this page was read (for `changed_since`).
    as_of: i64,
}

/// What both links show of a submission beside its report.
#[derive(Serialize)]
pub struct SubmissionFields {
    id: i64,
    status: crate::model::Status,
    source: String,
    created_at: i64,
    finished_at: Option<i64>,
}

impl SubmissionFields {
    fn of(s: &SubmissionRow) -> SubmissionFields {
        SubmissionFields {
            id: s.id,
            status: s.status,
            source: s.source.clone(),
            created_at: s.created_at,
            finished_at: s.finished_at,
        }
    }
}

/// A submission as a link shows it, with its place in the queue and its number in the session.
#[derive(Serialize)]
pub struct Listed<T> {
    #[serde(flatten)]
    submission: T,
    /// Its place in the queue, while it waits.
    queue_position: Option<i64>,
    /// Its number in the session: 1 for the first.
    number: Option<i64>,
}

/// A page of a session's submissions, each shown by `show` with its place in the queue, and the fields
/// that lead to the next page: `has_more`, `next_before`, and `as_of` (for `changed_since`).
async fn submission_page<T>(
    state: &AppState,
    session: i64,
    paging: &Paging,
    show: fn(&SubmissionRow) -> T,
) -> ApiResult<SubmissionPage<T>> {
    let as_of = crate::store::now_ms();
    let (rows, more) = state.0.store.submissions(session, paging.page(state)?).await?;
    let places: HashMap<i64, i64> = if rows.iter().any(|r| r.status == crate::model::Status::Queued) {
        state.0.store.queue_positions(session).await?.into_iter().collect()
    } else {
        HashMap::new()
    };
    let numbers = state.0.store.submission_numbers(session).await?;
    let submissions = rows
        .iter()
        .map(|r| Listed {
            submission: show(r),
            queue_position: places.get(&r.id).copied(),
            number: numbers.get(&r.id).copied(),
        })
        .collect();
    let next_before = if more { rows.first().map(|r| r.id) } else { None };
    Ok(SubmissionPage { submissions, has_more: more, next_before, as_of })
}

fn sse(stream: impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static) -> Response {
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// The session's events until the service begins to stop (an open stream must not hold shutdown up);
/// 429 when the link already has its share of open streams.
fn event_stream(state: &AppState, session: i64, viewer: Viewer) -> ApiResult<Response> {
    let Some((receiver, slot)) = state.0.bus.hub.subscribe(session, viewer, state.0.config.streams_per_link) else {
        return Err(ApiError::too_many("too many event streams open with this link; close one", 5));
    };
    let mut stopping = state.0.stopping.subscribe();
    let stopped = async move {
        let _ = stopping.wait_for(|s| *s).await;
    };
    let candidate = viewer == Viewer::Candidate;
    let events = BroadcastStream::new(receiver).filter_map(move |event| {
        // The slot lives as long as the stream.
        let _held = &slot;
        let event = event.ok()?;
        if candidate && !event.for_candidate() {
            return None;
        }
        Some(Ok(SseEvent::default().json_data(&event).unwrap_or_default()))
    });
    Ok(sse(futures_util::StreamExt::take_until(events, stopped)))
}
