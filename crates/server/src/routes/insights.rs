//! The operator's insights (behind the operator token): the figures for one problem and level over a
//! period, the sessions where the interviewer's score and the suggestion differ most (paged), and every
//! table as CSV; and, behind the interviewer link, the session's standing among the others.

use super::answers::CasePage;
use super::session::InterviewerSession;
use super::{ApiResult, Params, Path, operator};
use crate::error::ApiError;
use crate::insights::{self, CaseFigures, Query, Table};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use catalog::Level;
use serde::Deserialize;

/// `?problem=&level=&from=&to=` on every insights route.
#[derive(Deserialize)]
pub struct SliceParams {
    problem: String,
    level: Level,
    from: Option<i64>,
    to: Option<i64>,
    interviewer: Option<String>,
    limit: Option<i64>,
    offset: Option<i64>,
}

impl SliceParams {
    fn query(&self, state: &AppState) -> ApiResult<Query> {
        if state.0.catalog.get(&self.problem).is_err() {
            return Err(ApiError::bad_request(format!("unknown problem '{}'", self.problem)));
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(ApiError::bad_request("from must not be after to"));
        }
        Ok(Query { problem: self.problem.clone(), level: self.level, from: self.from, to: self.to })
    }
}

/// Brings the facts up to date with what changed since the last time.
async fn refreshed(state: &AppState) -> ApiResult<()> {
    insights::refresh(&state.0.store, &state.0.catalog, &state.0.config.thresholds).await?;
    Ok(())
}

/// `GET /api/insights` (operator token): every figure of the page for one problem and level.
pub async fn figures(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(params): Params<SliceParams>,
) -> ApiResult<axum::Json<insights::Insights>> {
    operator(&state, &headers)?;
    let query = params.query(&state)?;
    refreshed(&state).await?;
    Ok(axum::Json(insights::compute(&state.0.store, &state.0.catalog, &state.0.questions, &query).await?))
}

/// `GET /api/insights/cases` (operator token): sessions with both scores, the largest difference first,
/// for one interviewer (`interviewer=`, empty for sessions without a name) or all; `limit` (default 10,
/// at most 200) after `offset`.
pub async fn cases(
    State(state): State<AppState>,
    headers: HeaderMap,
    Params(params): Params<SliceParams>,
) -> ApiResult<axum::Json<CasePage<CaseFigures>>> {
    operator(&state, &headers)?;
    let query = params.query(&state)?;
    let limit = params.limit.unwrap_or(insights::CASES_SHOWN);
    if !(1..=200).contains(&limit) {
        return Err(ApiError::bad_request("limit must be between 1 and 200"));
    }
    let offset = params.offset.unwrap_or(0);
    if offset < 0 {
        return Err(ApiError::bad_request("offset must not be negative"));
    }
    refreshed(&state).await?;
    let (cases, more) =
        state.0.store.differing_cases(&query.slice(), params.interviewer.as_deref(), limit, offset).await?;
    let cases: Vec<CaseFigures> = cases.iter().map(CaseFigures::of).collect();
    Ok(axum::Json(CasePage { cases, has_more: more, next_offset: more.then_some(offset.saturating_add(limit)) }))
}

/// `GET /api/insights/export/{table}` (operator token): one table of the page as CSV.
pub async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(table): Path<String>,
    Params(params): Params<SliceParams>,
) -> ApiResult<Response> {
    operator(&state, &headers)?;
    let table = Table::parse(&table).ok_or_else(|| {
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.as_str()).collect();
        ApiError::bad_request(format!("the tables are {}, not '{table}'", names.join(", ")))
    })?;
    let query = params.query(&state)?;
    refreshed(&state).await?;
    let figures = insights::compute(&state.0.store, &state.0.catalog, &state.0.questions, &query).await?;
    let cases = if table == Table::Cases {
        let (all, _) = state.0.store.differing_cases(&query.slice(), None, i64::MAX - 1, 0).await?;
        all.iter().map(CaseFigures::of).collect()
    } else {
        Vec::new()
    };
    let text = insights::csv(&figures, table, &cases).map_err(ApiError::internal)?;
    let file =
        format!("attachment; filename=\"insights-{}-{}-{}.csv\"", query.problem, query.level.as_str(), table.as_str());
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, file)], text)
        .into_response())
}

/// `GET /api/i/{token}/standing`: where the session's suggested score stands among the other sessions
/// of its problem and level (`better_than` only past the threshold). The interviewer's only.
pub async fn standing(
    State(state): State<AppState>,
    InterviewerSession(session): InterviewerSession,
) -> ApiResult<axum::Json<insights::Standing>> {
    let standing = insights::standing(&state.0.store, &state.0.catalog, &state.0.config.thresholds, &session).await?;
    Ok(axum::Json(standing))
}
