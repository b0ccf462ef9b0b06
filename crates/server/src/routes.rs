//! The HTTP API: the operator creates sessions; the candidate link reads the problem, saves drafts,
//! runs examples and submits; the interviewer link sees everything and keeps the score sheet.
//! Only this module and `lib.rs` know about HTTP routes.

use crate::error::ApiError;
use crate::events::Event;
use crate::sheet::{self, Sheet};
use crate::state::AppState;
use crate::store::SessionRow;
use crate::token;
use axum::extract::{FromRequest, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use catalog::{CaseInput, Problem};
use serde::Deserialize;
use serde_json::{Value as Json, json};
use std::convert::Infallible;
use tokio_stream::{Stream, StreamExt, wrappers::BroadcastStream};

/// `axum::Json` with our error shape for bad bodies.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct Body<T>(pub T);

type ApiResult<T> = Result<T, ApiError>;

/// `GET /health`.
pub async fn health() -> axum::Json<Json> {
    axum::Json(json!({ "status": "ok" }))
}

/// `GET /metrics`.
pub async fn metrics(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], state.0.metrics.render()).into_response()
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("../openapi.json")).into_response()
}

/// `GET /api/problems`: the catalogue, without hidden tests.
pub async fn problems(State(state): State<AppState>) -> axum::Json<Json> {
    let list: Vec<Json> = state
        .0
        .catalog
        .problems()
        .iter()
        .map(|p| json!({ "id": p.id, "title": p.title, "level": p.level }))
        .collect();
    axum::Json(json!({ "problems": list }))
}

#[derive(Deserialize)]
pub struct QuestionFilter {
    level: Option<String>,
}

/// `GET /api/questions?level=mid`: the foundational question bank.
pub async fn questions(State(state): State<AppState>, Query(filter): Query<QuestionFilter>) -> axum::Json<Json> {
    let all = state.0.questions["questions"].as_array().cloned().unwrap_or_default();
    let picked: Vec<Json> = all
        .into_iter()
        .filter(|q| filter.level.as_deref().is_none_or(|l| q["level"] == l))
        .collect();
    axum::Json(json!({ "questions": picked, "red_flags": flags(&sheet::RED_FLAGS), "green_flags": flags(&sheet::GREEN_FLAGS) }))
}

fn flags(list: &[(&str, &str)]) -> Vec<Json> {
    list.iter().map(|(id, text)| json!({ "id": id, "text": text })).collect()
}

#[derive(Deserialize)]
pub struct NewSession {
    candidate_name: String,
    level: String,
    problem: String,
}

/// `POST /api/sessions` (operator token): creates a session and returns its two links.
pub async fn create_session(State(state): State<AppState>, headers: HeaderMap, Body(new): Body<NewSession>) -> ApiResult<(StatusCode, axum::Json<Json>)> {
    let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|t| token::same(t, &state.0.operator)) {
        return Err(ApiError::unauthorized());
    }
    if !["junior", "mid", "senior"].contains(&new.level.as_str()) {
        return Err(ApiError::bad_request(format!("level must be junior, mid or senior, not '{}'", new.level)));
    }
    let name = new.candidate_name.trim();
    if name.is_empty() || name.len() > 200 {
        return Err(ApiError::bad_request("candidate_name must be 1 to 200 characters"));
    }
    if state.0.catalog.get(&new.problem).is_err() {
        return Err(ApiError::bad_request(format!("unknown problem '{}'", new.problem)));
    }
    let session = state.0.store.create_session(name, &new.level, &new.problem, &token::secret(), &token::secret())?;
    tracing::info!(session = session.id, problem = %session.problem, level = %session.level, "session created");
    let candidate = format!("{}-{}", session.id, session.candidate_secret);
    let interviewer = format!("{}-{}", session.id, session.interviewer_secret);
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({
            "id": session.id,
            "candidate_token": candidate,
            "interviewer_token": interviewer,
            "candidate_link": format!("/c/{candidate}"),
            "interviewer_link": format!("/i/{interviewer}"),
        })),
    ))
}

enum Role {
    Candidate,
    Interviewer,
}

