//! The service through its public interfaces: the router (without a socket), a real socket on
//! 127.0.0.1, and the real binary killed mid-evaluation and started again.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{FAST_DEDUPE, HIDDEN, Node, OPERATOR, call, http, new_session, service, state_over, wait_done};
use http_body_util::BodyExt;
use serde_json::{Value as Json, json};
use server::{ServerConfig, Store};
use std::io::{Read, Write};
use std::time::{Duration, Instant};
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread")]
async fn whole_flow_from_session_to_exported_score_sheet() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;

    let (status, view, _) = call(&app, "GET", &format!("/api/c/{candidate}"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(view["problem"]["statement"].as_str().unwrap().contains("remove_duplicates"));
    assert!(!view.to_string().contains(HIDDEN), "hidden input visible to the candidate");

    let source = common::corpus("dedupe", "quadratic_not_in.py");
    let (status, _, _) =
        call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, run, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    assert!(run["examples"].as_array().unwrap().iter().all(|e| e["passed"] == true), "{run}");

    let (status, accepted, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": source })), None).await;
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
    assert!(
        csv.as_str().unwrap().contains("domain,Coding problem,2,,,quadratic; found the set fix when asked"),
        "{csv}"
    );
    let (_, md, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/md"), None, None).await;
    assert!(md.as_str().unwrap().contains("- final: maybe"));
    // The summary's line says what the code would take at the statement's largest input, as the page does.
    for text in [md.as_str().unwrap(), csv.as_str().unwrap()] {
        let at = text.find("Largest input: ~").unwrap_or_else(|| panic!("{text}"));
        assert!(text[at..].lines().next().unwrap().contains("at n = 100,000 in native CPython (~"), "{text}");
        assert!(text[at..].lines().next().unwrap().contains("× the reference)"), "{text}");
    }
    let (_, exported, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/json"), None, None).await;
    assert_eq!(exported["submissions"][0]["summary"]["score"], 2);
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
    let (status, body, _) = call(
        &app,
        "POST",
        "/api/sessions",
        Some(json!({ "candidate_name": "Ada", "level": "mid", "problem": "nope" })),
        Some(OPERATOR),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["message"], "unknown problem 'nope'");
    let (status, _, _) = call(
        &app,
        "POST",
        "/api/sessions",
        Some(json!({ "candidate_name": "Ada", "level": "guru", "problem": "dedupe" })),
        Some(OPERATOR),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let request = Request::builder()
        .method("POST")
        .uri(format!("/api/c/{candidate}/run"))
        .header("content-type", "application/json")
        .body(Body::from("{\"source\": "))
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Json = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["error"]["code"], "bad_request");

    let huge = "x = 1\n".repeat(20_000);
    let (status, body, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": huge })), None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body["error"]["message"].as_str().unwrap().contains("limit is 65536 bytes"), "{body}");

    let hostile = "import os\nos._exit(3)\n";
    let (status, run, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": hostile })), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(run["load_error"]["message"].as_str().unwrap().contains("exited"), "{run}");

    let (status, body, _) =
        call(&app, "PUT", &format!("/api/i/{interviewer}/sheet"), Some(json!({ "coding": { "score": 7 } })), None)
            .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = call(&app, "GET", "/api/nothing-here", None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread")]
async fn too_many_submissions_get_429_with_retry_after() {
    let (app, state) = service(ServerConfig { submits_per_minute: 1, ..ServerConfig::default() });
    let (candidate, _) = new_session(&app, "dedupe").await;
    let source = json!({ "source": FAST_DEDUPE });
    let (first, _, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(source.clone()), None).await;
    assert_eq!(first, StatusCode::ACCEPTED);
    let (second, body, headers) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(source), None).await;
    assert_eq!(second, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(headers.get("retry-after").is_some());
    let (_, metrics, _) = call(&app, "GET", "/metrics", None, Some(OPERATOR)).await;
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
    let source = FAST_DEDUPE;
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": source })), None).await;
    call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": source })), None).await;
    let mut seen = String::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.contains("\"status\":\"done\"") {
        let left = deadline.saturating_duration_since(Instant::now());
        let chunk =
            tokio::time::timeout(left, tokio_stream::StreamExt::next(&mut stream)).await.expect("events in time");
        seen.push_str(&String::from_utf8_lossy(&chunk.unwrap().unwrap()));
    }
    for expected in ["\"type\":\"draft\"", "dict.fromkeys", "\"status\":\"queued\"", "\"status\":\"running\""] {
        assert!(seen.contains(expected), "{expected} missing from {seen}");
    }
}

/// Every route of the router with its methods, read from `lib.rs` (`.route("/path", get(..).post(..))`).
fn served_routes() -> Vec<(String, Vec<String>)> {
    let lib = include_str!("../crates/server/src/lib.rs");
    let app = &lib[lib.find("pub fn app(").unwrap()..lib.find("pub fn ops_app(").unwrap()];
    // One `.route(` call per item, however the formatter wrapped it.
    app.split(".route(")
        .skip(1)
        .map(|call| {
            let path = call.split('"').nth(1).unwrap().to_string();
            let handlers = &call[call.find(',').unwrap()..call.find("\n        .").unwrap_or(call.len())];
            let methods = ["get", "post", "put", "delete", "patch"]
                .iter()
                .filter(|m| handlers.contains(&format!("{m}(")))
                .map(|m| m.to_string())
                .collect();
            (path, methods)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_documents_every_route_method_success_schema_and_error_status() {
    let (app, _) = service(ServerConfig::default());
    let (status, spec, _) = call(&app, "GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let documented: usize = spec["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
    let mut served = 0;
    for (path, methods) in served_routes() {
        for method in methods {
            served += 1;
            let op = &spec["paths"][&path][&method];
            assert!(op.is_object(), "{method} {path} is not in openapi.json");
            let responses = op["responses"].as_object().unwrap();
            let success = responses
                .iter()
                .find(|(code, _)| code.starts_with('2'))
                .unwrap_or_else(|| panic!("{method} {path}: no success"));
            let content =
                success.1["content"].as_object().unwrap_or_else(|| panic!("{method} {path}: success without content"));
            assert!(content.values().all(|c| c["schema"].is_object()), "{method} {path}: success without a schema");
            if path.starts_with("/api/") && path.contains("{token}") {
                assert!(responses.contains_key("404"), "{method} {path}: 404 undocumented");
            }
            if method != "get"
                || path.contains("{format}")
                || path.ends_with("/submissions")
                || path == "/api/questions"
            {
                assert!(responses.contains_key("400"), "{method} {path}: 400 undocumented");
            }
            if path.starts_with("/api/")
                && path != "/api/openapi.json"
                && path != "/api/problems"
                && !path.starts_with("/api/questions")
            {
                assert!(responses.contains_key("503"), "{method} {path}: 503 undocumented");
            }
        }
    }
    assert_eq!(documented, served, "openapi.json documents operations the router does not serve");
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_levels_and_sheets_that_are_not_objects_are_400() {
    let (app, _) = service(ServerConfig::default());
    let (status, body, _) = call(&app, "GET", "/api/questions?level=AAA", None, None).await;
    assert_eq!((status, &body["error"]["code"]), (StatusCode::BAD_REQUEST, &json!("bad_request")), "{body}");
    let (status, body, _) = call(&app, "GET", "/api/questions?level=senior", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["questions"].as_array().unwrap().iter().all(|q| q["level"] == "senior"), "{body}");
    let (_, interviewer) = new_session(&app, "dedupe").await;
    for not_a_sheet in [json!([]), json!("sheet"), json!(3), json!(null)] {
        let (status, body, _) =
            call(&app, "PUT", &format!("/api/i/{interviewer}/sheet"), Some(not_a_sheet.clone()), None).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{not_a_sheet}: {body}");
    }
    let (_, history, _) = call(&app, "GET", &format!("/api/i/{interviewer}/sheet/history"), None, None).await;
    assert_eq!(history["versions"], json!([]));
    let (status, _, _) = call(
        &app,
        "PUT",
        &format!("/api/i/{interviewer}/sheet"),
        Some(json!({ "final_decision": "incomplete" })),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_whose_url_is_the_secret_send_security_headers() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    for path in [format!("/c/{candidate}"), format!("/i/{interviewer}"), format!("/api/i/{interviewer}")] {
        let (status, _, headers) = call(&app, "GET", &path, None, None).await;
        assert_eq!(status, StatusCode::OK);
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), "{csp}");
        assert_eq!(headers["referrer-policy"], "no-referrer");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["cache-control"], "no-store");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_need_the_operator_token() {
    let (app, _) = service(ServerConfig::default());
    let (status, _, _) = call(&app, "GET", "/metrics", None, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = call(&app, "GET", "/metrics", None, Some("wrong")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, text, _) = call(&app, "GET", "/metrics", None, Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text.as_str().unwrap().contains("screenjudge_node_info"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn interviewer_lists_come_in_pages_and_as_changes() {
    // An API-only node: nothing grades, so the submissions stay queued and in order.
    let (app, _) =
        service(ServerConfig { role: server::Role::Api, submits_per_minute: 100, ..ServerConfig::default() });
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let (status, accepted, _) = call(
            &app,
            "POST",
            &format!("/api/c/{candidate}/submissions"),
            Some(json!({ "source": format!("# {i}\n{FAST_DEDUPE}") })),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert_eq!(accepted["queue_position"], i, "{accepted}");
        ids.push(accepted["id"].as_i64().unwrap());
    }
    let list = |query: String| {
        let app = app.clone();
        let interviewer = interviewer.clone();
        async move { call(&app, "GET", &format!("/api/i/{interviewer}/submissions{query}"), None, None).await.1 }
    };
    let first = list("?limit=2".into()).await;
    let page: Vec<i64> = first["submissions"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(page, ids[3..]);
    assert_eq!(first["has_more"], true);
    assert_eq!(first["submissions"][1]["queue_position"], 4);
    let second = list(format!("?limit=2&before={}", first["next_before"])).await;
    let page: Vec<i64> = second["submissions"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    assert_eq!(page, ids[1..3]);
    let unchanged = list(format!("?changed_since={}", first["as_of"])).await;
    assert_eq!(unchanged["submissions"], json!([]));
    let (status, body, _) = call(&app, "GET", &format!("/api/i/{interviewer}/submissions?limit=0"), None, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _, _) = call(&app, "GET", &format!("/api/i/{interviewer}/submissions?before=x"), None, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, view, _) = call(&app, "GET", &format!("/api/i/{interviewer}"), None, None).await;
    assert_eq!(view["submissions"].as_array().unwrap().len(), 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn drafts_saved_seconds_apart_share_a_row_and_rows_are_capped() {
    let policy = server::DraftPolicy { coalesce_ms: 60_000, max_rows: 2 };
    let (app, _) = service(ServerConfig { drafts: policy, ..ServerConfig::default() });
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    for i in 0..5 {
        call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": format!("# {i}\n") })), None)
            .await;
    }
    let (_, view, _) = call(&app, "GET", &format!("/api/i/{interviewer}"), None, None).await;
    assert_eq!(view["drafts_saved"], 1);
    assert_eq!(view["draft"]["source"], "# 4\n");

    let (app, _) = service(ServerConfig {
        drafts: server::DraftPolicy { coalesce_ms: 0, max_rows: 2 },
        ..ServerConfig::default()
    });
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    for i in 0..5 {
        call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": format!("# {i}\n") })), None)
            .await;
    }
    let (_, view, _) = call(&app, "GET", &format!("/api/i/{interviewer}"), None, None).await;
    assert_eq!(view["drafts_saved"], 2);
    assert_eq!(view["draft"]["source"], "# 4\n");
}

#[tokio::test(flavor = "multi_thread")]
async fn event_streams_per_link_are_capped() {
    let (app, _) = service(ServerConfig { streams_per_link: 2, ..ServerConfig::default() });
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let open = |path: String| {
        let app = app.clone();
        async move { app.oneshot(Request::builder().uri(path).body(Body::empty()).unwrap()).await.unwrap() }
    };
    let first = open(format!("/api/c/{candidate}/events")).await;
    let second = open(format!("/api/c/{candidate}/events")).await;
    assert_eq!((first.status(), second.status()), (StatusCode::OK, StatusCode::OK));
    let third = open(format!("/api/c/{candidate}/events")).await;
    assert_eq!(third.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(third.headers().contains_key("retry-after"));
    // The interviewer's link has its own share; closing a stream frees a place.
    assert_eq!(open(format!("/api/i/{interviewer}/events")).await.status(), StatusCode::OK);
    drop(first);
    assert_eq!(open(format!("/api/c/{candidate}/events")).await.status(), StatusCode::OK);
}

#[test]
fn the_service_answers_over_a_real_socket() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (state, workers) = runtime.block_on(async { state_over(ServerConfig::default(), Store::in_memory().unwrap()) });
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(server::run(listener, state, workers, async {
        let _ = stopped.await;
    }));
    let (status, health) = http(&addr, "GET", "/health", None, None);
    assert_eq!((status, &health["status"], &health["database"]), (200, &json!("ok"), &json!("ok")), "{health}");
    assert_eq!(health["queue"], json!({ "waiting": 0, "running": 0 }));
    let (status, created) = http(
        &addr,
        "POST",
        "/api/sessions",
        Some(&json!({ "candidate_name": "Bo", "level": "senior", "problem": "rate-limiter" })),
        Some(OPERATOR),
    );
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
    let db = db.to_str().unwrap();
    let mut first = Node::start(&["--db", db]);
    let addr = first.addr.clone();
    let (_, created) = http(
        &addr,
        "POST",
        "/api/sessions",
        Some(&json!({ "candidate_name": "Cy", "level": "junior", "problem": "dedupe" })),
        Some(OPERATOR),
    );
    let candidate = created["candidate_token"].as_str().unwrap().to_string();
    // Slow on purpose: the cubic solution's large hidden tests each run to their fuel limit.
    let slow = common::corpus("dedupe", "cubic_rebuild.py");
    let (status, accepted) =
        http(&addr, "POST", &format!("/api/c/{candidate}/submissions"), Some(&json!({ "source": slow })), None);
    assert_eq!(status, 202);
    let id = accepted["id"].as_i64().unwrap();
    let status_of = |addr: &str| {
        let (_, list) = http(addr, "GET", &format!("/api/c/{candidate}/submissions"), None, None);
        list["submissions"].as_array().unwrap().iter().find(|s| s["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    common::wait_until("the submission runs", || status_of(&addr) == "running");
    first.kill(); // SIGKILL: no chance to drain

    let _second = Node::start_at(&addr, &["--db", db]);
    common::wait_until("the submission is graded after the restart", || status_of(&addr) == "done");
    let (_, list) = http(&addr, "GET", &format!("/api/c/{candidate}/submissions"), None, None);
    assert_eq!(list["submissions"][0]["result"]["verdict"], "timeout");
}

/// A GET with the operator token (or none) and a `Host` header, as a browser sends it.
async fn get_with_host(app: &axum::Router, uri: &str, auth: Option<&str>, host: &str) -> (StatusCode, Json) {
    let mut request = Request::builder().uri(uri).header("host", host);
    if let Some(token) = auth {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, serde_json::from_slice(&bytes).unwrap_or(Json::Null))
}

#[tokio::test(flavor = "multi_thread")]
async fn listing_sessions_needs_the_operator_token_and_pages_newest_first() {
    let (app, _) = service(ServerConfig::default());
    let names = ["Ada", "Bo", "Cy"];
    for name in names {
        let body = json!({ "candidate_name": name, "level": "senior", "problem": "rate-limiter" });
        let (status, _, _) = call(&app, "POST", "/api/sessions", Some(body), Some(OPERATOR)).await;
        assert_eq!(status, StatusCode::CREATED);
    }
    for auth in [None, Some("wrong")] {
        let (status, body, _) = call(&app, "GET", "/api/sessions", None, auth).await;
        assert_eq!((status, &body["error"]["code"]), (StatusCode::UNAUTHORIZED, &json!("unauthorized")), "{auth:?}");
        assert!(!body.to_string().contains("Ada"), "a refused list leaks nothing: {body}");
    }
    let (status, _, _) = call(&app, "GET", "/api/sessions?limit=0", None, Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, first) = get_with_host(&app, "/api/sessions?limit=2", Some(OPERATOR), "screen.test:8080").await;
    assert_eq!(status, StatusCode::OK, "{first}");
    let listed: Vec<&str> =
        first["sessions"].as_array().unwrap().iter().map(|s| s["candidate_name"].as_str().unwrap()).collect();
    assert_eq!(listed, ["Cy", "Bo"], "newest first");
    assert_eq!(first["has_more"], true);
    let top = &first["sessions"][0];
    assert_eq!(top["problem_title"], "A rate limiter for an API at 1,000 requests per second");
    assert_eq!(top["stage"], "not_started");
    assert_eq!(top["computed_decision"], "incomplete");
    assert_eq!(top["final_decision"], Json::Null);
    let url = top["links"]["interviewer_url"].as_str().unwrap();
    assert!(url.starts_with("http://screen.test:8080/i/"), "{url}");

    let before = first["next_before"].as_i64().unwrap();
    let (_, rest, _) = call(&app, "GET", &format!("/api/sessions?limit=2&before={before}"), None, Some(OPERATOR)).await;
    let listed: Vec<&str> =
        rest["sessions"].as_array().unwrap().iter().map(|s| s["candidate_name"].as_str().unwrap()).collect();
    assert_eq!((listed, &rest["has_more"]), (vec!["Ada"], &json!(false)));

    // A draft moves a session to coding; a recorded decision shows in the list.
    let token = rest["sessions"][0]["links"]["candidate_token"].as_str().unwrap().to_string();
    let interviewer = rest["sessions"][0]["links"]["interviewer_token"].as_str().unwrap().to_string();
    call(&app, "PUT", &format!("/api/c/{token}/draft"), Some(json!({ "source": "class RateLimiter: pass" })), None)
        .await;
    call(&app, "PUT", &format!("/api/i/{interviewer}/sheet"), Some(json!({ "final_decision": "no_hire" })), None).await;
    let (_, all, _) = call(&app, "GET", "/api/sessions", None, Some(OPERATOR)).await;
    let ada = all["sessions"].as_array().unwrap().iter().find(|s| s["candidate_name"] == "Ada").unwrap();
    assert_eq!((&ada["stage"], &ada["final_decision"]), (&json!("coding"), &json!("no_hire")));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_create_answer_carries_absolute_links_from_the_public_url_or_the_host() {
    let new = json!({ "candidate_name": "Ada", "level": "mid", "problem": "dedupe" });
    let post = |app: &axum::Router, host: &'static str| {
        let request = Request::builder()
            .method("POST")
            .uri("/api/sessions")
            .header("host", host)
            .header("authorization", format!("Bearer {OPERATOR}"))
            .header("content-type", "application/json")
            .body(Body::from(new.to_string()))
            .unwrap();
        let app = app.clone();
        async move {
            let response = app.oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::CREATED);
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            serde_json::from_slice::<Json>(&bytes).unwrap()
        }
    };
    let (app, _) = service(ServerConfig::default());
    let created = post(&app, "127.0.0.1:9321").await;
    let token = created["candidate_token"].as_str().unwrap();
    assert_eq!(created["candidate_link"], format!("/c/{token}"));
    assert_eq!(created["candidate_url"], format!("http://127.0.0.1:9321/c/{token}"));
    let interviewer = created["interviewer_token"].as_str().unwrap();
    assert_eq!(created["interviewer_url"], format!("http://127.0.0.1:9321/i/{interviewer}"));

    let public =
        ServerConfig { public_url: Some("https://screen.example.com/".parse().unwrap()), ..ServerConfig::default() };
    let (app, _) = service(public);
    let created = post(&app, "10.0.0.7:8080").await;
    let url = created["candidate_url"].as_str().unwrap();
    assert_eq!(url, format!("https://screen.example.com/c/{}", created["candidate_token"].as_str().unwrap()));
}

#[tokio::test(flavor = "multi_thread")]
async fn exports_carry_question_and_flag_text_iso_times_the_final_code_and_one_csv_row_per_item() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let (_, accepted, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": FAST_DEDUPE })), None)
            .await;
    wait_done(&app, &candidate, accepted["id"].as_i64().unwrap()).await;
    // Edited after submitting: the final code is this draft.
    let later = format!("{FAST_DEDUPE}# checked the empty list too\n");
    call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": later })), None).await;
    let sheet = json!({
        "foundations": [{ "question": "mutability-and-hashing", "score": 4, "notes": "tied hashing to mutability" },
                        { "question": "gil-basics", "score": 2 },
                        { "question": "What would you log in production?", "score": 3 }],
        "coding": { "score": 4 }, "experience": { "score": 3, "notes": "clear story about a migration" }, "communication": { "score": 2 },
        "red_flags": ["defensive"], "green_flags": ["trade_offs"], "final_decision": "hire",
        "notes": "Strong on data structures, unsure about threads, so: hire"
    });
    let (status, _, _) = call(&app, "PUT", &format!("/api/i/{interviewer}/sheet"), Some(sheet), None).await;
    assert_eq!(status, StatusCode::OK);
    let paste = json!({ "kind": "paste", "lines": 6, "chars": 125, "excerpt": "def remove_duplicates(lst):" });
    let (status, _, _) = call(&app, "POST", &format!("/api/c/{candidate}/signals"), Some(paste), None).await;
    assert!(status.is_success(), "{status}");
    let bank = std::fs::read_to_string(catalog::Catalog::default_dir().join("questions.json")).unwrap();
    let bank: Json = serde_json::from_str(&bank).unwrap();
    let text_of = |id: &str| {
        bank["questions"].as_array().unwrap().iter().find(|q| q["id"] == id).unwrap()["question"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let hashing = text_of("mutability-and-hashing");
    let iso = |t: &Json| {
        let t = t.as_str().unwrap_or_default();
        t.len() == 20 && t.as_bytes()[4] == b'-' && t.as_bytes()[10] == b'T' && t.ends_with('Z')
    };

    let (status, export, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/json"), None, None).await;
    assert_eq!(status, StatusCode::OK, "{export}");
    assert_eq!(export["questions"][0]["question"], hashing.as_str());
    assert_eq!(export["questions"][0]["topic"], "Data structures");
    assert_eq!(export["questions"][2]["question"], "What would you log in production?");
    assert_eq!(export["red_flags"][0]["text"], "Claims to know everything; defensive when challenged");
    assert!(iso(&export["created_at"]) && iso(&export["exported_at"]), "{export}");
    let submitted = &export["submissions"][0];
    assert!(iso(&submitted["submitted_at"]), "{submitted}");
    assert_eq!((&submitted["verdict"], &submitted["summary"]["score"]), (&json!("accepted"), &json!(4)));
    assert_eq!(submitted["time_class"], "O(n)");
    assert!(submitted["summary"]["correctness"].as_str().unwrap().starts_with("all "), "{submitted}");
    assert_eq!((&export["final_code"]["origin"], &export["final_code"]["source"]), (&json!("draft"), &json!(later)));
    assert_eq!(submitted["number"], 1, "numbered in the session: {submitted}");
    // The operator's list says how the latest graded submission went.
    let (_, listed, _) = call(&app, "GET", "/api/sessions", None, Some(OPERATOR)).await;
    assert_eq!(
        listed["sessions"][0]["result"],
        json!({ "verdict": "accepted", "passed": 14, "total": 14 }),
        "{listed}"
    );
    assert_eq!(export["signals"][0]["kind"], "paste");
    assert_eq!(export["signals"][0]["words"], "pasted 6 lines (125 characters) at once");

    let (_, csv_text, headers) = call(&app, "GET", &format!("/api/i/{interviewer}/export/csv"), None, None).await;
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    let csv_text = csv_text.as_str().unwrap();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["kind", "item", "score", "result", "time", "notes"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let of_kind = |kind: &str| rows.iter().filter(|r| &r[0] == kind).collect::<Vec<_>>();
    let questions = of_kind("question");
    assert_eq!(questions.len(), 3, "one row per question");
    assert_eq!(
        (&questions[0][1], &questions[0][2], &questions[0][5]),
        (hashing.as_str(), "4", "tied hashing to mutability")
    );
    assert_eq!(of_kind("domain").len(), 3);
    assert_eq!(&of_kind("red flag")[0][1], "Claims to know everything; defensive when challenged");
    let submission = &of_kind("submission")[0];
    assert_eq!((&submission[2], &submission[3]), ("4", "accepted"));
    assert_eq!(&submission[1], "submission #1");
    let signal = &of_kind("signal")[0];
    assert_eq!((&signal[1], &signal[3]), ("pasted 6 lines (125 characters) at once", "not a verdict"));
    assert!(iso(&json!(&submission[4])) && submission[5].contains("Time O(n)"), "{submission:?}");
    assert_eq!(&of_kind("final code")[0][5], later.as_str());
    assert_eq!(&of_kind("final decision")[0][1], "hire");
    assert_eq!(of_kind("final decision")[0][5].len(), 0, "the notes are not in the decision row");
    assert_eq!(&of_kind("general notes")[0][5], "Strong on data structures, unsure about threads, so: hire");
    assert!(!csv_text.contains("mutability-and-hashing") && !csv_text.contains("strong_hire"), "{csv_text}");

    let (_, md, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/md"), None, None).await;
    let md = md.as_str().unwrap();
    for expected in [
        hashing.as_str(),
        "- final: hire",
        "Claims to know everything",
        "```python\n",
        "# checked the empty list too",
        "| #1 |",
        "| accepted |",
        "## Pastes and time away",
        "pasted 6 lines (125 characters) at once",
    ] {
        assert!(md.contains(expected), "the Markdown lacks {expected:?}:\n{md}");
    }
    assert!(md.contains(export["created_at"].as_str().unwrap()), "{md}");
    assert!(!md.contains("gil-basics"), "{md}");

    let (status, feedback, headers) =
        call(&app, "GET", &format!("/api/i/{interviewer}/export/feedback"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/plain"));
    let feedback = feedback.as_str().unwrap();
    for expected in [
        "Hi Ada,",
        "invite you to the next stage",
        "data structures",
        "You weighed the trade-offs between options.",
        "Talk through your thinking",
        "runs in O(n)",
    ] {
        assert!(feedback.contains(expected), "the feedback lacks {expected:?}:\n{feedback}");
    }
    // The hiring team's own words stay out of what the candidate reads: flags and every note.
    for kept in ["defensive", "so: hire", "tied hashing to mutability", "clear story about a migration"] {
        assert!(!feedback.contains(kept), "the feedback shows {kept:?}:\n{feedback}");
    }
    let (status, _, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/pdf"), None, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_candidate_tries_an_input_on_their_own_code_and_sees_nothing_of_the_references() {
    let (app, _) = service(ServerConfig::default());
    let (candidate, _) = new_session(&app, "dedupe").await;
    // Wrong on purpose (sorted): the answer must not say so, nor what the reference returns.
    let source = "def remove_duplicates(lst):\n    print('hi')\n    return sorted(set(lst))\n";
    let input = "[[99999999999999999999999, 5, 99999999999999999999999]]";
    let (status, tried, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/try"), Some(json!({ "source": source, "input": input })), None)
            .await;
    assert_eq!(status, StatusCode::OK, "{tried}");
    assert_eq!(tried["value"], "[5, 99999999999999999999999]", "big integers stay exact: {tried}");
    assert_eq!(tried["output"], "hi\n");
    for kept in ["reference", "agrees"] {
        assert!(tried.get(kept).is_none(), "the candidate's answer has {kept:?}: {tried}");
    }
    // A tuple where a list is due: the message that names the expected type stays on the interviewer's side.
    let tuple = "def remove_duplicates(lst):\n    return tuple(lst)\n";
    let (_, tried, _) = call(
        &app,
        "POST",
        &format!("/api/c/{candidate}/try"),
        Some(json!({ "source": tuple, "input": "[[1]]" })),
        None,
    )
    .await;
    assert_eq!((&tried["value"], &tried["error"]), (&json!("(1,)"), &Json::Null), "{tried}");
    let (status, refused, _) = call(
        &app,
        "POST",
        &format!("/api/c/{candidate}/try"),
        Some(json!({ "source": source, "input": "[1, 2]" })),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
}

/// A new dedupe session whose candidate has saved `source`; its candidate's and interviewer's tokens.
async fn session_with_draft(app: &axum::Router, source: &str) -> (String, String) {
    let (candidate, interviewer) = new_session(app, "dedupe").await;
    let (status, _, _) =
        call(app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::OK);
    (candidate, interviewer)
}

/// Try an input took at most 16 KB while the statements' inputs go to 100,000 items.
#[tokio::test(flavor = "multi_thread")]
async fn an_input_of_the_statements_largest_size_runs_and_one_over_the_cap_is_refused_in_words() {
    let (app, _) = service(ServerConfig::default());
    let source = "def remove_duplicates(lst):\n    return list(dict.fromkeys(lst))\n";
    let (candidate, interviewer) = session_with_draft(&app, source).await;

    // 100,000 ints (the statement's largest list), some repeated, as the JSON a person pastes: over a megabyte.
    let items: Vec<String> =
        (0..100_000_i64).map(|i| ((i * 1_000_003) % 1_999_999_999 - 999_999_999).to_string()).collect();
    let largest = format!("[[{}]]", items.join(", "));
    assert!(largest.len() > 1_000_000, "{} bytes", largest.len());
    let body = json!({ "input": largest });
    let (status, answer, _) = call(&app, "POST", &format!("/api/i/{interviewer}/scratch"), Some(body), None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["result"]["agrees"], true, "{answer}");
    let input = answer["result"]["input"].as_str().unwrap_or_default();
    assert!(input.starts_with("[-999999999, ") && input.ends_with("… (100,000 items)"), "the size is said: {input}");
    let body = json!({ "source": source, "input": largest });
    let (status, own, _) = call(&app, "POST", &format!("/api/c/{candidate}/try"), Some(body), None).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    assert!(own["value"].as_str().is_some_and(|v| v.starts_with("[-999999999, ")), "{own}");

    // Over the cap: refused in words, with both sizes.
    let over = format!("[[{}1]]", "1, ".repeat(grader::scratch::MAX_INPUT_BYTES / 3));
    let (status, refused, _) =
        call(&app, "POST", &format!("/api/i/{interviewer}/scratch"), Some(json!({ "input": over })), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
    let message = refused["error"]["message"].as_str().unwrap_or_default().to_string();
    assert!(message.contains("the input is 4.0 MB; an input can be at most 4 MB"), "{refused}");
    // Far over: the body itself is refused before it is read.
    let far = " ".repeat(3 * grader::scratch::MAX_INPUT_BYTES);
    let (status, _, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/try"), Some(json!({ "source": source, "input": far })), None)
            .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);

    // The contract says the same: every string of maxLength characters fits in the byte cap.
    let (_, spec, _) = call(&app, "GET", "/api/openapi.json", None, None).await;
    for schema in ["ScratchInput", "TryInput"] {
        let most = spec["components"]["schemas"][schema]["properties"]["input"]["maxLength"].as_u64().unwrap() as usize;
        assert_eq!(most * 4, grader::scratch::MAX_INPUT_BYTES, "{schema}: four UTF-8 bytes per character at most");
    }
}

/// An infinite loop read as "stopped after about 3 ms / 6 ms / 62 ms of work", different in Run and in
/// Try an input: it is said against the reference's work on the same input, with no raw figure (except
/// on the candidate's own input, which names nothing of the reference's).
#[tokio::test(flavor = "multi_thread")]
async fn a_call_that_does_not_finish_is_described_against_the_references_work_in_run_and_try() {
    let (app, _) = service(ServerConfig::default());
    let source = "def remove_duplicates(lst):\n    while True:\n        pass\n";
    let (candidate, interviewer) = session_with_draft(&app, source).await;
    let said = |error: &Json| {
        let error = error.as_str().unwrap_or_default().to_string();
        let (start, end) =
            ("did not finish: still running after more than ", "× the reference's work on the same input");
        assert!(error.starts_with(start) && error.ends_with(end), "{error}");
        let figure = &error[start.len()..error.len() - end.len()];
        assert!(figure.replace(',', "").parse::<u64>().is_ok_and(|n| n >= 2), "{error}");
    };
    let (status, run, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/run"), Some(json!({ "source": source })), None).await;
    assert_eq!(status, StatusCode::OK, "{run}");
    let examples = run["examples"].as_array().unwrap();
    assert!(!examples.is_empty());
    examples.iter().for_each(|example| said(&example["error"]));

    let input = json!({ "input": "[[3, 1, 3, 2, 1]]" });
    let (status, scratch, _) = call(&app, "POST", &format!("/api/i/{interviewer}/scratch"), Some(input), None).await;
    assert_eq!(status, StatusCode::OK, "{scratch}");
    said(&scratch["result"]["candidate"]["error"]);
    // The candidate's own input says nothing of the reference's: not even its work.
    let body = json!({ "source": source, "input": "[[3, 1, 3, 2, 1]]" });
    let (status, own, _) = call(&app, "POST", &format!("/api/c/{candidate}/try"), Some(body), None).await;
    assert_eq!(status, StatusCode::OK, "{own}");
    let error = own["error"].as_str().unwrap_or_default();
    assert!(error.starts_with("did not finish: still running") && !error.contains("reference"), "{own}");
}
