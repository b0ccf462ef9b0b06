//! The service through its public interfaces: the router (without a socket), a real socket on
//! 127.0.0.1, and the real binary killed mid-evaluation and started again.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use catalog::Catalog;
use grader::Grader;
use http_body_util::BodyExt;
use runner::{Sandbox, SandboxConfig};
use serde_json::{Value as Json, json};
use server::{AppState, ServerConfig, Store};
use std::io::{Read, Write};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tower::ServiceExt;

const OPERATOR: &str = "test-operator-token";
const HIDDEN: &str = "717897987691852588770249"; // an input of one of dedupe's hidden tests

fn grader() -> Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| Grader::new(Arc::new(Sandbox::new(&SandboxConfig::from_env()).unwrap()))).clone()
}

/// A service over an in-memory database, with its workers running.
fn service(config: ServerConfig) -> (axum::Router, AppState) {
    let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
    let config = ServerConfig { operator_token: Some(OPERATOR.into()), ..config };
    let (state, receiver, _) = AppState::new(config, Store::in_memory().unwrap(), catalog, grader()).unwrap();
    std::mem::forget(server::start_workers(&state, receiver));
    (server::app(state.clone()), state)
}

async fn call(app: &axum::Router, method: &str, uri: &str, body: Option<Json>, auth: Option<&str>) -> (StatusCode, Json, axum::http::HeaderMap) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = auth {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(json) => {
            request = request.header("content-type", "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    let response = app.clone().oneshot(request.body(body).unwrap()).await.unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| Json::String(String::from_utf8_lossy(&bytes).into()));
    (status, json, headers)
}

async fn new_session(app: &axum::Router, problem: &str) -> (String, String) {
    let body = json!({ "candidate_name": "Ada", "level": "mid", "problem": problem });
    let (status, created, _) = call(app, "POST", "/api/sessions", Some(body), Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (created["candidate_token"].as_str().unwrap().into(), created["interviewer_token"].as_str().unwrap().into())
}

async fn wait_done(app: &axum::Router, candidate: &str, id: i64) -> Json {
    let start = Instant::now();
    loop {
        let (_, list, _) = call(app, "GET", &format!("/api/c/{candidate}/submissions"), None, None).await;
        let sub = list["submissions"].as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap();
        if sub["status"] == "done" || sub["status"] == "failed" {
            return sub;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "submission {id} never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn whole_flow_from_session_to_exported_score_sheet() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;

    let (status, view, _) = call(&app, "GET", &format!("/api/c/{candidate}"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(view["problem"]["statement"].as_str().unwrap().contains("remove_duplicates"));
    assert!(!view.to_string().contains(HIDDEN), "hidden input visible to the candidate");

    let source = std::fs::read_to_string(format!("{}/dedupe/corpus/quadratic_not_in.py", Catalog::default_dir().display())).unwrap();
    let (status, _, _) = call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, run, _) = call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    assert!(run["examples"].as_array().unwrap().iter().all(|e| e["passed"] == true), "{run}");

    let (status, accepted, _) = call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let id = accepted["id"].as_i64().unwrap();
    let done = wait_done(&app, &candidate, id).await;
    assert_eq!(done["result"]["verdict"], "accepted");
    assert!(!done.to_string().contains(HIDDEN), "hidden input in the candidate's result");
    assert!(done["result"].get("score").is_none(), "the candidate sees no score");

    let (_, full, _) = call(&app, "GET", &format!("/api/i/{interviewer}"), None, None).await;
    assert_eq!(full["draft"]["source"], source);
    let report = &full["submissions"][0]["report"];
    assert_eq!(report["complexity"]["time"], "O(n^2)");
    assert_eq!(report["score"]["suggested"], 2);

    let sheet = json!({
        "foundations": [{ "question": "how-dicts-work", "score": 3 }, { "question": "decorators", "score": 3 }, { "question": "gil-basics", "score": 2 }],
        "coding": { "score": 2, "notes": "quadratic; found the set fix when asked" },
        "experience": { "score": 3 }, "communication": { "score": 4 },
        "red_flags": [], "green_flags": ["trade_offs"], "final_decision": "maybe"
    });
    let (status, saved, _) = call(&app, "PUT", &format!("/api/i/{interviewer}/sheet"), Some(sheet), None).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["computed"]["foundations_average"], 2.67);
    assert_eq!(saved["computed"]["decision"], "maybe");

    let (status, csv, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/csv"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.as_str().unwrap().contains("coding,coding problem,2,quadratic; found the set fix when asked"));
    let (_, md, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/md"), None, None).await;
    assert!(md.as_str().unwrap().contains("- final: maybe"));
    let (_, exported, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/json"), None, None).await;
    assert_eq!(exported["suggested_score"]["suggested"], 2);
    let (_, history, _) = call(&app, "GET", &format!("/api/i/{interviewer}/sheet/history"), None, None).await;
    assert_eq!(history["versions"].as_array().unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_candidate_link_cannot_read_interviewer_data() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    for path in ["", "/submissions", "/sheet/history", "/export/json"] {
        let (status, body, _) = call(&app, "GET", &format!("/api/i/{candidate}{path}"), None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
    }
    let forged = format!("{}-{}", interviewer.split('-').next().unwrap(), "0".repeat(64));
    let (status, _, _) = call(&app, "GET", &format!("/api/i/{forged}"), None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_the_right_status_and_one_error_shape() {
    let (app, _) = service(ServerConfig::default());
    let good = json!({ "candidate_name": "Ada", "level": "mid", "problem": "dedupe" });
    let (status, body, _) = call(&app, "POST", "/api/sessions", Some(good.clone()), Some("wrong")).await;
    assert_eq!((status, body["error"]["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
    let (status, body, _) = call(&app, "POST", "/api/sessions", Some(json!({ "candidate_name": "Ada", "level": "mid", "problem": "nope" })), Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["message"], "unknown problem 'nope'");
    let (status, _, _) = call(&app, "POST", "/api/sessions", Some(json!({ "candidate_name": "Ada", "level": "guru", "problem": "dedupe" })), Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let request = Request::builder().method("POST").uri(format!("/api/c/{candidate}/run")).header("content-type", "application/json").body(Body::from("{\"source\": ")).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Json = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["error"]["code"], "bad_request");

    let huge = "x = 1\n".repeat(20_000);
    let (status, body, _) = call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": huge })), None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body["error"]["message"].as_str().unwrap().contains("limit is 65536 bytes"), "{body}");

    let hostile = "import os\nos._exit(3)\n";
    let (status, run, _) = call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": hostile })), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(run["load_error"]["message"].as_str().unwrap().contains("exited"), "{run}");

    let (status, body, _) = call(&app, "PUT", &format!("/api/i/{interviewer}/sheet"), Some(json!({ "coding": { "score": 7 } })), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = call(&app, "GET", "/api/nothing-here", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn too_many_submissions_get_429_with_retry_after() {
    let (app, state) = service(ServerConfig { submits_per_minute: 1, ..ServerConfig::default() });
    let (candidate, _) = new_session(&app, "dedupe").await;
    let source = json!({ "source": "def remove_duplicates(lst):\n    return list(dict.fromkeys(lst))\n" });
    let (first, _, _) = call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(source.clone()), None).await;
    assert_eq!(first, StatusCode::ACCEPTED);
    let (second, body, headers) = call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(source), None).await;
    assert_eq!(second, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(headers.get("retry-after").is_some());
    let (_, metrics, _) = call(&app, "GET", "/metrics", None, None).await;
    assert!(metrics.as_str().unwrap().contains("screenjudge_throttled_total 1"), "{metrics}");
    drop(state);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_interviewer_sees_drafts_and_submissions_live_over_server_sent_events() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let request = Request::builder().uri(format!("/api/i/{interviewer}/events")).body(Body::empty()).unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut stream = response.into_body().into_data_stream();
    let source = "def remove_duplicates(lst):\n    return list(dict.fromkeys(lst))\n";
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": source })), None).await;
    call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": source })), None).await;
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.contains("\"status\":\"done\"") {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk = tokio::time::timeout(left, tokio_stream::StreamExt::next(&mut stream)).await.expect("events in time");
        seen.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
    }
    for expected in ["\"type\":\"draft\"", "dict.fromkeys", "\"status\":\"queued\"", "\"status\":\"running\""] {
        assert!(seen.contains(expected), "{expected} missing from {seen}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_documents_every_route() {
    let (app, _) = service(ServerConfig::default());
    let (status, spec, _) = call(&app, "GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let lib = include_str!("../crates/server/src/lib.rs");
    for line in lib.lines().filter(|l| l.trim_start().starts_with(".route(\"")) {
        let path = line.split('"').nth(1).unwrap();
        assert!(spec["paths"].get(path).is_some(), "{path} is not in openapi.json");
    }
}

/// A minimal HTTP/1.1 client over a real socket.
fn http(addr: &str, method: &str, path: &str, body: Option<&Json>, auth: Option<&str>) -> (u16, Json) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let auth = auth.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let payload = response.split("\r\n\r\n").nth(1).unwrap_or_default();
    (status, serde_json::from_str(payload).unwrap_or(Json::Null))
}

#[test]
fn the_service_answers_over_a_real_socket() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (state, receiver, _) = runtime.block_on(async {
        let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
        let config = ServerConfig { operator_token: Some(OPERATOR.into()), ..ServerConfig::default() };
        AppState::new(config, Store::in_memory().unwrap(), catalog, grader()).unwrap()
    });
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(server::run(listener, state, receiver, async { let _ = stopped.await; }));
    let (status, health) = http(&addr, "GET", "/health", None, None);
    assert_eq!((status, health), (200, json!({ "status": "ok" })));
    let (status, created) = http(&addr, "POST", "/api/sessions", Some(&json!({ "candidate_name": "Bo", "level": "senior", "problem": "rate-limiter" })), Some(OPERATOR));
    assert_eq!(status, 201, "{created}");

    // An interviewer's page holds an event stream open; shutdown must end it rather than wait for it.
    let mut events = std::net::TcpStream::connect(&addr).unwrap();
    let path = format!("/api/i/{}/events", created["interviewer_token"].as_str().unwrap());
    write!(events, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut head = [0u8; 12];
    events.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 200");
    stop.send(()).unwrap();
    let finished = runtime.block_on(async { tokio::time::timeout(Duration::from_secs(60), server).await });
    finished.expect("shutdown finishes with an event stream open").unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn draft_saves_are_rate_limited() {
    let (app, _) = service(ServerConfig { drafts_per_minute: 2, ..ServerConfig::default() });
    let (candidate, _) = new_session(&app, "dedupe").await;
    let mut statuses = Vec::new();
    for i in 0..3 {
        let draft = json!({ "source": format!("# draft {i}\n") });
        statuses.push(call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(draft), None).await.0);
    }
    assert_eq!(statuses, [StatusCode::OK, StatusCode::OK, StatusCode::TOO_MANY_REQUESTS]);
}

#[test]
fn a_submission_running_when_the_process_dies_completes_after_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("screen.db");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let addr = format!("127.0.0.1:{port}");
    let start = || {
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_screenjudge"))
            .args(["serve", "--addr", &addr, "--token", OPERATOR, "--db"])
            .arg(&db)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let begun = Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            assert!(begun.elapsed() < Duration::from_secs(60), "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        child
    };
    let mut first = start();
    let (_, created) = http(&addr, "POST", "/api/sessions", Some(&json!({ "candidate_name": "Cy", "level": "junior", "problem": "dedupe" })), Some(OPERATOR));
    let candidate = created["candidate_token"].as_str().unwrap().to_string();
    // Slow on purpose: the cubic solution's large hidden tests each run to their fuel limit.
    let slow = std::fs::read_to_string(format!("{}/dedupe/corpus/cubic_rebuild.py", Catalog::default_dir().display())).unwrap();
    let (status, accepted) = http(&addr, "POST", &format!("/api/c/{candidate}/submissions"), Some(&json!({ "source": slow })), None);
    assert_eq!(status, 202);
    let id = accepted["id"].as_i64().unwrap();
    let status_of = |addr: &str| {
        let (_, list) = http(addr, "GET", &format!("/api/c/{candidate}/submissions"), None, None);
        list["submissions"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()["status"].as_str().unwrap().to_string()
    };
    let begun = Instant::now();
    while status_of(&addr) != "running" {
        assert!(begun.elapsed() < Duration::from_secs(30));
        std::thread::sleep(Duration::from_millis(20));
    }
    first.kill().unwrap(); // SIGKILL: no chance to drain
    first.wait().unwrap();

    let mut second = start();
    let begun = Instant::now();
    loop {
        let status = status_of(&addr);
        if status == "done" {
            break;
        }
        assert!(begun.elapsed() < Duration::from_secs(180), "still {status} after restart");
        std::thread::sleep(Duration::from_millis(200));
    }
    let (_, list) = http(&addr, "GET", &format!("/api/c/{candidate}/submissions"), None, None);
    assert_eq!(list["submissions"][0]["result"]["verdict"], "timeout");
    second.kill().unwrap();
    second.wait().unwrap();
}
