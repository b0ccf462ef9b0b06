//! Generated interview history, for a demo of the insights page, the tests and the benchmark: sessions
//! spread over a period, each with a first draft, one to three graded submissions whose reports have the
//! grader's shape, and a score sheet, from one seed (the same seed gives the same history).
//!
//! Candidates differ in one hidden skill; foundational questions differ in how much they follow it (some
//! separate hires from no-hires, one per level is scored 4 by nearly everyone), and interviewers differ in
//! how far their problem score leans from the suggestion. History is never mixed into real data: it goes
//! only into a database that holds no sessions or already holds generated history, which is marked so in
//! its settings (`DEMO_SETTING`), and the insights page says so.

use crate::sheet::{self, Decision, Domain, QuestionScore, Sheet, Thresholds};
pub use crate::store::HistorySession;
use crate::store::{Store, StoreError};
use catalog::{Catalog, Category, GrowthClass, Kind, Level, Problem, QuestionBank};
use grader::{FailureKind, Report, Verdict};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

/// The setting that marks a database as holding generated history.
pub const DEMO_SETTING: &str = "demo_history";

/// Whether the database was filled by the history generator.
pub async fn is_demo(store: &Store) -> Result<bool, StoreError> {
    Ok(store.setting(DEMO_SETTING).await?.is_some())
}

/// Why history was not generated.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// The database holds real sessions.
    #[error("the database holds {0} sessions that were not generated; generate history into a database of its own")]
    RealData(i64),
    /// The catalogue has no problems.
    #[error("the catalogue holds no problems")]
    NoProblems,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct HistoryOptions {
    /// Sessions to add.
    pub sessions: usize,
    /// The seed.
    pub seed: u64,
    /// Everything happens before this time (ms); the oldest session is created `days` earlier.
    pub until: i64,
    /// The period the sessions are spread over.
    pub days: i64,
}

/// The interviewers and how far each leans from the suggested score (in points, before rounding).
const INTERVIEWERS: [(&str, f64); 8] = [
    ("Priya Raman", 0.0),
    ("Tom Becker", 0.6),
    ("Ines Duarte", -0.5),
    ("Kwame Mensah", 0.1),
    ("Mei Lin", -0.1),
    ("Oskar Nilsson", 0.9),
    ("Sara Haddad", 0.0),
    ("", 0.2),
];

const FIRST: [&str; 24] = [
    "Ada", "Ben", "Chloe", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ilse", "Jonas", "Kemi", "Luca", "Maya",
    "Nikhil", "Olga", "Pablo", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor", "Wen", "Yara",
];

const LAST: [&str; 16] = [
    "Adams", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jensen", "Kowalski",
    "Larsen", "Moreau", "Novak", "Okafor", "Petrov",
];

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// A normal-ish draw (sum of uniforms), mean 0, deviation about 1.
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    (0..4).map(|_| rng.random_range(-1.0..1.0)).sum::<f64>() * 0.866
}

fn clamp_score(x: f64) -> u8 {
    x.round().clamp(1.0, 4.0) as u8
}

/// The sessions `options` generate, oldest first, one at a time (the same options give the same
/// sessions, but for their link secrets, which `Store::insert_history` draws).
pub fn plan<'a>(
    catalog: &'a Catalog,
    bank: &QuestionBank,
    thresholds: &'a Thresholds,
    options: &HistoryOptions,
) -> impl Iterator<Item = HistorySession> + 'a {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let questions: Vec<(String, Level)> = bank.questions.iter().map(|q| (q.id.clone(), q.level)).collect();
    // Sessions start at least three hours before `until`, so everything in them (at most about two hours
    // of drafts, submissions and scoring) has happened by then.
    let span = options.days.max(1) * 86_400_000 - 3 * 3_600_000;
    let start = options.until - 3 * 3_600_000 - span;
    let slot = (span / options.sessions.max(1) as i64).max(1);
    (0..options.sessions).map(move |i| {
        // Spread evenly over the period, with jitter, oldest first.
        let created_at = start + slot * i as i64 + rng.random_range(0..slot);
        one_session(&mut rng, catalog, &questions, thresholds, created_at)
    })
}

