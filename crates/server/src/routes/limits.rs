//! Refusals with 429, each written once: a link's rate of saves, Runs, reports, submissions and scratch
//! runs (`throttle`), and a place in line for a Run slot (`admit_run`). Every 429 is counted once, by
//! the router's layer that counts refusals, never here.

use super::ApiResult;
use crate::error::ApiError;
use crate::runs::{Admitted, Refused};
use crate::state::AppState;
use governor::DefaultKeyedRateLimiter;
use governor::clock::{Clock, DefaultClock};

/// Admits one more `what` for `key` (a session's id) under `limiter`, or a 429 with the seconds to wait.
pub(crate) fn throttle(limiter: &DefaultKeyedRateLimiter<i64>, key: i64, what: &str) -> ApiResult<()> {
    limiter.check_key(&key).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        ApiError::too_many(format!("too many {what}; try again shortly"), wait.as_secs() + 1)
    })
}

/// A place in line for a Run slot, for `key` (a session's id; the interviewer's runs use its negative),
/// or a 429 saying why not: `busy` when that key's last run is still going.
pub(crate) fn admit_run(state: &AppState, key: i64, busy: &str) -> ApiResult<Admitted> {
    state.0.runs.admit(key).map_err(|why| match why {
        Refused::Busy => ApiError::too_many(busy, 1),
        Refused::Full => ApiError::too_many("every Run slot is busy; try again shortly", 2),
    })
}

/// Counts every answer refused with 429, whichever part of the service refused it: the router's layer.
pub(crate) async fn count_refusals(
    axum::extract::State(state): axum::extract::State<AppState>,
    response: axum::response::Response,
) -> axum::response::Response {
    if response.status() == axum::http::StatusCode::TOO_MANY_REQUESTS {
        state.0.metrics.throttled.inc();
    }
    response
}