fn session_for(state: &AppState, raw: &str, role: Role) -> ApiResult<SessionRow> {
    let (id, secret) = token::parse(raw).ok_or_else(|| ApiError::not_found("session"))?;
    let session = state.0.store.session(id)?.ok_or_else(|| ApiError::not_found("session"))?;
    let expected = match role {
        Role::Candidate => &session.candidate_secret,
        Role::Interviewer => &session.interviewer_secret,
    };
    if token::same(secret, expected) { Ok(session) } else { Err(ApiError::not_found("session")) }
}

fn problem_of<'a>(state: &'a AppState, session: &SessionRow) -> ApiResult<&'a Problem> {
    state.0.catalog.get(&session.problem).map_err(ApiError::internal)
}

/// What both people may see of the problem: statement, signature, starter, visible examples.
fn public_problem(problem: &Problem) -> Json {
    let examples: Vec<Json> = problem
        .examples
        .iter()
        .map(|e| {
            let input = match &e.input {
                CaseInput::Args(args) => json!(args),
                CaseInput::Trace(t) => json!({ "limit": t.limit, "window": t.window, "requests": t.requests }),
                CaseInput::Property(_) => Json::Null,
            };
            json!({ "name": e.name, "input": input })
        })
        .collect();
    json!({
        "id": problem.id, "title": problem.title, "level": problem.level, "signature": problem.signature,
        "statement": problem.statement, "statement_html": crate::pages::markdown(&problem.statement),
        "starter": problem.starter, "examples": examples,
        "hidden_tests": problem.categories().iter().map(|c| json!({
            "category": c, "count": problem.tests.iter().filter(|t| &t.category == c).count()
        })).collect::<Vec<_>>(),
    })
}

/// `GET /api/c/{token}`: the candidate's page data.
pub async fn candidate_view(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Candidate)?;
    let problem = problem_of(&state, &session)?;
    let draft = state.0.store.latest_draft(session.id)?;
    Ok(axum::Json(json!({
        "session": { "id": session.id, "candidate_name": session.candidate_name, "level": session.level },
        "problem": public_problem(problem),
        "draft": draft.map(|d| d.source),
        "submissions": candidate_submissions(&state, session.id)?,
    })))
}

fn candidate_submissions(state: &AppState, session: i64) -> ApiResult<Vec<Json>> {
    Ok(state
        .0
        .store
        .submissions(session)?
        .into_iter()
        .map(|s| {
            let report = s.candidate_report.as_deref().and_then(|r| serde_json::from_str::<Json>(r).ok());
            json!({ "id": s.id, "status": s.status, "created_at": s.created_at, "finished_at": s.finished_at, "result": report })
        })
        .collect())
}

/// `GET /api/c/{token}/submissions`.
pub async fn candidate_submission_list(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Candidate)?;
    Ok(axum::Json(json!({ "submissions": candidate_submissions(&state, session.id)? })))
}

#[derive(Deserialize)]
pub struct Source {
    source: String,
}

fn check_size(state: &AppState, source: &str) -> ApiResult<()> {
    let limit = state.0.grader.sandbox().limits().source_bytes;
    if source.len() > limit {
        return Err(ApiError::too_large(format!("the code is {} bytes; the limit is {limit} bytes", source.len())));
    }
    Ok(())
}

/// `PUT /api/c/{token}/draft`: autosave; the interviewer sees it live.
pub async fn save_draft(State(state): State<AppState>, Path(raw): Path<String>, Body(body): Body<Source>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Candidate)?;
    check_size(&state, &body.source)?;
    throttle(&state, &state.0.draft_limit, session.id, "draft saves")?;
    let draft = state.0.store.save_draft(session.id, &body.source)?;
    state.0.hub.publish(session.id, Event::Draft { id: draft.id, source: draft.source, saved_at: draft.saved_at });
    Ok(axum::Json(json!({ "id": draft.id, "saved_at": draft.saved_at })))
}

fn throttle(state: &AppState, limiter: &governor::DefaultKeyedRateLimiter<i64>, session: i64, what: &str) -> ApiResult<()> {
    if let Err(not_until) = limiter.check_key(&session) {
        state.0.metrics.throttled.inc();
        let wait = not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
        return Err(ApiError::too_many(format!("too many {what}; try again shortly"), wait.as_secs() + 1));
    }
    Ok(())
}