/// Adds generated history to `store`; how many sessions it holds afterwards. Refuses a database with
/// sessions that were not generated.
pub async fn generate(
    store: &Store,
    catalog: &Catalog,
    bank: &QuestionBank,
    thresholds: &Thresholds,
    options: &HistoryOptions,
) -> Result<i64, HistoryError> {
    let existing = store.session_count().await?;
    if existing > 0 && !is_demo(store).await? {
        return Err(HistoryError::RealData(existing));
    }
    if catalog.problems().is_empty() {
        return Err(HistoryError::NoProblems);
    }
    store.set_setting_once(DEMO_SETTING, &format!("generated with seed {}", options.seed)).await?;
    let mut batch = Vec::with_capacity(500);
    for session in plan(catalog, bank, thresholds, options) {
        batch.push(session);
        if batch.len() == 500 {
            store.insert_history(&batch).await?;
            batch.clear();
        }
    }
    store.insert_history(&batch).await?;
    Ok(store.session_count().await?)
}

fn one_session(
    rng: &mut ChaCha8Rng,
    catalog: &Catalog,
    bank: &[(String, Level)],
    thresholds: &Thresholds,
    created_at: i64,
) -> HistorySession {
    let problems = catalog.problems();
    let problem = &problems[rng.random_range(0..problems.len())];
    // Most sessions use the problem at its own level.
    let level = if rng.random_range(0.0..1.0) < 0.75 {
        problem.level
    } else {
        [Level::Junior, Level::Mid, Level::Senior][rng.random_range(0..3)]
    };
    let (interviewer, lean) = INTERVIEWERS[rng.random_range(0..INTERVIEWERS.len())];
    let skill = normal(rng);
    let name = format!("{} {}", FIRST[rng.random_range(0..FIRST.len())], LAST[rng.random_range(0..LAST.len())]);

    let first_draft = created_at + rng.random_range(60_000..6 * 60_000);
    let mut drafts = vec![(problem.starter.clone(), first_draft)];
    // Most candidates submit once or twice; a few never do.
    let attempts = match rng.random_range(0..100) {
        0..8 => 0,
        8..50 => 1,
        50..82 => 2,
        _ => 3,
    };
    let mut submissions = Vec::new();
    let mut at = first_draft;
    let mut suggested = None;
    for n in 0..attempts {
        at += rng.random_range(3 * 60_000..(12 + 6 * n as i64) * 60_000);
        // Later attempts do better.
        let report = report_for(rng, problem, skill + 0.5 * n as f64);
        suggested = Some(report.1);
        let finished = at + rng.random_range(2_000..20_000);
        submissions.push((format!("# submission {}\n{}", n + 1, problem.starter), at, finished, report.0, report.2));
    }
    if attempts > 0 {
        drafts.push((format!("# final draft\n{}", problem.starter), at - 30_000));
    }

    // Not every sheet is filled in: some calls end before scoring.
    let sheet = (rng.random_range(0.0..1.0) < 0.92).then(|| {
        let mut own: Vec<&String> = bank.iter().filter(|(_, l)| *l == level).map(|(id, _)| id).collect();
        let asked = rng.random_range(3..=own.len().clamp(3, 6));
        let mut foundations = Vec::new();
        for _ in 0..asked.min(own.len()) {
            let id = own.remove(rng.random_range(0..own.len()));
            foundations.push(QuestionScore {
                question: id.clone(),
                score: (rng.random_range(0.0..1.0) < 0.95).then(|| question_score(rng, id, skill)),
                notes: String::new(),
            });
        }
        let coding = suggested.map(|s: u8| clamp_score(f64::from(s) + lean + 0.6 * normal(rng)));
        let mut sheet = Sheet {
            foundations,
            coding: Domain { score: coding, notes: String::new() },
            experience: Domain { score: Some(clamp_score(2.6 + skill)), notes: String::new() },
            communication: Domain { score: Some(clamp_score(2.8 + 0.7 * skill)), notes: String::new() },
            ..Sheet::default()
        };
        let computed = sheet::compute(&sheet, level, thresholds).decision;
        if computed != Decision::Incomplete && rng.random_range(0.0..1.0) < 0.7 {
            // Most interviewers record what the scores say; a few overrule them by one step.
            let ladder = [Decision::NoHire, Decision::Maybe, Decision::Hire, Decision::StrongHire];
            let at = ladder.iter().position(|d| *d == computed).unwrap_or(1) as i64;
            let step = if rng.random_range(0.0..1.0) < 0.15 { rng.random_range(-1..=1) } else { 0 };
            sheet.final_decision = Some(ladder[(at + step).clamp(0, 3) as usize]);
        }
        sheet
    });
    let sheet_at = at.max(first_draft) + rng.random_range(60_000..10 * 60_000);
    HistorySession {
        candidate_name: name,
        interviewer_name: interviewer.to_string(),
        level: level.as_str(),
        problem: problem.id.clone(),
        created_at,
        drafts,
        submissions,
        sheet: sheet.map(|s| (serde_json::to_string(&s).unwrap_or_default(), sheet_at)),
    }
}

