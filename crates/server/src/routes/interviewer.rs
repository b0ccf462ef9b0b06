//! The interviewer link: everything about the session, the submissions with their full reports (paged,
//! or as changes), live events, the score sheet with its history, and the exports.

use super::{ApiResult, Body, Paging, Params, event_stream, problem_of, public_problem, session_for, submission_page};
use crate::error::ApiError;
use crate::events::{Event, Viewer};
use crate::sheet::{self, Sheet};
use crate::state::AppState;
use crate::store::{SessionRow, SubmissionRow};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Value as Json, json};

fn shown(s: &SubmissionRow) -> Json {
    let report = s.report.as_deref().and_then(|r| serde_json::from_str::<Json>(r).ok());
    json!({ "id": s.id, "status": s.status, "source": s.source, "created_at": s.created_at,
            "started_at": s.started_at, "finished_at": s.finished_at, "error": s.error, "report": report })
}

/// `GET /api/i/{token}`: everything about the session (the newest page of submissions).
pub async fn view(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Viewer::Interviewer).await?;
    let problem = problem_of(&state, &session)?;
    let draft = state.0.store.latest_draft(session.id).await?;
    let (sheet, computed) = current_sheet(&state, &session).await?;
    let page = submission_page(&state, session.id, &Paging::default(), shown).await?;
    Ok(axum::Json(json!({
        "session": session,
        "problem": public_problem(problem),
        "optimal": { "time": problem.optimal.time, "space": problem.optimal.space },
        "draft": draft,
        "drafts_saved": state.0.store.draft_count(session.id).await?,
        "submissions": page["submissions"],
        "has_more": page["has_more"],
        "sheet": sheet,
        "computed": computed,
        "thresholds": state.0.config.thresholds,
    })))
}

/// `GET /api/i/{token}/submissions`: submissions with their full reports, newest page first or as
/// changes since a time.
pub async fn submissions(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    Params(paging): Params<Paging>,
) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Viewer::Interviewer).await?;
    Ok(axum::Json(submission_page(&state, session.id, &paging, shown).await?))
}

/// `GET /api/i/{token}/events`: drafts, submissions and sheet saves as they happen.
pub async fn events(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<Response> {
    let session = session_for(&state, &raw, Viewer::Interviewer).await?;
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
    Path(raw): Path<String>,
    Body(body): Body<Json>,
) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Viewer::Interviewer).await?;
    if !body.is_object() {
        return Err(ApiError::bad_request("the score sheet is a JSON object"));
    }
    let sheet: Sheet =
        serde_json::from_value(body).map_err(|e| ApiError::bad_request(format!("malformed score sheet: {e}")))?;
    sheet::validate(&sheet).map_err(ApiError::bad_request)?;
    state.0.store.save_sheet(session.id, &serde_json::to_string(&sheet).map_err(ApiError::internal)?).await?;
    state.0.bus.publish(&state.0.store, session.id, Event::Sheet).await;
    let computed = sheet::compute(&sheet, session.level, &state.0.config.thresholds);
    Ok(axum::Json(json!({ "sheet": sheet, "computed": computed })))
}

/// `GET /api/i/{token}/sheet/history`: every saved version.
pub async fn sheet_history(State(state): State<AppState>, Path(raw): Path<String>) -> ApiResult<axum::Json<Json>> {
    let session = session_for(&state, &raw, Viewer::Interviewer).await?;
    let versions: Vec<Json> = state
        .0
        .store
        .sheet_history(session.id)
        .await?
        .into_iter()
        .map(|(s, at)| json!({ "saved_at": at, "sheet": serde_json::from_str::<Json>(&s).unwrap_or(Json::Null) }))
        .collect();
    Ok(axum::Json(json!({ "versions": versions })))
}

/// `GET /api/i/{token}/export/{format}`: `json`, `csv` or `md`.
pub async fn export(State(state): State<AppState>, Path((raw, format)): Path<(String, String)>) -> ApiResult<Response> {
    let session = session_for(&state, &raw, Viewer::Interviewer).await?;
    if !["json", "csv", "md"].contains(&format.as_str()) {
        return Err(ApiError::bad_request(format!("export format must be json, csv or md, not '{format}'")));
    }
    let (sheet, computed) = current_sheet(&state, &session).await?;
    let title =
        format!("{} — {} ({})", session.candidate_name, session.problem, crate::model::level_str(session.level));
    let last = state.0.store.latest_done(session.id).await?;
    let suggested = last.as_ref().and_then(|s| s.report.as_deref()).and_then(|r| serde_json::from_str::<Json>(r).ok());
    let file = |ext: &str| format!("attachment; filename=\"screen-{}.{ext}\"", session.id);
    Ok(match format.as_str() {
        "json" => {
            let body = json!({ "session": session, "sheet": sheet, "computed": computed,
                               "suggested_score": suggested.as_ref().map(|r| &r["score"]), "verdict": suggested.as_ref().map(|r| &r["verdict"]) });
            (
                [(header::CONTENT_TYPE, "application/json".to_string()), (header::CONTENT_DISPOSITION, file("json"))],
                body.to_string(),
            )
                .into_response()
        }
        "csv" => (
            [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, file("csv"))],
            sheet::to_csv(&sheet, &computed),
        )
            .into_response(),
        _ => (
            [
                (header::CONTENT_TYPE, "text/markdown; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, file("md")),
            ],
            sheet::to_markdown(&title, &sheet, &computed),
        )
            .into_response(),
    })
}