/// `POST /api/c/{token}/run`: the visible examples only, answered directly.
pub async fn run_examples(State(state): State<AppState>, Path(raw): Path<String>, Body(body): Body<Source>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Candidate)?;
    check_size(&state, &body.source)?;
    throttle(&state, &state.0.run_limit, session.id, "runs")?;
    let problem = problem_of(&state, &session)?.clone();
    let _slot = state.0.run_slots.acquire().await.map_err(ApiError::internal)?;
    let grader = state.0.grader.clone();
    let (load_error, examples) = tokio::task::spawn_blocking(move || grader.run_examples(&problem, &body.source))
        .await
        .map_err(ApiError::internal)?
        .map_err(|e| match e {
            grader::GradeError::Sandbox(runner::SandboxError::SourceTooLarge { size, limit }) => {
                ApiError::too_large(format!("the code is {size} bytes; the limit is {limit} bytes"))
            }
            other => ApiError::internal(other),
        })?;
    state.0.metrics.runs.inc();
    Ok(axum::Json(json!({ "load_error": load_error, "examples": examples })))
}

/// `POST /api/c/{token}/submissions`: stored at once, evaluated on the worker pool; 202 with its id.
pub async fn submit(State(state): State<AppState>, Path(raw): Path<String>, Body(body): Body<Source>) -> ApiResult<(StatusCode, axum::Json<Json>)> {
    let session = session_for(&state, &raw, Role::Candidate)?;
    check_size(&state, &body.source)?;
    throttle(&state, &state.0.submit_limit, session.id, "submissions")?;
    let permit = state.0.queue.try_reserve().map_err(|_| {
        state.0.metrics.throttled.inc();
        ApiError::too_many("the evaluation queue is full; try again shortly", 5)
    })?;
    let id = state.0.store.create_submission(session.id, &body.source)?;
    state.0.metrics.queue_depth.inc();
    permit.send(id);
    state.0.hub.publish(session.id, Event::Submission { id, status: "queued".into() });
    tracing::info!(submission = id, session = session.id, "submission accepted");
    Ok((StatusCode::ACCEPTED, axum::Json(json!({ "id": id, "status": "queued" }))))
}

fn sse(stream: impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static) -> Response {
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// The session's events until the service begins to stop: an open stream must not hold shutdown up.
fn event_stream(state: &AppState, session: i64, candidate: bool) -> impl Stream<Item = Result<SseEvent, Infallible>> + Send + 'static {
    let mut stopping = state.0.stopping.subscribe();
    let stopped = async move {
        let _ = stopping.wait_for(|s| *s).await;
    };
    let events = BroadcastStream::new(state.0.hub.subscribe(session)).filter_map(move |event| {
        let event = event.ok()?;
        if candidate && !event.for_candidate() {
            return None;
        }
        Some(Ok(SseEvent::default().json_data(&event).unwrap_or_default()))
    });
    futures_util::StreamExt::take_until(events, stopped)
}

/// `GET /api/c/{token}/events`: the candidate's submissions as they move.
pub async fn candidate_events(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<Response> {
    let session = session_for(&state, &raw, Role::Candidate)?;
    Ok(sse(event_stream(&state, session.id, true)))
}

/// `GET /api/i/{token}/events`: drafts, submissions and sheet saves as they happen.
pub async fn interviewer_events(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<Response> {
    let session = session_for(&state, &raw, Role::Interviewer)?;
    Ok(sse(event_stream(&state, session.id, false)))
}

/// `GET /api/i/{token}`: everything about the session.
pub async fn interviewer_view(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Interviewer)?;
    let problem = problem_of(&state, &session)?;
    let draft = state.0.store.latest_draft(session.id)?;
    let (sheet, computed) = current_sheet(&state, &session)?;
    Ok(axum::Json(json!({
        "session": session,
        "problem": public_problem(problem),
        "optimal": { "time": problem.optimal.time, "space": problem.optimal.space },
        "draft": draft,
        "drafts_saved": state.0.store.draft_count(session.id)?,
        "submissions": interviewer_submissions(&state, session.id)?,
        "sheet": sheet,
        "computed": computed,
        "thresholds": state.0.config.thresholds,
    })))
}

fn interviewer_submissions(state: &AppState, session: i64) -> ApiResult<Vec<Json>> {
    Ok(state
        .0
        .store
        .submissions(session)?
        .into_iter()
        .map(|s| {
            let report = s.report.as_deref().and_then(|r| serde_json::from_str::<Json>(r).ok());
            json!({ "id": s.id, "status": s.status, "source": s.source, "created_at": s.created_at,
                    "started_at": s.started_at, "finished_at": s.finished_at, "error": s.error, "report": report })
        })
        .collect())
}

/// `GET /api/i/{token}/submissions`: every submission with its full report.
pub async fn interviewer_submission_list(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Interviewer)?;
    Ok(axum::Json(json!({ "submissions": interviewer_submissions(&state, session.id)? })))
}

