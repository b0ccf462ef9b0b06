//! The candidate's timeline and the interviewer's scratch runs through the HTTP API: the page's signals
//! read strictly and stored in order, Runs recorded with what the candidate saw, the timeline kept from the
//! candidate, and scratch runs answered beside the reference.

mod common;

use axum::http::StatusCode;
use common::{FAST_DEDUPE, call, new_session, service};
use serde_json::{Value as Json, json};
use server::ServerConfig;

async fn signal(app: &axum::Router, candidate: &str, body: Json) -> (StatusCode, Json) {
    let (status, answer, _) = call(app, "POST", &format!("/api/c/{candidate}/signals"), Some(body), None).await;
    (status, answer)
}

async fn timeline(app: &axum::Router, interviewer: &str) -> Json {
    let (status, body, _) = call(app, "GET", &format!("/api/i/{interviewer}/timeline"), None, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

async fn scratch(app: &axum::Router, interviewer: &str, input: &str) -> (StatusCode, Json) {
    let body = json!({ "input": input });
    let (status, answer, _) = call(app, "POST", &format!("/api/i/{interviewer}/scratch"), Some(body), None).await;
    (status, answer)
}

#[tokio::test(flavor = "multi_thread")]
async fn signals_and_runs_are_stored_and_returned_in_time_order() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let paste = json!({ "kind": "paste", "lines": 11, "chars": 240, "excerpt": "def remove_duplicates(lst):" });
    let (status, pasted) = signal(&app, &candidate, paste).await;
    assert_eq!(status, StatusCode::CREATED, "{pasted}");
    let (status, run, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": FAST_DEDUPE })), None).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    // Time away is reported when the candidate is back, and begins when they left: here 4 s before, which is
    // before the session began, so it begins with the session, before the paste and the Run.
    let (status, away) = signal(&app, &candidate, json!({ "kind": "focus_lost", "away_ms": 4_000 })).await;
    assert_eq!(status, StatusCode::CREATED, "{away}");

    let line = timeline(&app, &interviewer).await;
    let events = line["events"].as_array().unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["focus_lost", "paste", "run"], "{line}");
    let times: Vec<i64> = events.iter().map(|e| e["at"].as_i64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert_eq!(events[0]["at"], line["started_at"]);
    let away = events[0]["seconds"].as_f64().unwrap();
    assert!(away > 0.0 && away < 4.0, "time away is counted from the session's start: {away}");
    assert_eq!(events[1]["lines"], 11);
    assert_eq!(events[1]["excerpt"], "def remove_duplicates(lst):");
    let recorded = &events[2];
    assert_eq!((recorded["passed"].as_u64(), recorded["total"].as_u64()), (Some(3), Some(3)), "{recorded}");
    assert!(recorded["load_error"].is_null());
    // The code that ran is a draft version, so playback shows it.
    let drafts = line["drafts"].as_array().unwrap();
    let ran = drafts.iter().find(|d| d["id"] == recorded["draft_id"]).expect("the Run's draft is on the timeline");
    assert_eq!(ran["source"], FAST_DEDUPE);
    assert_eq!(line["playback"]["coalesce_seconds"], 5.0);
}

#[tokio::test(flavor = "multi_thread")]
async fn signals_outside_the_closed_set_or_their_bounds_are_refused() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    for bad in [
        json!({ "kind": "copy", "lines": 5, "chars": 50 }),
        json!({ "kind": "run", "draft_id": 1, "passed": 3, "total": 3, "load_error": null }),
        json!({ "kind": "paste", "lines": 1, "chars": 50 }),
        json!({ "kind": "paste", "lines": 5, "chars": 50, "verdict": "cheating" }),
        json!({ "kind": "paste", "lines": 5, "chars": 2 }),
        json!({ "kind": "paste", "lines": 5, "chars": 500, "excerpt": "x".repeat(201) }),
        json!({ "kind": "focus_lost", "away_ms": 100 }),
        json!({ "kind": "focus_lost", "away_ms": -4000 }),
        json!({ "kind": "focus_lost" }),
        json!([{ "kind": "focus_lost", "away_ms": 4000 }]),
    ] {
        let (status, body) = signal(&app, &candidate, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(body["error"]["message"].is_string(), "{body}");
    }
    let oversize = json!({ "kind": "paste", "lines": 5, "chars": 500, "excerpt": "x".repeat(4_000) });
    let (status, body) = signal(&app, &candidate, oversize).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert!(timeline(&app, &interviewer).await["events"].as_array().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn signals_are_rate_limited() {
    let (app, _) = service(ServerConfig { reports_per_minute: 2, ..ServerConfig::default() });
    let (candidate, _) = new_session(&app, "dedupe").await;
    let away = json!({ "kind": "focus_lost", "away_ms": 4_000 });
    for _ in 0..2 {
        assert_eq!(signal(&app, &candidate, away.clone()).await.0, StatusCode::CREATED);
    }
    let (status, _, headers) = call(&app, "POST", &format!("/api/c/{candidate}/signals"), Some(away), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_candidate_link_cannot_read_the_timeline_or_run_scratch_code() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let (status, body, _) = call(&app, "GET", &format!("/api/i/{candidate}/timeline"), None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = scratch(&app, &candidate, "[[1, 1]]").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // Nor can the interviewer's link report signals as the candidate.
    let away = json!({ "kind": "focus_lost", "away_ms": 4_000 });
    let (status, _, _) = call(&app, "POST", &format!("/api/c/{interviewer}/signals"), Some(away), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scratch_run_answers_with_the_candidates_result_and_the_references() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let (status, body) = scratch(&app, &interviewer, "[[1, 1]]").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no code yet: {body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("no code yet"), "{body}");

    // Keeps the last of each value: right on [1, 2, 1] only by luck of order, wrong here.
    let last_kept = "def remove_duplicates(lst):\n    print('called')\n    return list(reversed(list(dict.fromkeys(reversed(lst)))))\n";
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": last_kept })), None).await;
    let (status, answer) = scratch(&app, &interviewer, r#"[[3, 1, 3, {"$int": "123456789012345678901234"}]]"#).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["code"]["from"], "draft");
    let result = &answer["result"];
    assert_eq!(result["kind"], "call");
    assert_eq!(result["input"], "[3, 1, 3, 123456789012345678901234]");
    assert_eq!(result["candidate"]["value"], "[1, 3, 123456789012345678901234]");
    assert_eq!(result["candidate"]["output"], "called\n");
    assert_eq!(result["reference"], "[3, 1, 123456789012345678901234]");
    assert_eq!(result["agrees"], false);

    // A call that fails is a result, not an error.
    let raises = "def remove_duplicates(lst):\n    return lst[10]\n";
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": raises })), None).await;
    let (status, answer) = scratch(&app, &interviewer, "[[1, 2]]").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer["result"]["candidate"]["error"].as_str().unwrap().contains("IndexError"), "{answer}");
    assert_eq!(answer["result"]["candidate"]["line"], 2);
    assert_eq!(answer["result"]["reference"], "[1, 2]");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_scratch_input_is_a_400_that_says_what_is_wrong() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": FAST_DEDUPE })), None).await;
    for (input, says) in [
        ("[3, 1, 3", "not valid JSON"),
        ("[3, 1, 3]", "takes 1 argument; the list holds 3"),
        ("{\"lst\": [1]}", "one item per argument"),
        (r#"[{"$object": "os.system"}]"#, "one tagged value"),
        ("[\"not a list\"]", ""),
        ("", "empty"),
    ] {
        let (status, body) = scratch(&app, &interviewer, input).await;
        if input == "[\"not a list\"]" {
            // dedupe of a string is a list of its characters: a fair input for the reference.
            assert_eq!(status, StatusCode::OK, "{input}: {body}");
            continue;
        }
        assert_eq!(status, StatusCode::BAD_REQUEST, "{input}: {body}");
        let message = body["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{input}: {message}");
    }
    // An input the reference itself refuses does not fit the problem.
    let (status, body) = scratch(&app, &interviewer, "[5]").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("reference solution does not accept"), "{body}");
    let (status, body, _) =
        call(&app, "POST", &format!("/api/i/{interviewer}/scratch"), Some(json!({ "args": [[1]] })), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scratch_trace_shows_each_decision_against_the_references() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "rate-limiter").await;
    // A fixed window: admits a burst across the boundary that a sliding window refuses.
    let fixed = "class RateLimiter:\n    def __init__(self, limit, window):\n        self.limit, self.window = limit, window\n        self.counts = {}\n    def allow(self, key, now):\n        slot = (key, int(now // self.window))\n        self.counts[slot] = self.counts.get(slot, 0) + 1\n        return self.counts[slot] <= self.limit\n";
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": fixed })), None).await;
    let trace = r#"{"limit": 2, "window": 1.0, "requests": [["a", 0.6], ["a", 0.7], ["a", 1.0], ["a", 1.1]]}"#;
    let (status, answer) = scratch(&app, &interviewer, trace).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let result = &answer["result"];
    assert_eq!(result["kind"], "trace");
    let decided: Vec<(Json, Json)> = result["requests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["candidate"].clone(), r["reference"].clone()))
        .collect();
    let t = Json::Bool(true);
    let f = Json::Bool(false);
    assert_eq!(decided, [(t.clone(), t.clone()), (t.clone(), t.clone()), (t.clone(), f.clone()), (t, f)]);
    assert_eq!(result["agrees"], false);
    let (status, body) = scratch(&app, &interviewer, r#"{"limit": 0, "window": 1.0, "requests": [["a", 0]]}"#).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("limit"), "{body}");
}

/// Reads a server-sent event stream until `done` holds for what arrived, or a minute passes.
async fn read_stream(app: &axum::Router, path: &str, mut done: impl FnMut(&str) -> bool) -> String {
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;
    let response = app.clone().oneshot(Request::builder().uri(path).body(Body::empty()).unwrap()).await.unwrap();
    let mut stream = response.into_body().into_data_stream();
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
    while !done(&seen) {
        match tokio::time::timeout_at(deadline, tokio_stream::StreamExt::next(&mut stream)).await {
            Ok(Some(Ok(chunk))) => seen.push_str(&String::from_utf8_lossy(&chunk)),
            _ => break,
        }
    }
    seen
}

#[tokio::test(flavor = "multi_thread")]
async fn the_interviewer_sees_signals_and_runs_live_and_the_candidate_does_not() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let watching = {
        let app = app.clone();
        let path = format!("/api/i/{interviewer}/events");
        tokio::spawn(async move { read_stream(&app, &path, |s| s.contains("\"kind\":\"run\"")).await })
    };
    let own = {
        let app = app.clone();
        let path = format!("/api/c/{candidate}/events");
        tokio::spawn(async move { read_stream(&app, &path, |s| s.contains("\"status\":\"queued\"")).await })
    };
    // Let both streams open before anything happens.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    signal(&app, &candidate, json!({ "kind": "paste", "lines": 4, "chars": 60, "excerpt": "def f():" })).await;
    call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": FAST_DEDUPE })), None).await;
    call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": FAST_DEDUPE })), None).await;
    let seen = watching.await.unwrap();
    for expected in ["\"type\":\"timeline\"", "\"kind\":\"paste\"", "\"lines\":4", "\"kind\":\"run\"", "\"passed\":3"] {
        assert!(seen.contains(expected), "{expected} missing from {seen}");
    }
    let theirs = own.await.unwrap();
    assert!(theirs.contains("\"status\":\"queued\""), "{theirs}");
    assert!(!theirs.contains("timeline"), "the candidate's stream carries the timeline: {theirs}");
}

#[test]
fn the_timeline_is_kept_on_postgres_and_reaches_every_node() {
    let Some(db) = common::postgres_db("timeline") else {
        return;
    };
    let api = common::Node::start(&["--db", &db, "--role", "api"]);
    let other = common::Node::start(&["--db", &db, "--role", "api"]);
    let body = json!({ "candidate_name": "Pg", "level": "mid", "problem": "dedupe" });
    let (status, created) = common::http(&api.addr, "POST", "/api/sessions", Some(&body), Some(common::OPERATOR));
    assert_eq!(status, 201, "{created}");
    let candidate = created["candidate_token"].as_str().unwrap().to_string();
    let interviewer = created["interviewer_token"].as_str().unwrap().to_string();

    // A stream held on the other node hears what the candidate does on this one.
    use std::io::{Read, Write};
    let mut events = std::net::TcpStream::connect(&other.addr).unwrap();
    events.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    write!(events, "GET /api/i/{interviewer}/events HTTP/1.1\r\nHost: {}\r\n\r\n", other.addr).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));

    let paste = json!({ "kind": "paste", "lines": 5, "chars": 90, "excerpt": "def remove_duplicates(lst):" });
    let (status, answer) = common::http(&api.addr, "POST", &format!("/api/c/{candidate}/signals"), Some(&paste), None);
    assert_eq!(status, 201, "{answer}");
    let run = json!({ "source": FAST_DEDUPE });
    let (status, answer) = common::http(&api.addr, "POST", &format!("/api/c/{candidate}/run"), Some(&run), None);
    assert_eq!(status, 200, "{answer}");

    let (status, line) = common::http(&other.addr, "GET", &format!("/api/i/{interviewer}/timeline"), None, None);
    assert_eq!(status, 200, "{line}");
    let kinds: Vec<&str> = line["events"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["paste", "run"], "{line}");
    assert_eq!(line["drafts"][0]["source"], FAST_DEDUPE);

    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    while !(seen.contains("\"kind\":\"paste\"") && seen.contains("\"kind\":\"run\"")) {
        let n = events.read(&mut buffer).expect("the other node's stream hears the timeline");
        assert!(n > 0, "the stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
}