/// A question's score: how closely it follows skill, and how easy it is, come from its id, so each
/// question behaves the same in every session; a level's first question is easy for everyone.
fn question_score(rng: &mut ChaCha8Rng, id: &str, skill: f64) -> u8 {
    let hash = id.bytes().fold(2166136261u32, |h, b| (h ^ u32::from(b)).wrapping_mul(16777619));
    let follows = f64::from(hash % 100) / 80.0; // 0 to 1.24
    let ease = f64::from((hash / 100) % 100) / 100.0 - 0.3; // -0.3 to 0.7
    if hash % 7 == 0 {
        return if rng.random_range(0.0..1.0) < 0.93 { 4 } else { 3 };
    }
    clamp_score(2.6 + ease + follows * skill + 0.6 * normal(rng))
}

/// (report JSON, suggested score, candidate view JSON) with the grader's shape.
fn report_for(rng: &mut ChaCha8Rng, problem: &Problem, skill: f64) -> (String, u8, String) {
    let compile = rng.random_range(0.0..1.0) < 0.04;
    let accepted = !compile && rng.random_range(0.0..1.0) < sigmoid(1.6 * skill + 0.3);
    let optimal = accepted && rng.random_range(0.0..1.0) < sigmoid(1.4 * skill + 0.2);
    let categories: Vec<Category> = problem.categories();
    let mut counts: Vec<(Category, usize, usize)> = categories
        .iter()
        .map(|c| {
            let total = problem.tests.iter().filter(|t| t.category == *c).count();
            (*c, total, total)
        })
        .collect();
    let mut causes = Vec::new();
    let verdict = if compile {
        for c in counts.iter_mut() {
            c.1 = 0;
        }
        Verdict::CompileError
    } else if accepted {
        Verdict::Accepted
    } else {
        // Traps and edge cases fail most, then large inputs.
        let weights: Vec<f64> = counts
            .iter()
            .map(|(c, _, _)| match c {
                Category::Traps => 0.6,
                Category::Edge => 0.45,
                Category::Large => 0.3,
                _ => 0.15,
            })
            .collect();
        let mut any = false;
        for (c, w) in counts.iter_mut().zip(&weights) {
            if c.2 > 0 && rng.random_range(0.0..1.0) < *w {
                c.1 = c.2 - rng.random_range(1..=c.2);
                any = true;
            }
        }
        if !any && let Some(c) = counts.iter_mut().find(|c| c.2 > 0) {
            c.1 = c.2 - 1;
        }
        let roll = rng.random_range(0..10);
        let kind = match (problem.kind, roll) {
            (Kind::RateLimiter, _) if roll <= 6 => FailureKind::Property,
            (_, 0..=5) => FailureKind::WrongAnswer,
            (_, 6..=7) => FailureKind::Exception,
            (_, 8) => FailureKind::Timeout,
            _ => FailureKind::WrongType,
        };
        causes.push(json!({ "kind": kind, "what": "a hidden test", "line": null, "tests": ["hidden"] }));
        kind.verdict()
    };
    let passed: usize = counts.iter().map(|c| c.1).sum();
    let total: usize = counts.iter().map(|c| c.2).sum();
    let suggested: u8 = match (compile, accepted, optimal) {
        (true, _, _) => 1,
        (_, true, true) => {
            if skill > 0.2 {
                4
            } else {
                3
            }
        }
        (_, true, false) => 3,
        _ if passed * 3 >= total * 2 => 2,
        _ => 1,
    };
    let time = if optimal {
        problem.optimal.time
    } else if accepted {
        [GrowthClass::Linearithmic, GrowthClass::Quadratic][rng.random_range(0..2)]
    } else {
        GrowthClass::Quadratic
    };
    let class = serde_json::to_value(time).unwrap_or_default();
    let categories_json: Vec<_> =
        counts.iter().map(|(c, p, t)| json!({ "category": c, "passed": p, "total": t })).collect();
    let (complexity, limiter) = match (compile, problem.kind) {
        (true, _) => (json!(null), json!(null)),
        (false, Kind::RateLimiter) => {
            let cost = if optimal { "O(1)" } else { "O(limit)" };
            (
                json!(null),
                json!({ "algorithm": if optimal { "sliding_log" } else { "fixed_window" }, "limit_offset": 0,
                "divergences": 0, "decisions": 120, "max_in_window_ratio": 1.0, "false_rejections": 0,
                "per_call_cost": { "class": cost, "small_limit": 10, "large_limit": 1000, "fuel_small_limit": 40000,
                  "fuel_large_limit": if optimal { 41000 } else { 900000 }, "fuel_early_in_trace": 40000,
                  "requests_in_trace": 200, "native_requests_per_second": 250000, "meets_1000_per_second": true },
                "memory_per_key": null, "properties": [], "traces": [], "static_signals": [] }),
            )
        }
        (false, _) => (
            json!({ "time": class, "runner_up": null, "ambiguous": false, "confidence": 0.97, "term_shares": [],
                "space": "O(n)", "points": [], "reference_points": [], "largest_n": 100000, "budget_exhausted": false,
                "stopped_at": null, "extrapolation": null, "wrong_answers": 0, "fuel_total": 0 }),
            json!(null),
        ),
    };
    // The grader's own words for the verdict, as in every real report.
    let words = verdict.words();
    let correctness = if compile {
        format!("{words}: no hidden test could run")
    } else if accepted {
        format!("all {total} hidden tests pass")
    } else {
        format!("{passed} of {total} hidden tests pass ({words})")
    };
    let reason = match suggested {
        4 => "every hidden test passes at the optimal growth",
        3 => "every hidden test passes, above the optimal growth",
        2 => "most hidden tests pass",
        _ => "few hidden tests pass",
    };
    let report = json!({
        "problem": problem.id, "verdict": verdict,
        "summary": { "score": suggested, "headline": format!("Suggested {suggested} of 4: {reason}"),
          "correctness": correctness, "time": null, "space": null, "at_largest_input": null,
          "native_seconds_at_largest_input": null },
        "load_error": if compile { json!({ "message": "invalid syntax", "line": 3, "column": 5 }) } else { json!(null) },
        "examples": [],
        "tests": { "passed": passed, "total": total, "categories": categories_json, "failed": [], "causes": causes },
        "findings": [], "complexity": complexity, "complexity_note": null, "rate_limiter": limiter,
        "score": { "suggested": suggested, "reasons": [reason] }, "follow_ups": [], "fuel_total": 0,
    });
    // Read back as the grader's type (a test holds every generated report to it), so the candidate's view
    // is the grader's own.
    let report: Report = serde_json::from_value(report).expect("a generated report reads as grader::Report");
    let candidate = serde_json::to_string(&report.candidate_view()).unwrap_or_default();
    (serde_json::to_string(&report).unwrap_or_default(), suggested, candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_reports_read_back_as_the_graders_types() {
        let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for problem in catalog.problems() {
            for i in 0..60 {
                let (report, suggested, candidate) = report_for(&mut rng, problem, i as f64 / 30.0 - 1.0);
                let report: grader::Report = serde_json::from_str(&report).unwrap();
                let view: grader::CandidateView = serde_json::from_str(&candidate).unwrap();
                assert_eq!((report.score.suggested, view.verdict), (suggested, report.verdict));
            }
        }
    }
}
