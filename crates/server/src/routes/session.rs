//! The session a link opens, as extractors: `CandidateSession` and `InterviewerSession` read the path's
//! `{token}` and answer 404 for a link that names no session or the other person's, so a handler starts
//! from the session and links cannot be probed.

use crate::error::ApiError;
use crate::events::Viewer;
use crate::state::AppState;
use crate::store::SessionRow;
use crate::token;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use std::collections::HashMap;

/// The session of a candidate's link.
pub struct CandidateSession(pub SessionRow);

/// The session of an interviewer's link.
pub struct InterviewerSession(pub SessionRow);

impl FromRequestParts<AppState> for CandidateSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(CandidateSession(linked(parts, state, Viewer::Candidate).await?))
    }
}

impl FromRequestParts<AppState> for InterviewerSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(InterviewerSession(linked(parts, state, Viewer::Interviewer).await?))
    }
}

/// The session the path's `{token}` opens for `viewer`.
async fn linked(parts: &mut Parts, state: &AppState, viewer: Viewer) -> Result<SessionRow, ApiError> {
    let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state).await?;
    let raw = params.get("token").ok_or_else(|| ApiError::not_found("session"))?;
    session_for(state, raw, viewer).await
}

/// The session `raw` (a link's token) opens for `viewer`, or 404.
async fn session_for(state: &AppState, raw: &str, viewer: Viewer) -> Result<SessionRow, ApiError> {
    let (id, secret) = token::parse(raw).ok_or_else(|| ApiError::not_found("session"))?;
    let session = state.0.store.session(id).await?.ok_or_else(|| ApiError::not_found("session"))?;
    let expected = match viewer {
        Viewer::Candidate => &session.candidate_secret,
        Viewer::Interviewer => &session.interviewer_secret,
    };
    if token::same(secret, expected) { Ok(session) } else { Err(ApiError::not_found("session")) }
}
