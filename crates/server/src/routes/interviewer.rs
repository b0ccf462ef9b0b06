//! The interviewer link: everything about the session, the submissions with their full reports (paged,
//! or as changes), live events, the score sheet with its history, the exports, the candidate's timeline
//! for playback, and scratch runs of the candidate's code on the interviewer's own input.

use super::answers::{
    CodeUsed, InterviewerPage, OptimalShown, Playback, Scratched, SheetSaved, SheetVersion, SheetVersions, Timeline,
    TimelineDraft,
};
use super::limits::{admit_run, throttle};
use super::session::InterviewerSession;
use super::{
    ApiResult, Body, Paging, Params, Path, SubmissionFields, SubmissionPage, event_stream, problem_of, public_problem,
    scratch_input, submission_page,
};
use crate::error::ApiError;
use crate::events::{Event, Viewer};
use crate::export::{Export, Sources};
use crate::reports;
use crate::sheet::{self, Sheet};
use crate::state::AppState;
use crate::store::{DraftRow, Page, SessionRow, SubmissionRow};
use crate::timeline::TimelineEvent;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use grader::ScratchError;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// A submission as the interviewer sees it: the row and its full report.
#[derive(Serialize)]
pub struct Shown {
    #[serde(flatten)]
    fields: SubmissionFields,
    started_at: Option<i64>,
    /// A fault of the service, if grading failed.
    error: Option<String>,
    /// The full report, once graded.
    report: Option<grader::Report>,
}

fn shown(s: &SubmissionRow) -> Shown {
    Shown {
        fields: SubmissionFields::of(s),
        started_at: s.started_at,
        error: s.error.clone(),
        report: reports::full(s),
    }
}

/// `GET /api/i/{token}`: everything about the session (the newest page of submissions).
pub async fn view(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
) -> ApiResult<Response> {
    let problem = problem_of(&state, &session)?;
    let draft = state.0.store.latest_draft(session.id).await?;
    let (sheet, computed) = current_sheet(&state, &session).await?;
    let page = submission_page(&state, session.id, &Paging::default(), shown).await?;
    Ok(axum::Json(InterviewerPage {
        session: &session,
        problem: public_problem(problem),
        optimal: OptimalShown { time: problem.optimal.time, space: &problem.optimal.space },
        draft,
        drafts_saved: state.0.store.draft_count(session.id).await?,
        submissions: page.submissions,
        has_more: page.has_more,
        sheet,
        computed,
        thresholds: state.0.config.thresholds,
    })
    .into_response())
}

/// `GET /api/i/{token}/submissions`: submissions with their full reports, newest page first or as
/// changes since a time.
pub async fn submissions(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
    Params(paging): Params<Paging>,
) -> ApiResult<axum::Json<SubmissionPage<Shown>>> {
    Ok(axum::Json(submission_page(&state, session.id, &paging, shown).await?))
}

/// `GET /api/i/{token}/events`: drafts, submissions and sheet saves as they happen.
pub async fn events(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
) -> ApiResult<Response> {
    event_stream(&state, session.id, Viewer::Interviewer)
}

async fn current_sheet(state: &AppState, session: &SessionRow) -> ApiResult<(Sheet, sheet::Computed)> {
    let latest = state.0.store.latest_sheet(session.id).await?;
    let sheet: Sheet = latest.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    let computed = sheet::compute(&sheet, session.level, &state.0.config.thresholds);
    Ok((sheet, computed))
}

/// `PUT /api/i/{token}/sheet`: saves a new version of the score sheet; the body must be an object.
pub async fn save_sheet(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
    Body(body): Body<Json>,
) -> ApiResult<axum::Json<SheetSaved>> {
    if !body.is_object() {
        return Err(ApiError::bad_request("the score sheet is a JSON object"));
    }
    let sheet: Sheet =
        serde_json::from_value(body).map_err(|e| ApiError::bad_request(format!("malformed score sheet: {e}")))?;
    sheet::validate(&sheet)?;
    state.0.store.save_sheet(session.id, &serde_json::to_string(&sheet).map_err(ApiError::internal)?).await?;
    state.0.bus.publish(&state.0.store, session.id, Event::Sheet).await;
    let computed = sheet::compute(&sheet, session.level, &state.0.config.thresholds);
    Ok(axum::Json(SheetSaved { sheet, computed }))
}

