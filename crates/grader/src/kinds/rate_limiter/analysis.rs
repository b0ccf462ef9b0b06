//! Which standard algorithm a limiter is: its decisions on traces that separate the algorithms, matched
//! against each model at the stated limit and one above it, and what its decisions cost the callers
//! (the most admitted in a window, refusals an exact sliding count would not make).

use super::behaviours::behaviours;
use super::models::Model;
use super::properties::max_in_span;
use super::trace::{Run, T0, decisions, replay};
use crate::report::{Algorithm, Property, TraceReplay};
use crate::words;
use catalog::Problem;
use runner::{Sandbox, SandboxError};

/// What each separating trace probes, in the order `separating_traces` builds them.
const TRACE_NAMES: [&str; 6] = [
    "boundary burst: limit just before and just after a window boundary",
    "burst, then one request every window/limit",
    "burst mid-window, then single requests across the next window",
    "half a window apart, then a burst after the first request's window",
    "anchoring: a late request, then bursts after the aligned boundary",
    "partial refill: exhaust, then requests at fractions of a window",
];

/// The limit and window of the separating traces.
pub(super) const LIMIT: i64 = 4;
const WINDOW: f64 = 1.0;

/// Traces on which the four families decide differently (fresh key per trace).
fn separating_traces(l: i64, w: f64) -> Vec<Run> {
    let k = || "k".to_string();
    let at = |times: Vec<f64>| Run { limit: l, window: w, requests: times.into_iter().map(|t| (k(), t)).collect() };
    let burst = |t: f64| (0..l).map(move |_| t);
    vec![
        // Boundary: l just before T0 + w, l just after.
        at(burst(T0 + w - 0.01).chain(burst(T0 + w + 0.01)).collect()),
        // l at once, then one every w / l for two windows.
        at(burst(T0).chain((1..=2 * l).map(|i| T0 + i as f64 * w / l as f64)).collect()),
        // l mid-window, then single requests across the next window: the weighted counter's estimate.
        at(burst(T0 + 0.5).chain((0..8).map(|i| T0 + w + 0.05 + i as f64 * 0.125)).collect()),
        // One request, the rest half a window later, then a burst after the first request's window.
        at(std::iter::once(T0 + 0.3).chain((1..l).map(|_| T0 + 0.8)).chain(burst(T0 + 1.4)).collect()),
        // Anchoring: a request late in the first window, then a burst just after the aligned boundary.
        at(std::iter::once(T0 + 0.9).chain(burst(T0 + w + 0.05)).chain(burst(T0 + 1.85)).collect()),
        // Partial refill: exhaust, then requests at fractions of a window.
        at(burst(T0).chain([0.3, 0.55, 0.8, 1.05, 1.3, 1.6, 2.0, 2.02].map(|d| T0 + d)).collect()),
    ]
}

/// The model nearest to what the candidate decided.
pub(super) struct Nearest {
    /// The model with the fewest divergences.
    pub model: Model,
    /// Whether it is close enough to name the candidate's algorithm: a model that disagrees on more
    /// than a tenth of the decisions is not the candidate's algorithm.
    pub matches: bool,
    /// The limit the model matched at.
    pub limit: i64,
    /// Decisions where the model and the candidate differ.
    pub divergences: usize,
    /// Decisions in all.
    pub decisions: usize,
}

/// What the separating traces showed.
pub(super) struct Behaviour {
    pub algorithm: Algorithm,
    pub nearest: Nearest,
    pub max_in_window_ratio: f64,
    pub false_rejections: usize,
    /// The behaviour checks, and whether anything was refused that an exact count would admit.
    pub properties: Vec<Property>,
    pub traces: Vec<TraceReplay>,
    pub fuel: u64,
}

