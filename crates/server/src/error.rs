//! One error shape for every failure: `{"error": {"code": "...", "message": "..."}}` with the right status.
//! A fault of the service keeps its cause beside the answer (never in it), and the router's layer
//! (`log_faults`) logs it once: constructors log nothing.

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
    /// What went wrong inside the service, for the log only.
    cause: Option<String>,
}

/// A fault's cause, carried beside the answer to the layer that logs it.
#[derive(Debug, Clone)]
struct Cause(String);

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into(), retry_after: None, cause: None }
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
        ApiError {
            retry_after: Some(5),
            cause: Some(format!("storage failed: {cause}")),
            ..ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "storage is unavailable; try again shortly")
        }
    }

    /// 500: a fault of the service.
    pub fn internal(message: impl std::fmt::Display) -> ApiError {
        ApiError {
            cause: Some(message.to_string()),
            ..ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the service failed; the request was not completed",
            )
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": { "code": self.code, "message": self.message } });
        let mut response = (self.status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if let Some(cause) = self.cause {
            response.extensions_mut().insert(Cause(cause));
        }
        response
    }
}

/// Logs the cause of every answer that failed inside the service: the router's layer.
pub(crate) async fn log_faults(response: Response) -> Response {
    if let Some(Cause(cause)) = response.extensions().get::<Cause>() {
        tracing::error!(status = response.status().as_u16(), error = %cause, "answered with a fault of the service");
    }
    response
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
        match e.source_too_large() {
            Some((size, limit)) => ApiError::too_large(format!("the code is {size} bytes; the limit is {limit} bytes")),
            None => ApiError::internal(e),
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

/// A score sheet the service does not store is the request's (400).
impl From<crate::sheet::BadSheet> for ApiError {
    fn from(e: crate::sheet::BadSheet) -> ApiError {
        ApiError::bad_request(e.to_string())
    }
}

/// So is a page's report outside what a page reports.
impl From<crate::timeline::BadReport> for ApiError {
    fn from(e: crate::timeline::BadReport) -> ApiError {
        ApiError::bad_request(e.to_string())
    }
}

/// Blocking work that panicked or was cancelled is a fault of the service.
impl From<tokio::task::JoinError> for ApiError {
    fn from(e: tokio::task::JoinError) -> ApiError {
        ApiError::internal(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_keeps_its_cause_beside_the_answer_and_never_in_it() {
        let response = ApiError::internal("disk on fire").into_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(response.extensions().get::<Cause>().map(|c| c.0.as_str()), Some("disk on fire"));
        let refused = ApiError::bad_request("no").into_response();
        assert!(refused.extensions().get::<Cause>().is_none());
    }

    #[test]
    fn code_over_the_size_limit_is_the_requests_fault_and_a_broken_reference_the_services() {
        let large = grader::GradeError::Sandbox(runner::SandboxError::SourceTooLarge { size: 9, limit: 8 });
        assert_eq!(ApiError::from(large).status, StatusCode::PAYLOAD_TOO_LARGE);
        let broken =
            grader::GradeError::Reference { problem: "p".into(), input: "[]".into(), outcome: "crashed".into() };
        assert_eq!(ApiError::from(broken).status, StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[tokio::test]
    async fn the_answer_shows_no_cause() {
        let response = log_faults(ApiError::internal("disk on fire").into_response()).await;
        let body = http_body_util::BodyExt::collect(response.into_body()).await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert!(text.contains("\"internal\"") && !text.contains("disk"), "{text}");
    }
}
