//! Reference models of the standard algorithms, for `limit` per `window`. A model is known by its
//! identity (the variant), never by its name: two models can share an algorithm's name.

use super::trace::Run;
use crate::report::Algorithm;
use std::collections::{HashMap, VecDeque};

/// One model of a standard algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Model {
    /// Windows aligned to multiples of the window length.
    FixedWindow,
    /// A fixed window that starts at the key's first request instead of at multiples of the window.
    AnchoredWindow,
    /// Admitted times, counted over the last window: the exact sliding count.
    SlidingLog,
    /// The previous window's count weighted by overlap, plus the current one's.
    SlidingWindowCounter,
    /// Tokens refilled at `limit` per window, up to `limit`.
    TokenBucket,
}

impl Model {
    /// Every model, in the order they are tried.
    pub const ALL: [Model; 5] =
        [Model::FixedWindow, Model::AnchoredWindow, Model::SlidingLog, Model::SlidingWindowCounter, Model::TokenBucket];

    /// The algorithm this model is an instance of.
    pub fn algorithm(self) -> Algorithm {
        match self {
            Model::FixedWindow | Model::AnchoredWindow => Algorithm::FixedWindow,
            Model::SlidingLog => Algorithm::SlidingLog,
            Model::SlidingWindowCounter => Algorithm::SlidingWindowCounter,
            Model::TokenBucket => Algorithm::TokenBucket,
        }
    }

    /// The model's decision on each request of a fresh limiter.
    pub fn decide(self, run: &Run) -> Vec<bool> {
        match self {
            Model::FixedWindow => fixed_window(run),
            Model::AnchoredWindow => anchored_window(run),
            Model::SlidingLog => sliding_log(run),
            Model::SlidingWindowCounter => sliding_window_counter(run),
            Model::TokenBucket => token_bucket(run),
        }
    }
}

fn fixed_window(run: &Run) -> Vec<bool> {
    let mut state: HashMap<&str, (i64, i64)> = HashMap::new();
    run.requests
        .iter()
        .map(|(key, now)| {
            let id = (now / run.window).floor() as i64;
            let entry = state.entry(key).or_insert((id, 0));
            if entry.0 != id {
                *entry = (id, 0);
            }
            entry.1 += 1;
            entry.1 <= run.limit
        })
        .collect()
}

fn anchored_window(run: &Run) -> Vec<bool> {
    let mut state: HashMap<&str, (f64, i64)> = HashMap::new();
    run.requests
        .iter()
        .map(|(key, now)| {
            let entry = state.entry(key).or_insert((*now, 0));
            if now - entry.0 >= run.window {
                *entry = (*now, 0);
            }
            entry.1 += 1;
            entry.1 <= run.limit
        })
        .collect()
}

fn sliding_log(run: &Run) -> Vec<bool> {
    let mut logs: HashMap<&str, VecDeque<f64>> = HashMap::new();
    run.requests
        .iter()
        .map(|(key, now)| {
            let log = logs.entry(key).or_default();
            while log.front().is_some_and(|t| now - t >= run.window) {
                log.pop_front();
            }
            let ok = (log.len() as i64) < run.limit;
            if ok {
                log.push_back(*now);
            }
            ok
        })
        .collect()
}

fn sliding_window_counter(run: &Run) -> Vec<bool> {
    let mut state: HashMap<&str, (i64, f64, f64)> = HashMap::new();
    run.requests
        .iter()
        .map(|(key, now)| {
            let id = (now / run.window).floor() as i64;
            let (win, prev, cur) = state.entry(key).or_insert((id, 0.0, 0.0));
            if *win != id {
                *prev = if id == *win + 1 { *cur } else { 0.0 };
                *cur = 0.0;
                *win = id;
            }
            let elapsed = (now - id as f64 * run.window) / run.window;
            let estimate = *prev * (1.0 - elapsed) + *cur;
            let ok = estimate < run.limit as f64 - 1e-9;
            if ok {
                *cur += 1.0;
            }
            ok
        })
        .collect()
}

fn token_bucket(run: &Run) -> Vec<bool> {
    let cap = run.limit as f64;
    let rate = cap / run.window;
    let mut state: HashMap<&str, (f64, f64)> = HashMap::new();
    run.requests
        .iter()
        .map(|(key, now)| {
            let (tokens, last) = state.entry(key).or_insert((cap, *now));
            *tokens = (*tokens + (now - *last) * rate).min(cap);
            *last = *now;
            let ok = *tokens >= 1.0 - 1e-9;
            if ok {
                *tokens -= 1.0;
            }
            ok
        })
        .collect()
}
