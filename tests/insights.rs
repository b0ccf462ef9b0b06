//! The operator's insights over generated history, on SQLite and on PostgreSQL (when
//! `SCREENJUDGE_TEST_POSTGRES` is set): every figure the API gives is checked against a direct computation
//! from the generated sessions themselves (their reports and sheets as JSON, the decision rule of
//! `sheet::compute`, separation counted pair by pair); only the operator token reads the figures and
//! their exports; a session's standing appears on the interviewer's link only, and only past its
//! threshold; generated history never goes into a database with real sessions. The browser test reads
//! the page at 1366x768, checks its figures and leaves screenshots in `e2e/` under the target folder.

mod common;

use axum::http::StatusCode;
use catalog::{Catalog, QuestionBank};
use common::{FAST_DEDUPE, OPERATOR, call, state_over, wait_done};
use serde_json::{Value as Json, json};
use server::history::{self, HistoryOptions, HistorySession};
use server::sheet::{self, Sheet, Thresholds};
use server::{ServerConfig, Store};
use std::collections::BTreeMap;

const DAY: i64 = 86_400_000;
const LEVELS: [&str; 3] = ["junior", "mid", "senior"];

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64
}

fn bank() -> QuestionBank {
    QuestionBank::load(&Catalog::default_dir()).unwrap()
}

fn catalog() -> Catalog {
    Catalog::load(&Catalog::default_dir()).unwrap()
}

fn options(sessions: usize, seed: u64, until: i64) -> HistoryOptions {
    HistoryOptions { sessions, seed, until, days: 365 }
}

/// One generated session as the test reads it, independently of the service's own reading.
struct Known {
    id: i64,
    problem: String,
    level: String,
    created_at: i64,
    interviewer: String,
    first_draft: Option<i64>,
    /// (created_at, report)
    reports: Vec<(i64, Json)>,
    sheet: Option<Sheet>,
}

impl Known {
    fn latest(&self) -> Option<&Json> {
        self.reports.last().map(|(_, r)| r)
    }

    fn decision(&self, thresholds: &Thresholds) -> String {
        let sheet = self.sheet.clone().unwrap_or_default();
        let level = server::model::parse_level(&self.level).unwrap();
        let decision = sheet.final_decision.unwrap_or(sheet::compute(&sheet, level, thresholds).decision);
        decision.as_str().to_string()
    }

    fn suggested(&self) -> Option<i64> {
        self.latest().map(|r| r["score"]["suggested"].as_i64().unwrap())
    }

    fn final_score(&self) -> Option<i64> {
        self.sheet.as_ref().and_then(|s| s.coding.score).map(i64::from)
    }

    fn optimal(&self, catalog: &Catalog) -> bool {
        let Some(r) = self.latest() else { return false };
        let wanted = serde_json::to_value(catalog.get(&self.problem).unwrap().optimal.time).unwrap();
        let measured = if r["complexity"].is_object() {
            &r["complexity"]["time"]
        } else {
            &r["rate_limiter"]["per_call_cost"]["class"]
        };
        measured == &wanted
    }

    fn pass_ms(&self) -> Option<i64> {
        let pass = self.reports.iter().find(|(_, r)| r["verdict"] == "accepted")?.0;
        let draft = self.first_draft?;
        (pass >= draft).then_some(pass - draft)
    }

    fn failed_categories(&self) -> Vec<String> {
        let Some(r) = self.latest() else { return Vec::new() };
        r["tests"]["categories"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["passed"].as_i64() < c["total"].as_i64() && c["category"] != "example")
            .map(|c| c["category"].as_str().unwrap().to_string())
            .collect()
    }

    fn causes(&self) -> Vec<String> {
        let Some(r) = self.latest() else { return Vec::new() };
        let mut out: Vec<String> =
            r["tests"]["causes"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap().to_string()).collect();
        if r["verdict"] == "compile_error" {
            out.push("does_not_load".into());
        }
        out.sort();
        out.dedup();
        out
    }
}