/// Replays the separating traces and the statement's behaviours, and names the nearest model.
pub(super) fn analyse(sandbox: &Sandbox, problem: &Problem, source: &str) -> Result<Behaviour, SandboxError> {
    let runs = separating_traces(LIMIT, WINDOW);
    let behaviours = behaviours(LIMIT, WINDOW);
    let all: Vec<Run> = runs.iter().chain(behaviours.iter().map(|b| &b.run)).cloned().collect();
    let replayed = replay(sandbox, problem, source, &all)?;
    let (per_run, behaviour_steps) = replayed.per_run.split_at(runs.len());
    let observed: Vec<Option<Vec<bool>>> = per_run.iter().map(|s| decisions(s).ok()).collect();
    let mut properties: Vec<Property> = behaviours
        .iter()
        .zip(behaviour_steps)
        .map(|(b, steps)| {
            let counterexample = match decisions(steps) {
                Ok(got) => (b.check)(&b.run, &got),
                Err(step) => Some(words::outcome(&step.outcome)),
            };
            Property { name: format!("analysis: {}", b.name), ok: counterexample.is_none(), counterexample }
        })
        .collect();
    let nearest = nearest(&runs, &observed);
    let mut ratio: f64 = 0.0;
    let mut false_rejections = 0;
    let mut first_false_rejection = None;
    for ((run, got), name) in runs.iter().zip(&observed).zip(TRACE_NAMES) {
        let Some(got) = got else { continue };
        ratio = ratio.max(max_in_span(run, got) as f64 / run.limit as f64);
        let exact = Model::SlidingLog.decide(run);
        let refused: Vec<usize> = (0..got.len()).filter(|&i| exact[i] && !got[i]).collect();
        false_rejections += refused.len();
        if let (None, Some(&i)) = (&first_false_rejection, refused.first()) {
            let t = run.requests[i].1;
            let before = run.requests[..i].iter().zip(got).filter(|((_, s), a)| **a && *s > t - run.window).count();
            first_false_rejection = Some(format!(
                "'{name}': the request at t=+{:.3}s was refused with only {before} admitted in the window before it (limit {})",
                t - T0,
                run.limit
            ));
        }
    }
    properties.push(Property {
        name: "analysis: refuses nothing an exact sliding count would admit".into(),
        ok: first_false_rejection.is_none(),
        counterexample: first_false_rejection,
    });
    let traces = runs
        .iter()
        .zip(&observed)
        .zip(TRACE_NAMES)
        .map(|((run, got), name)| TraceReplay {
            name: name.to_string(),
            limit: run.limit,
            window: run.window,
            times: run.requests.iter().map(|(_, t)| ((t - T0) * 1000.0).round() / 1000.0).collect(),
            admitted: got.clone().unwrap_or_default(),
            model: nearest.model.decide(&run.with_limit(nearest.limit)),
        })
        .collect();
    Ok(Behaviour {
        algorithm: if nearest.matches { nearest.model.algorithm() } else { Algorithm::Unknown },
        nearest,
        max_in_window_ratio: (ratio * 100.0).round() / 100.0,
        false_rejections,
        properties,
        traces,
        fuel: replayed.fuel,
    })
}

/// Each model at the stated limit and one above it (an off-by-one limiter is still its family); the
/// first with the fewest divergences is the nearest.
fn nearest(runs: &[Run], observed: &[Option<Vec<bool>>]) -> Nearest {
    let decisions: usize = runs.iter().map(|r| r.requests.len()).sum();
    let mut best: Option<(Model, i64, usize)> = None;
    for model in Model::ALL {
        for limit in [LIMIT, LIMIT + 1] {
            let diverged: usize = runs
                .iter()
                .zip(observed)
                .map(|(run, got)| {
                    let want = model.decide(&run.with_limit(limit));
                    match got {
                        Some(got) => want.iter().zip(got).filter(|(a, b)| a != b).count(),
                        None => want.len(),
                    }
                })
                .sum();
            if best.is_none_or(|(_, _, fewest)| diverged < fewest) {
                best = Some((model, limit, diverged));
            }
        }
    }
    let (model, limit, divergences) = best.expect("at least one model");
    Nearest { model, matches: divergences * 10 <= decisions, limit, divergences: divergences.min(decisions), decisions }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the anchored fixed window shares its algorithm's name with the aligned one, and the
    /// nearest model used to be looked up by that name, so an anchored limiter's traces were plotted
    /// against the aligned window's decisions and its divergences counted against the wrong model.
    #[test]
    fn anchored_window_is_plotted_against_the_anchored_model_not_the_first_of_its_name() {
        let runs = separating_traces(LIMIT, WINDOW);
        let observed: Vec<Option<Vec<bool>>> = runs.iter().map(|r| Some(Model::AnchoredWindow.decide(r))).collect();
        let nearest = nearest(&runs, &observed);
        assert_eq!(nearest.model, Model::AnchoredWindow);
        assert!(nearest.matches);
        assert_eq!(nearest.divergences, 0);
        let aligned_differs = runs.iter().any(|r| Model::FixedWindow.decide(r) != Model::AnchoredWindow.decide(r));
        assert!(aligned_differs, "the traces must separate the two fixed windows for this test to mean anything");
    }
}