/// `GET /api/i/{token}/sheet/history`: every saved version.
pub async fn sheet_history(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
) -> ApiResult<axum::Json<SheetVersions>> {
    let versions = state
        .0
        .store
        .sheet_history(session.id)
        .await?
        .into_iter()
        .map(|(s, at)| SheetVersion { saved_at: at, sheet: serde_json::from_str(&s).ok() })
        .collect();
    Ok(axum::Json(SheetVersions { versions }))
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ExportFormat {
    Json,
    Csv,
    Markdown,
    Feedback,
}

impl ExportFormat {
    fn parse(text: &str) -> Option<ExportFormat> {
        Some(match text {
            "json" => ExportFormat::Json,
            "csv" => ExportFormat::Csv,
            "md" => ExportFormat::Markdown,
            "feedback" => ExportFormat::Feedback,
            _ => return None,
        })
    }

    /// (content type, file extension).
    fn file(self) -> (&'static str, &'static str) {
        match self {
            ExportFormat::Json => ("application/json", "json"),
            ExportFormat::Csv => ("text/csv; charset=utf-8", "csv"),
            ExportFormat::Markdown => ("text/markdown; charset=utf-8", "md"),
            ExportFormat::Feedback => ("text/plain; charset=utf-8", "txt"),
        }
    }
}

/// `GET /api/i/{token}/export/{format}`: `json`, `csv`, `md`, or `feedback` (the draft for the candidate).
pub async fn export(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
    Path((_, format)): Path<(String, String)>,
) -> ApiResult<Response> {
    let format = ExportFormat::parse(&format).ok_or_else(|| {
        ApiError::bad_request(format!("export format must be json, csv, md or feedback, not '{format}'"))
    })?;
    let (sheet, computed) = current_sheet(&state, &session).await?;
    let problem = problem_of(&state, &session)?;
    let (submissions, _) = state.0.store.submissions(session.id, crate::store::Page::default()).await?;
    let draft = state.0.store.latest_draft(session.id).await?;
    let events = timeline_events(&state.0.store, session.id).await?;
    let export = Export::build(&Sources {
        session: &session,
        problem,
        bank: &state.0.questions,
        sheet: &sheet,
        computed: &computed,
        submissions: &submissions,
        draft: draft.as_ref(),
        events: &events,
        now: crate::store::now_ms(),
    });
    let body = match format {
        ExportFormat::Json => serde_json::to_string(&export).map_err(ApiError::internal)?,
        ExportFormat::Csv => crate::export::to_csv(&export).map_err(ApiError::internal)?,
        ExportFormat::Markdown => crate::export::to_markdown(&export),
        ExportFormat::Feedback => export.feedback,
    };
    let (kind, ext) = format.file();
    let name = if format == ExportFormat::Feedback { "feedback" } else { "screen" };
    let disposition = format!("attachment; filename=\"{name}-{}.{ext}\"", session.id);
    Ok(([(header::CONTENT_TYPE, kind.to_string()), (header::CONTENT_DISPOSITION, disposition)], body).into_response())
}

/// Source text the timeline sends at most; older versions beyond it are sent without their code.
const TIMELINE_SOURCE_BYTES: usize = 8 << 20;
/// Submissions the timeline shows at most (the newest).
const TIMELINE_SUBMISSIONS: i64 = 500;

/// `GET /api/i/{token}/timeline`: the whole call for playback: every draft version with its time, the
/// timeline's events (Runs, pastes, time away) in time order, and every submission with its verdict,
/// score and measured class.
pub async fn timeline(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
) -> ApiResult<axum::Json<Timeline<Submitted>>> {
    let store = &state.0.store;
    let mut budget = TIMELINE_SOURCE_BYTES;
    let mut drafts: Vec<TimelineDraft> = store
        .drafts(session.id)
        .await?
        .into_iter()
        .rev()
        .map(|d| {
            let kept = d.source.len() <= budget;
            budget = budget.saturating_sub(d.source.len());
            TimelineDraft { id: d.id, saved_at: d.saved_at, source: kept.then_some(d.source) }
        })
        .collect();
    drafts.reverse();
    let events = timeline_events(store, session.id).await?;
    let page = Page { before: None, changed_since: None, limit: Some(TIMELINE_SUBMISSIONS) };
    let (rows, _) = store.submissions(session.id, page).await?;
    let numbers = store.submission_numbers(session.id).await?;
    let submissions: Vec<Submitted> = rows.iter().map(|s| submitted(s, numbers.get(&s.id).copied())).collect();
    let policy = state.0.config.drafts;
    Ok(axum::Json(Timeline {
        started_at: session.created_at,
        now: crate::store::now_ms(),
        drafts,
        events,
        submissions,
        playback: Playback { coalesce_seconds: policy.coalesce_ms as f64 / 1e3, max_versions: policy.max_rows },
    }))
}

/// A submission on the timeline: when, and what its report says first.
#[derive(Serialize)]
pub struct Submitted {
    id: i64,
    /// Its number in the session.
    number: Option<i64>,
    status: crate::model::Status,
    created_at: i64,
    finished_at: Option<i64>,
    verdict: Option<grader::Verdict>,
    score: Option<u8>,
    time: Option<grader::Measured>,
    algorithm: Option<grader::Algorithm>,
    summary: Option<grader::Summary>,
}

fn submitted(s: &SubmissionRow, number: Option<i64>) -> Submitted {
    let report = reports::full(s);
    Submitted {
        id: s.id,
        number,
        status: s.status,
        created_at: s.created_at,
        finished_at: s.finished_at,
        verdict: report.as_ref().map(|r| r.verdict),
        score: report.as_ref().map(|r| r.summary.score),
        time: report.as_ref().and_then(|r| Some(r.complexity.as_ref()?.time)),
        algorithm: report.as_ref().and_then(|r| Some(r.rate_limiter.as_ref()?.algorithm)),
        summary: report.map(|r| r.summary),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScratchBody {
    input: String,
}

/// `POST /api/i/{token}/scratch`: the candidate's latest code (the newer of the latest draft and the
/// latest submission) on the interviewer's input, beside the reference's answer, which the candidate never
/// sees. Under a Run's fuel, in the same fair Run slots; the interviewer's place is apart from the
/// candidate's, so neither waits for the other's Run.
pub async fn scratch(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
    Body(body): Body<ScratchBody>,
) -> ApiResult<axum::Json<Scratched>> {
    let problem = problem_of(&state, &session)?.clone();
    let input = scratch_input(&problem, &body.input)?;
    let draft = state.0.store.latest_draft(session.id).await?;
    let page = Page { before: None, changed_since: None, limit: Some(1) };
    let submission = state.0.store.submissions(session.id, page).await?.0.pop();
    let code = match (draft, submission) {
        (Some(d), Some(s)) if s.created_at > d.saved_at => Code::Submission(s),
        (Some(d), _) => Code::Draft(d),
        (None, Some(s)) => Code::Submission(s),
        (None, None) => return Err(ApiError::bad_request("the candidate has written no code yet")),
    };
    throttle(&state.0.scratch_limit, session.id, "scratch runs")?;
    // Negative: the interviewer's place in line is never the candidate's.
    let place = admit_run(&state, -session.id, "a scratch run is still going; wait for its answer")?;
    let _slot = place.slot().await;
    let grader = state.0.grader.clone();
    let fuel = state.0.config.run_fuel.max(1);
    let source = code.source().to_string();
    let result = tokio::task::spawn_blocking(move || grader.scratch(&problem, &source, &input, fuel)).await?.map_err(
        // The interviewer may read what the reference said of the input.
        |e| match e {
            ScratchError::Reference { .. } => ApiError::bad_request(e.to_string()),
            other => other.into(),
        },
    )?;
    state.0.metrics.runs.inc();
    let mut described = code.describe();
    if let Code::Submission(s) = &code {
        let numbers = state.0.store.submission_numbers(session.id).await?;
        described.number = numbers.get(&s.id).copied();
    }
    Ok(axum::Json(Scratched { code: described, result }))
}

/// The code a scratch run uses.
enum Code {
    Draft(DraftRow),
    Submission(SubmissionRow),
}

impl Code {
    fn source(&self) -> &str {
        match self {
            Code::Draft(d) => &d.source,
            Code::Submission(s) => &s.source,
        }
    }

    fn describe(&self) -> CodeUsed {
        match self {
            Code::Draft(d) => CodeUsed { from: "draft", id: d.id, at: d.saved_at, number: None },
            Code::Submission(s) => CodeUsed { from: "submission", id: s.id, at: s.created_at, number: None },
        }
    }
}

/// The session's timeline events, typed; one that does not read is a corrupt store.
async fn timeline_events(store: &crate::store::Store, session: i64) -> ApiResult<Vec<TimelineEvent>> {
    let rows = store.events(session).await?;
    let events = rows.iter().map(TimelineEvent::from_row).collect::<Result<Vec<_>, _>>();
    events.map_err(|e| ApiError::from(crate::store::StoreError::from(e)))
}