/// The generated sessions with the ids they get in an empty database (1, 2, ...), from `first_id` on.
fn known(plan: Vec<HistorySession>, first_id: i64) -> Vec<Known> {
    plan.into_iter()
        .enumerate()
        .map(|(i, s)| Known {
            id: first_id + i as i64,
            problem: s.problem,
            level: s.level.to_string(),
            created_at: s.created_at,
            interviewer: s.interviewer_name,
            first_draft: s.drafts.iter().map(|d| d.1).min(),
            reports: s.submissions.iter().map(|u| (u.1, serde_json::from_str(&u.3).unwrap())).collect(),
            sheet: s.sheet.map(|(text, _)| serde_json::from_str(&text).unwrap()),
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn assert_share(got: &Json, part: i64, whole: i64, what: &str) {
    let want = if whole == 0 { 0.0 } else { part as f64 / whole as f64 };
    assert!(close(got.as_f64().unwrap(), want), "{what}: share {got} but {part}/{whole}");
}

fn assert_mean(got: &Json, values: &[i64], what: &str) {
    if values.is_empty() {
        assert!(got.is_null(), "{what}: {got} but no values");
    } else {
        let want = values.iter().sum::<i64>() as f64 / values.len() as f64;
        assert!(close(got.as_f64().unwrap(), want), "{what}: {got} but {want}");
    }
}

/// Checks every figure of one slice's answer against the sessions themselves.
fn check_figures(api: &Json, all: &[Known], problem: &str, level: &str, from: i64, catalog: &Catalog) {
    let thresholds = Thresholds::default();
    let slice: Vec<&Known> =
        all.iter().filter(|k| k.problem == problem && k.level == level && k.created_at >= from).collect();
    let what = format!("{problem}/{level} from {from}");
    let graded: Vec<&&Known> = slice.iter().filter(|k| !k.reports.is_empty()).collect();
    assert_eq!(api["sessions"], json!(slice.len()), "{what}: sessions");
    assert_eq!(api["graded"], json!(graded.len()), "{what}: graded");

    for d in api["decisions"].as_array().unwrap() {
        let n = slice.iter().filter(|k| k.decision(&thresholds) == d["value"].as_str().unwrap()).count() as i64;
        assert_eq!(d["sessions"], json!(n), "{what}: decision {}", d["value"]);
        assert_share(&d["share"], n, slice.len() as i64, &what);
    }
    assert_eq!(api["decisions"].as_array().unwrap().len(), 5, "{what}: every decision listed");

    for (key, of) in
        [("suggested", Known::suggested as fn(&Known) -> Option<i64>), ("final_scores", Known::final_score)]
    {
        let with: Vec<i64> = slice.iter().filter_map(|k| of(k)).collect();
        for (score, row) in (1..=4).zip(api[key].as_array().unwrap()) {
            let n = with.iter().filter(|s| **s == score).count() as i64;
            assert_eq!(row["value"], json!(score));
            assert_eq!(row["sessions"], json!(n), "{what}: {key} {score}");
            assert_share(&row["share"], n, with.len() as i64, &what);
        }
    }

    for (key, of) in [("categories", Known::failed_categories as fn(&Known) -> Vec<String>), ("causes", Known::causes)]
    {
        let mut want: BTreeMap<String, i64> = BTreeMap::new();
        for k in &slice {
            for name in of(k) {
                *want.entry(name).or_default() += 1;
            }
        }
        let rows = api[key].as_array().unwrap();
        let got: BTreeMap<String, i64> =
            rows.iter().map(|r| (r["value"].as_str().unwrap().to_string(), r["sessions"].as_i64().unwrap())).collect();
        assert_eq!(got, want, "{what}: {key}");
        for r in rows {
            assert_share(&r["share"], r["sessions"].as_i64().unwrap(), graded.len() as i64, &what);
        }
        assert!(rows.windows(2).all(|w| w[0]["sessions"].as_i64() >= w[1]["sessions"].as_i64()), "{what}: most first");
    }

    let reached = slice.iter().filter(|k| k.optimal(catalog)).count() as i64;
    assert_eq!(api["optimal"]["sessions"], json!(reached), "{what}: optimal");
    assert_share(&api["optimal"]["share"], reached, graded.len() as i64, &what);
    assert_eq!(api["optimal_class"], serde_json::to_value(catalog.get(problem).unwrap().optimal.time).unwrap());

    let mut times: Vec<i64> = slice.iter().filter_map(|k| k.pass_ms()).collect();
    times.sort();
    assert_eq!(api["pass_times"]["sessions"], json!(times.len()), "{what}: pass times");
    if times.is_empty() {
        assert!(api["pass_times"]["median_minutes"].is_null());
    } else {
        let n = times.len();
        let median = if n % 2 == 1 { times[n / 2] as f64 } else { (times[n / 2 - 1] + times[n / 2]) as f64 / 2.0 };
        assert!(close(api["pass_times"]["median_minutes"].as_f64().unwrap(), median / 60_000.0), "{what}: median");
    }
    let edges = [0, 5, 10, 15, 20, 30, 45];
    for (i, bucket) in api["pass_times"]["buckets"].as_array().unwrap().iter().enumerate() {
        let lo = edges[i] * 60_000;
        let hi = edges.get(i + 1).map_or(i64::MAX, |m| m * 60_000);
        let n = times.iter().filter(|t| **t >= lo && **t < hi).count();
        assert_eq!(bucket["sessions"], json!(n), "{what}: bucket {i}");
        assert_eq!(bucket["from_minutes"], json!(edges[i]));
    }

    check_questions(api, &slice, &what);
    check_interviewers(api, &slice, &what);

    let mut compared: Vec<&&Known> =
        slice.iter().filter(|k| k.suggested().is_some() && k.final_score().is_some()).collect();
    compared.sort_by_key(|k| {
        let d = (k.final_score().unwrap() - k.suggested().unwrap()).abs();
        (std::cmp::Reverse(d), std::cmp::Reverse(k.created_at), std::cmp::Reverse(k.id))
    });
    let shown: Vec<i64> = api["cases"].as_array().unwrap().iter().map(|c| c["session_id"].as_i64().unwrap()).collect();
    let want: Vec<i64> = compared.iter().take(10).map(|k| k.id).collect();
    assert_eq!(shown, want, "{what}: the cases that differ most");
    assert_eq!(api["more_cases"], json!(compared.len() > 10), "{what}: more cases");
    for c in api["cases"].as_array().unwrap() {
        let k = all.iter().find(|k| k.id == c["session_id"].as_i64().unwrap()).unwrap();
        assert_eq!(c["difference"], json!(k.final_score().unwrap() - k.suggested().unwrap()));
        assert!(c["interviewer_link"].as_str().unwrap().starts_with(&format!("/i/{}-", k.id)));
    }
}

fn check_questions(api: &Json, slice: &[&Known], what: &str) {
    let thresholds = Thresholds::default();
    let mut ids: Vec<String> = slice
        .iter()
        .flat_map(|k| k.sheet.iter().flat_map(|s| s.foundations.iter().map(|q| q.question.clone())))
        .collect();
    ids.sort();
    ids.dedup();
    let rows = api["questions"].as_array().unwrap();
    assert_eq!(rows.len(), ids.len(), "{what}: questions");
    for id in ids {
        let row = rows.iter().find(|r| r["question"] == id.as_str()).unwrap();
        let mut answers: Vec<(Option<i64>, String)> = Vec::new();
        for k in slice {
            for q in k.sheet.iter().flat_map(|s| s.foundations.iter()).filter(|q| q.question == id) {
                answers.push((q.score.map(i64::from), k.decision(&thresholds)));
            }
        }
        let what = format!("{what}: question {id}");
        assert_eq!(row["asked"], json!(answers.len()), "{what}: asked");
        assert_share(&row["asked_share"], answers.len() as i64, slice.len() as i64, &what);
        for s in 1..=4 {
            let n = answers.iter().filter(|(score, _)| *score == Some(s)).count();
            assert_eq!(row["scores"][(s - 1) as usize], json!(n), "{what}: scored {s}");
        }
        assert_eq!(row["unscored"], json!(answers.iter().filter(|(s, _)| s.is_none()).count()));
        let hires: Vec<i64> = answers
            .iter()
            .filter(|(s, d)| s.is_some() && (d == "hire" || d == "strong_hire"))
            .map(|(s, _)| s.unwrap())
            .collect();
        let no_hires: Vec<i64> =
            answers.iter().filter(|(s, d)| s.is_some() && d == "no_hire").map(|(s, _)| s.unwrap()).collect();
        assert_mean(&row["hire_mean"], &hires, &format!("{what}: hire mean"));
        assert_mean(&row["no_hire_mean"], &no_hires, &format!("{what}: no-hire mean"));
        if hires.is_empty() || no_hires.is_empty() {
            assert!(row["separation"].is_null(), "{what}: separation without both sides");
        } else {
            // Every hire against every no-hire.
            let mut wins = 0.0;
            for h in &hires {
                for n in &no_hires {
                    wins += if h > n {
                        1.0
                    } else if h == n {
                        0.5
                    } else {
                        0.0
                    };
                }
            }
            let want = wins / (hires.len() * no_hires.len()) as f64;
            assert!(
                close(row["separation"].as_f64().unwrap(), want),
                "{what}: separation {} vs {want}",
                row["separation"]
            );
        }
    }
}

fn check_interviewers(api: &Json, slice: &[&Known], what: &str) {
    let mut names: Vec<&str> = slice.iter().map(|k| k.interviewer.as_str()).collect();
    names.sort();
    names.dedup();
    let rows = api["interviewers"].as_array().unwrap();
    assert_eq!(rows.len(), names.len(), "{what}: interviewers");
    for name in names {
        let row = rows.iter().find(|r| r["interviewer"] == name).unwrap();
        let theirs: Vec<&&Known> = slice.iter().filter(|k| k.interviewer == name).collect();
        let diffs: Vec<i64> = theirs.iter().filter_map(|k| Some(k.final_score()? - k.suggested()?)).collect();
        let what = format!("{what}: interviewer '{name}'");
        assert_eq!(row["sessions"], json!(theirs.len()), "{what}");
        assert_eq!(row["compared"], json!(diffs.len()), "{what}");
        assert_mean(&row["mean_difference"], &diffs, &what);
        assert_mean(&row["mean_absolute"], &diffs.iter().map(|d| d.abs()).collect::<Vec<_>>(), &what);
        if diffs.is_empty() {
            assert!(row["agreement"].is_null());
        } else {
            assert_share(
                &row["agreement"],
                diffs.iter().filter(|d| **d == 0).count() as i64,
                diffs.len() as i64,
                &what,
            );
        }
        assert_eq!(row["above"], json!(diffs.iter().filter(|d| **d > 0).count()), "{what}");
        assert_eq!(row["below"], json!(diffs.iter().filter(|d| **d < 0).count()), "{what}");
    }
}

/// A service over `store` (its workers running) and its router.
fn service_over(store: Store) -> (axum::Router, server::AppState) {
    let (state, workers) = state_over(ServerConfig::default(), store);
    std::mem::forget(server::start_workers(&state, workers));
    (server::app(state.clone()), state)
}

/// Generates `sessions` of history into `store`, and checks every slice's figures against them, all
/// time and over the last 90 days, with the cases paged per interviewer and the CSV exports.
async fn figures_match(store: Store, sessions: usize) {
    let catalog = catalog();
    let until = now_ms();
    let opts = options(sessions, 29, until);
    let thresholds = Thresholds::default();
    history::generate(&store, &catalog, &bank(), &thresholds, &opts).await.unwrap();
    let all = known(history::plan(&catalog, &bank(), &thresholds, &opts).collect(), 1);
    let (app, _) = service_over(store);
    for problem in catalog.problems() {
        for level in LEVELS {
            for from in [i64::MIN, until - 90 * DAY] {
                let period = if from == i64::MIN { String::new() } else { format!("&from={from}") };
                let uri = format!("/api/insights?problem={}&level={level}{period}", problem.id);
                let (status, api, _) = call(&app, "GET", &uri, None, Some(OPERATOR)).await;
                assert_eq!(status, StatusCode::OK, "{uri}: {api}");
                assert_eq!(api["demo"], json!(true));
                check_figures(&api, &all, &problem.id, level, from, &catalog);
            }
        }
    }

    // One interviewer's cases, page by page, are theirs in the same order as the whole list.
    let (problem, level) = ("longest-substring", "mid");
    let name = "Tom Becker";
    let mut got = Vec::new();
    let mut offset = 0;
    loop {
        let uri = format!(
            "/api/insights/cases?problem={problem}&level={level}&interviewer={}&limit=7&offset={offset}",
            name.replace(' ', "%20")
        );
        let (status, page, _) = call(&app, "GET", &uri, None, Some(OPERATOR)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        got.extend(page["cases"].as_array().unwrap().iter().map(|c| c["session_id"].as_i64().unwrap()));
        if page["has_more"] != json!(true) {
            break;
        }
        offset = page["next_offset"].as_i64().unwrap();
    }
    let mut want: Vec<&Known> = all
        .iter()
        .filter(|k| k.problem == problem && k.level == level && k.interviewer == name)
        .filter(|k| k.suggested().is_some() && k.final_score().is_some())
        .collect();
    want.sort_by_key(|k| {
        let d = (k.final_score().unwrap() - k.suggested().unwrap()).abs();
        (std::cmp::Reverse(d), std::cmp::Reverse(k.created_at), std::cmp::Reverse(k.id))
    });
    assert_eq!(got, want.iter().map(|k| k.id).collect::<Vec<_>>(), "{name}'s cases, paged");
    assert!(got.len() > 7, "the paging was exercised");

    // Every table exports as CSV; the figures in it are the page's.
    let q = format!("problem={problem}&level={level}");
    let (_, api, _) = call(&app, "GET", &format!("/api/insights?{q}"), None, Some(OPERATOR)).await;
    for table in ["decisions", "scores", "failures", "pass-times", "questions", "interviewers", "cases"] {
        let (status, body, headers) =
            call(&app, "GET", &format!("/api/insights/export/{table}?{q}"), None, Some(OPERATOR)).await;
        assert_eq!(status, StatusCode::OK, "{table}: {body}");
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
        let text = body.as_str().unwrap().to_string();
        let rows: Vec<csv::StringRecord> =
            csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect();
        let expected_rows = match table {
            "decisions" => 5,
            "scores" => 4,
            "failures" => api["categories"].as_array().unwrap().len() + api["causes"].as_array().unwrap().len(),
            "pass-times" => 7,
            "questions" => api["questions"].as_array().unwrap().len(),
            "interviewers" => api["interviewers"].as_array().unwrap().len(),
            _ => all
                .iter()
                .filter(|k| k.problem == problem && k.level == level)
                .filter(|k| k.suggested().is_some() && k.final_score().is_some())
                .count(),
        };
        assert_eq!(rows.len(), expected_rows, "{table}.csv rows");
        if table == "decisions" {
            for (row, d) in rows.iter().zip(api["decisions"].as_array().unwrap()) {
                assert_eq!(row[1], d["sessions"].to_string(), "decisions.csv");
            }
            assert_eq!(&rows[3][0], "no hire", "words, not identifiers");
        }
        if table == "scores" {
            for (row, s) in rows.iter().zip(api["suggested"].as_array().unwrap()) {
                assert_eq!(row[1], s["sessions"].to_string(), "scores.csv");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn figures_match_a_direct_computation_on_sqlite() {
    // A file, as the service keeps it (the aggregates read through connections of their own).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("insights.db");
    figures_match(Store::open(file.to_str().unwrap()).await.unwrap(), 1500).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn figures_match_a_direct_computation_on_postgres() {
    let Some(url) = common::postgres_db("insights") else { return };
    figures_match(Store::open(&url).await.unwrap(), 1500).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_operator_token_reads_insights_and_their_exports() {
    let (app, _) = service_over(Store::in_memory().unwrap());
    let (candidate, interviewer) = common::new_session(&app, "dedupe").await;
    let q = "problem=dedupe&level=mid";
    let paths = [
        format!("/api/insights?{q}"),
        format!("/api/insights/cases?{q}"),
        format!("/api/insights/export/decisions?{q}"),
        format!("/api/insights/export/cases?{q}"),
    ];
    for path in &paths {
        for token in [None, Some("wrong"), Some(candidate.as_str()), Some(interviewer.as_str())] {
            let (status, body, _) = call(&app, "GET", path, None, token).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path} with {token:?}: {body}");
            assert!(!body.to_string().contains("sessions\":"), "{path} leaked figures");
        }
        let (status, _, _) = call(&app, "GET", path, None, Some(OPERATOR)).await;
        assert_eq!(status, StatusCode::OK, "{path} with the operator token");
    }
    // The standing is the interviewer's: the candidate's token does not open it.
    let (status, _, _) = call(&app, "GET", &format!("/api/i/{candidate}/standing"), None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = call(&app, "GET", &format!("/api/i/{interviewer}/standing"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    // Unknown tables and problems are refused.
    let (status, _, _) = call(&app, "GET", &format!("/api/insights/export/secrets?{q}"), None, Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = call(&app, "GET", "/api/insights?problem=nope&level=mid", None, Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// Creates a junior dedupe session through the API, submits a correct solution and waits for its report:
/// (candidate token, interviewer token, suggested score).
async fn graded_session(app: &axum::Router, interviewer_name: &str) -> (String, String, i64) {
    let body = json!({ "candidate_name": "Grace", "level": "junior", "problem": "dedupe", "interviewer_name": interviewer_name });
    let (status, created, _) = call(app, "POST", "/api/sessions", Some(body), Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (candidate, interviewer) = (
        created["candidate_token"].as_str().unwrap().to_string(),
        created["interviewer_token"].as_str().unwrap().to_string(),
    );
    let (status, sub, _) =
        call(app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": FAST_DEDUPE })), None)
            .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{sub}");
    wait_done(app, &candidate, sub["id"].as_i64().unwrap()).await;
    let (_, view, _) = call(app, "GET", &format!("/api/i/{interviewer}"), None, None).await;
    let suggested = view["submissions"][0]["report"]["score"]["suggested"].as_i64().unwrap();
    (candidate, interviewer, suggested)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_standing_appears_only_past_its_threshold_and_never_to_the_candidate() {
    let catalog = catalog();
    let thresholds = Thresholds::default();
    let store = Store::in_memory().unwrap();
    let until = now_ms();
    // A little history first: fewer than 20 junior dedupe sessions with a suggested score.
    let small = options(30, 5, until);
    history::generate(&store, &catalog, &bank(), &thresholds, &small).await.unwrap();
    let mut all = known(history::plan(&catalog, &bank(), &thresholds, &small).collect(), 1);
    let (app, state) = service_over(store);
    let (candidate, interviewer, suggested) = graded_session(&app, "Priya Raman").await;
    let others = |all: &[Known]| -> (i64, i64, i64) {
        let with: Vec<i64> =
            all.iter().filter(|k| k.problem == "dedupe" && k.level == "junior").filter_map(|k| k.suggested()).collect();
        let lower = with.iter().filter(|s| **s < suggested).count() as i64;
        (with.len() as i64, lower, with.iter().filter(|s| **s == suggested).count() as i64)
    };
    let (count, _, _) = others(&all);
    assert!(count < 20, "the small history has {count} comparable sessions");
    let (status, standing, _) = call(&app, "GET", &format!("/api/i/{interviewer}/standing"), None, None).await;
    assert_eq!(status, StatusCode::OK, "{standing}");
    assert_eq!(standing["count"], json!(count));
    assert_eq!(standing["threshold"], json!(20));
    assert_eq!(standing["suggested"], json!(suggested));
    assert!(standing["better_than"].is_null(), "shown below the threshold: {standing}");
    assert!(standing["tied_with"].is_null(), "shown below the threshold: {standing}");

    // More history (the database holds generated history, so more may be added): now past the threshold.
    let more = options(400, 6, until);
    let first_id = all.len() as i64 + 2; // the real session took the next id
    all.extend(known(history::plan(&catalog, &bank(), &thresholds, &more).collect(), first_id));
    history::generate(state.store(), &catalog, &bank(), &thresholds, &more).await.unwrap();
    let (count, lower, same) = others(&all);
    assert!(count >= 20, "{count}");
    let (_, standing, _) = call(&app, "GET", &format!("/api/i/{interviewer}/standing"), None, None).await;
    assert_eq!(standing["count"], json!(count), "{standing}");
    assert_eq!(standing["better_than"], json!((100 * lower) / count), "{standing}");
    assert_eq!(standing["tied_with"], json!((100 * same) / count), "{standing}");

    // The candidate sees nothing of it.
    for path in [format!("/api/c/{candidate}"), format!("/api/c/{candidate}/submissions")] {
        let (_, body, _) = call(&app, "GET", &path, None, None).await;
        let text = body.to_string();
        assert!(!text.contains("better_than") && !text.contains("standing"), "{path}: {text}");
    }
    // The session's interviewer is named in the insights.
    let (_, api, _) = call(&app, "GET", "/api/insights?problem=dedupe&level=junior", None, Some(OPERATOR)).await;
    let priya = api["interviewers"].as_array().unwrap().iter().find(|i| i["interviewer"] == "Priya Raman").unwrap();
    let generated =
        all.iter().filter(|k| k.problem == "dedupe" && k.level == "junior" && k.interviewer == "Priya Raman").count();
    assert_eq!(priya["sessions"], json!(generated + 1));
}

#[tokio::test(flavor = "multi_thread")]
async fn history_never_goes_into_a_database_with_real_sessions() {
    let (app, state) = service_over(Store::in_memory().unwrap());
    common::new_session(&app, "dedupe").await;
    let options = options(10, 1, now_ms());
    let refused =
        history::generate(state.store(), &catalog(), &bank(), &Thresholds::default(), &options).await.unwrap_err();
    assert!(matches!(refused, history::HistoryError::RealData(1)), "{refused}");
    let (_, api, _) = call(&app, "GET", "/api/insights?problem=dedupe&level=mid", None, Some(OPERATOR)).await;
    assert_eq!(api["demo"], json!(false));
    assert_eq!(api["sessions"], json!(1));
}

mod browser {
    //! The insights page and the interviewer's standing in headless Chromium (skipped without chromedriver,
    //! except under CI), at 1366x768, with screenshots in `e2e/`.

    use super::*;
    use common::browser::{browser, laptop_screen, screenshot, start_chromedriver, wait_for};
    use fantoccini::{Client, Locator};

    async fn texts(client: &Client, css: &str) -> Vec<String> {
        let script = format!("return [...document.querySelectorAll({css:?})].map((e) => e.innerText.trim());");
        let value = client.execute(&script, vec![]).await.unwrap();
        value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect()
    }

    /// Sets a select's value as a person would (Preact listens for `change`).
    async fn choose(client: &Client, id: &str, value: &str) {
        let script = format!(
            "const s = document.getElementById({id:?}); s.value = {value:?}; s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        );
        client.execute(&script, vec![]).await.unwrap();
    }

    /// What no view for a person may show: identifiers of closed sets, fuel, unformatted classes, holes.
    const RAW: [&str; 12] = [
        "no_hire",
        "strong_hire",
        "wrong_answer",
        "does_not_load",
        "mutated_input",
        "o(n^2)",
        "fuel",
        "undefined",
        "nan",
        "null",
        "longest-substring",
        "incomplete",
    ];

    async fn assert_words(client: &Client, page: &str) {
        let shown = client.execute("return document.body.innerText;", vec![]).await.unwrap();
        let shown = shown.as_str().unwrap().to_lowercase();
        for word in RAW {
            let hit = shown
                .split(|c: char| !c.is_alphanumeric() && c != '_' && c != '^' && c != '(' && c != ')')
                .any(|w| w == word);
            assert!(!hit, "the {page} shows {word:?}:\n{shown}");
        }
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_insights_page_shows_the_figures_and_the_interviewer_their_standing() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("pages.db");
        page_shows_the_figures(Store::open(file.to_str().unwrap()).await.unwrap(), "insights").await;
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_insights_page_shows_the_figures_on_postgres() {
        let Some(url) = common::postgres_db("insights_pages") else { return };
        page_shows_the_figures(Store::open(&url).await.unwrap(), "insights-postgres").await;
    }

    /// The page over generated history in `store`; screenshots named `<shots>-*.png`.
    async fn page_shows_the_figures(store: Store, shots: &str) {
        let Some((_driver, port)) = start_chromedriver() else { return };
        let catalog = catalog();
        let thresholds = Thresholds::default();
        let until = now_ms();
        let opts = options(900, 31, until);
        history::generate(&store, &catalog, &bank(), &thresholds, &opts).await.unwrap();
        let all = known(history::plan(&catalog, &bank(), &thresholds, &opts).collect(), 1);
        let (state, workers) = state_over(ServerConfig::default(), store);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(server::run(listener, state.clone(), workers, std::future::pending()));
        let app = server::app(state);

        let client = browser(port).await;
        laptop_screen(&client).await;
        client.goto(&format!("{base}/")).await.unwrap();
        client
            .execute(&format!("localStorage.setItem('screenjudge.operator-token', {OPERATOR:?});"), vec![])
            .await
            .unwrap();
        client.goto(&format!("{base}/")).await.unwrap();
        wait_for(&client, "the start page's link", "document.querySelector('#to-insights')").await;
        client.find(Locator::Id("to-insights")).await.unwrap().click().await.unwrap();
        wait_for(&client, "the key figures", "document.querySelector('#tile-sessions')").await;
        choose(&client, "slice-problem", "longest-substring").await;
        choose(&client, "slice-level", "mid").await;
        choose(&client, "slice-period", "all").await;
        let slice: Vec<&Known> = all.iter().filter(|k| k.problem == "longest-substring" && k.level == "mid").collect();
        let want_sessions = slice.len().to_string();
        wait_for(
            &client,
            "the longest substring figures",
            &format!("document.querySelector('#tile-sessions .tile-figure')?.innerText === {want_sessions:?} && document.querySelector('#tile-words, #tile-sessions')?.innerText.includes('Longest')"),
        )
        .await;
        assert!(texts(&client, "#demo-badge").await[0].contains("demo"));

        // Decisions: each row's share and count, in words.
        let rows = texts(&client, "#decision-chart .bars-row").await;
        let words = ["strong hire", "hire", "maybe", "no hire", "not decided"];
        let ids = ["strong_hire", "hire", "maybe", "no_hire", "incomplete"];
        for ((row, word), id) in rows.iter().zip(words).zip(ids) {
            let n = slice.iter().filter(|k| k.decision(&thresholds) == id).count();
            let pct = (100.0 * n as f64 / slice.len() as f64).round() as i64;
            let noun = if n == 1 { "session" } else { "sessions" };
            assert_eq!(row.replace('\n', " "), format!("{word} {pct}% {n} {noun}"), "decision row");
        }
        // The median time to a first pass, in minutes.
        let mut times: Vec<i64> = slice.iter().filter_map(|k| k.pass_ms()).collect();
        times.sort();
        let n = times.len();
        let median = if n % 2 == 1 { times[n / 2] as f64 } else { (times[n / 2 - 1] + times[n / 2]) as f64 / 2.0 };
        let minutes = (median / 60_000.0).round() as i64;
        let shown = texts(&client, "#tile-pass-time .tile-figure").await[0].clone();
        let want =
            if minutes < 60 { format!("{minutes} min") } else { format!("{} h {:02} min", minutes / 60, minutes % 60) };
        assert_eq!(shown, want);
        // One row per question asked, and per interviewer.
        let mut questions: Vec<&str> = slice
            .iter()
            .flat_map(|k| k.sheet.iter().flat_map(|s| s.foundations.iter().map(|q| q.question.as_str())))
            .collect();
        questions.sort();
        questions.dedup();
        assert_eq!(texts(&client, "#question-table .question-row").await.len(), questions.len());
        let mut names: Vec<&str> = slice.iter().map(|k| k.interviewer.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(texts(&client, "#interviewer-table .interviewer-row").await.len(), names.len());
        assert_words(&client, "insights page").await;
        client.execute("window.scrollTo(0, 0)", vec![]).await.unwrap();
        screenshot(&client, &format!("{shots}-top.png")).await;
        client.execute("document.getElementById('failures').scrollIntoView()", vec![]).await.unwrap();
        screenshot(&client, &format!("{shots}-failures.png")).await;
        client.execute("document.getElementById('questions').scrollIntoView()", vec![]).await.unwrap();
        screenshot(&client, &format!("{shots}-questions.png")).await;

        // One interviewer's sessions that differ most are one click away, each opening its session.
        let row =
            client.find(Locator::Css("tr.interviewer-row[data-interviewer='Tom Becker'] .show-cases")).await.unwrap();
        row.click().await.unwrap();
        wait_for(
            &client,
            "Tom Becker's sessions",
            "document.querySelector('#cases-title').innerText.includes('Tom Becker')",
        )
        .await;
        wait_for(&client, "the cases", "[...document.querySelectorAll('#case-table .case-row td:nth-child(2)')].every((td) => td.innerText === 'Tom Becker')").await;
        let mut theirs: Vec<&&Known> = slice
            .iter()
            .filter(|k| k.interviewer == "Tom Becker" && k.suggested().is_some() && k.final_score().is_some())
            .collect();
        theirs.sort_by_key(|k| {
            let d = (k.final_score().unwrap() - k.suggested().unwrap()).abs();
            (std::cmp::Reverse(d), std::cmp::Reverse(k.created_at), std::cmp::Reverse(k.id))
        });
        let first = client
            .execute("return document.querySelector('#case-table .case-row').dataset.session;", vec![])
            .await
            .unwrap();
        assert_eq!(first, json!(theirs[0].id.to_string()));
        let link = client
            .execute("return document.querySelector('#case-table .open-case').getAttribute('href');", vec![])
            .await
            .unwrap();
        assert!(link.as_str().unwrap().starts_with(&format!("/i/{}-", theirs[0].id)), "{link}");
        client.execute("document.getElementById('agreement').scrollIntoView()", vec![]).await.unwrap();
        screenshot(&client, &format!("{shots}-agreement.png")).await;

        // Signed out, the page says where to sign in and shows nothing.
        client.execute("localStorage.clear()", vec![]).await.unwrap();
        client.goto(&format!("{base}/insights")).await.unwrap();
        wait_for(&client, "the signed-out note", "document.querySelector('#signed-out')").await;
        assert!(texts(&client, "#key-figures").await.is_empty());

        // The interviewer's page says where the candidate stands; the candidate's page does not.
        let (candidate, interviewer, suggested) = graded_session(&app, "Mei Lin").await;
        let others: Vec<i64> =
            all.iter().filter(|k| k.problem == "dedupe" && k.level == "junior").filter_map(|k| k.suggested()).collect();
        let lower = others.iter().filter(|s| **s < suggested).count();
        let same = others.iter().filter(|s| **s == suggested).count();
        let better = 100 * lower / others.len();
        let tied = 100 * same / others.len();
        let tie = if tied > 0 { format!(", tied with {tied}%") } else { String::new() };
        client.goto(&format!("{base}/i/{interviewer}")).await.unwrap();
        wait_for(&client, "the standing", "document.querySelector('#standing')").await;
        let line = texts(&client, "#standing").await[0].clone();
        assert_eq!(
            line,
            format!(
                "Better than {better}% of junior candidates on this problem{tie} (of {} other sessions).",
                others.len()
            )
        );
        screenshot(&client, &format!("{shots}-interviewer-standing.png")).await;
        client.goto(&format!("{base}/c/{candidate}")).await.unwrap();
        wait_for(&client, "the candidate's verdict", "document.querySelector('#submission-verdict')").await;
        let shown = client.execute("return document.body.innerText;", vec![]).await.unwrap();
        assert!(!shown.as_str().unwrap().contains("Better than"), "the candidate sees the standing");
        client.close().await.unwrap();
    }
}
