//! The operator's list of sessions (for the start page): newest first, in pages, each with its stage,
//! decision and both links.

use super::answers::SessionList;
use super::{ApiResult, Params, operator};
use crate::error::ApiError;
use crate::links::{self, Links};
use crate::model::Stage;
use crate::sheet::{self, Sheet};
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

/// `?limit=&before=` on the list.
#[derive(Deserialize, Default)]
pub struct SessionPaging {
    before: Option<i64>,
    limit: Option<i64>,
}

/// `GET /api/sessions` (operator token): sessions newest first, at most `limit` (default 50, at most
/// 200) older than `before`; `has_more` and `next_before` lead to the next page.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(paging): Params<SessionPaging>,
) -> ApiResult<axum::Json<SessionList<Listed>>> {
    operator(&state, &headers)?;
    let limit = paging.limit.unwrap_or(state.0.config.page_size);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::bad_request("limit must be between 1 and 200"));
    }
    let (rows, more) = state.0.store.sessions(paging.before, limit).await?;
    let base = links::base(state.0.config.public_url.as_ref(), &headers);
    let sessions = rows
        .iter()
        .map(|row| {
            let s = &row.session;
            let sheet: Sheet = row.sheet.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
            let computed = sheet::compute(&sheet, s.level, &state.0.config.thresholds);
            let title = state.0.catalog.get(&s.problem).map(|p| p.title.clone()).unwrap_or_else(|_| s.problem.clone());
            Listed {
                id: s.id,
                candidate_name: s.candidate_name.clone(),
                level: s.level,
                problem: s.problem.clone(),
                problem_title: title,
                created_at: s.created_at,
                stage: Stage::of(row.drafts, row.latest),
                submissions: row.submissions,
                final_decision: sheet.final_decision,
                computed_decision: computed.decision,
                result: row.graded.as_deref().and_then(|t| result_of(s.id, t)),
                links: Links::of(s, &base),
            }
        })
        .collect();
    let next_before = if more { rows.last().map(|r| r.session.id) } else { None };
    Ok(axum::Json(SessionList { sessions, has_more: more, next_before }))
}

/// A session in the operator's list: who, which problem, how far it has come, its decision, its latest
/// result and both links.
#[derive(Serialize)]
pub struct Listed {
    id: i64,
    candidate_name: String,
    level: catalog::Level,
    problem: String,
    problem_title: String,
    created_at: i64,
    stage: Stage,
    submissions: i64,
    final_decision: Option<sheet::Decision>,
    computed_decision: sheet::Decision,
    result: Option<LatestResult>,
    links: Links,
}

/// The latest graded submission's verdict and hidden-test counts.
#[derive(Serialize)]
pub struct LatestResult {
    verdict: grader::Verdict,
    passed: usize,
    total: usize,
}

/// The result, read from the latest graded submission's candidate view (stored for the session `id`).
fn result_of(id: i64, graded: &str) -> Option<LatestResult> {
    let view: grader::CandidateView = crate::reports::read(id, graded)?;
    Some(LatestResult { verdict: view.verdict, passed: view.passed, total: view.total })
}