fn current_sheet(state: &AppState, session: &SessionRow) -> ApiResult<(Sheet, sheet::Computed)> {
    let history = state.0.store.sheet_history(session.id)?;
    let sheet: Sheet = history.last().and_then(|(s, _)| serde_json::from_str(s).ok()).unwrap_or_default();
    let computed = sheet::compute(&sheet, &session.level, &state.0.config.thresholds);
    Ok((sheet, computed))
}

/// `PUT /api/i/{token}/sheet`: saves a new version of the score sheet.
pub async fn save_sheet(State(state): State<AppState>, Path(raw): Path<String>, Body(sheet): Body<Sheet>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Interviewer)?;
    sheet::validate(&sheet).map_err(ApiError::bad_request)?;
    state.0.store.save_sheet(session.id, &serde_json::to_string(&sheet).map_err(ApiError::internal)?)?;
    state.0.hub.publish(session.id, Event::Sheet);
    let computed = sheet::compute(&sheet, &session.level, &state.0.config.thresholds);
    Ok(axum::Json(json!({ "sheet": sheet, "computed": computed })))
}

/// `GET /api/i/{token}/sheet/history`: every saved version.
pub async fn sheet_history(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Role::Interviewer)?;
    let versions: Vec<Json> = state
        .0
        .store
        .sheet_history(session.id)?
        .into_iter()
        .map(|(s, at)| json!({ "saved_at": at, "sheet": serde_json::from_str::<Json>(&s).unwrap_or(Json::Null) }))
        .collect();
    Ok(axum::Json(json!({ "versions": versions })))
}

/// `GET /api/i/{token}/export/{format}`: `json`, `csv` or `md`.
pub async fn export(State(state): State<AppState>, Path((raw, format)): Path<(String, String)>) -> ApiResult<Response> {
    let session = session_for(&state, &raw, Role::Interviewer)?;
    let (sheet, computed) = current_sheet(&state, &session)?;
    let title = format!("{} — {} ({})", session.candidate_name, session.problem, session.level);
    let last = state.0.store.submissions(session.id)?.into_iter().rev().find(|s| s.status == "done");
    let suggested = last.as_ref().and_then(|s| s.report.as_deref()).and_then(|r| serde_json::from_str::<Json>(r).ok());
    let file = |ext: &str| format!("attachment; filename=\"screen-{}.{ext}\"", session.id);
    Ok(match format.as_str() {
        "json" => {
            let body = json!({ "session": session, "sheet": sheet, "computed": computed,
                               "suggested_score": suggested.as_ref().map(|r| &r["score"]), "verdict": suggested.as_ref().map(|r| &r["verdict"]) });
            ([(header::CONTENT_TYPE, "application/json".to_string()), (header::CONTENT_DISPOSITION, file("json"))], body.to_string()).into_response()
        }
        "csv" => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, file("csv"))], sheet::to_csv(&sheet, &computed)).into_response(),
        "md" => ([(header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, file("md"))], sheet::to_markdown(&title, &sheet, &computed)).into_response(),
        other => return Err(ApiError::bad_request(format!("export format must be json, csv or md, not '{other}'"))),
    })
}
