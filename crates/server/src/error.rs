//! One error shape for every failure: `{"error": {"code": "...", "message": "..."}}` with the right status.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An API failure.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<u64>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), retry_after: None }
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401: the operator token is missing or wrong.
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "a valid operator token is required (Authorization: Bearer <token>)",
        )
    }

    /// 404: no such thing (also for a wrong link, so links cannot be probed).
    pub fn not_found(what: &str) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", format!("{what} not found"))
    }

    /// 413: over a size cap.
    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", message)
    }

    /// 429: slow down, with the seconds to wait.
    pub fn too_many(message: impl Into<String>, retry_after: u64) -> ApiError {
        ApiError {
            retry_after: Some(retry_after.max(1)),
            ..ApiError::new(StatusCode::TOO_MANY_REQUESTS, "too_many_requests", message)
        }
    }

    /// 503: the database is not answering or refused a write; nothing was half-done (every write is one
    /// transaction), so the request can be sent again.
    pub fn unavailable(cause: &crate::store::StoreError) -> ApiError {
        tracing::error!(error = %cause, "storage failed; answered 503");
        ApiError {
            retry_after: Some(5),
            ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "storage is unavailable; try again shortly")
        }
    }

    /// 500: a fault of the service.
    pub fn internal(message: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %message, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the service failed; the request was not completed",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message } });
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

impl From<crate::store::StoreError> for ApiError {
    fn from(e: crate::store::StoreError) -> ApiError {
        ApiError::unavailable(&e)
    }
}

/// A path that does not decode (invalid UTF-8 in a link's percent-escapes) names nothing: 404, as any
/// wrong link, in the one error shape.
impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(_: axum::extract::rejection::PathRejection) -> ApiError {
        ApiError::not_found("session")
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(e: axum::extract::rejection::JsonRejection) -> ApiError {
        match e {
            axum::extract::rejection::JsonRejection::BytesRejection(b)
                if b.status() == StatusCode::PAYLOAD_TOO_LARGE =>
            {
                ApiError::too_large("the request body is over the size limit")
            }
            other => ApiError::bad_request(format!("malformed JSON body: {}", other.body_text())),
        }
    }
}

/// The grader's faults: code over the size limit is the request's (413); anything else is the service's.
impl From<grader::GradeError> for ApiError {
    fn from(e: grader::GradeError) -> ApiError {
        match e {
            grader::GradeError::Sandbox(runner::SandboxError::SourceTooLarge { size, limit }) => {
                ApiError::too_large(format!("the code is {size} bytes; the limit is {limit} bytes"))
            }
            other => ApiError::internal(other),
        }
    }
}

/// A scratch input that does not read, or that the reference does not take, is the request's (400). The
/// reference's own words name the type it expects, so they stay out: a route that may show them (the
/// interviewer's) says so itself.
impl From<grader::ScratchError> for ApiError {
    fn from(e: grader::ScratchError) -> ApiError {
        match e {
            grader::ScratchError::Input(_) => ApiError::bad_request(e.to_string()),
            grader::ScratchError::Reference { .. } => {
                ApiError::bad_request("this input does not fit what the function takes; check it against the signature")
            }
            grader::ScratchError::Grade(e) => e.into(),
        }
    }
}

/// Blocking work that panicked or was cancelled is a fault of the service.
impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        ApiError::internal(e)
    }
}
