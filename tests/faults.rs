//! The service under faults and hostile load (issue 18): a database that refuses writes strands no
//! accepted submission, one link's looping Runs cannot hold up another link's Run, shutdown takes no
//! new job, and the queue is fair between sessions. Assertions are on states and order, never on time.

mod common;

use axum::http::StatusCode;
use common::{
    FAST_DEDUPE, LOOPING_DEDUPE, OPERATOR, call, new_session, service, state_over, submission, wait_done, wait_status,
};
use serde_json::json;
use server::{Role, ServerConfig, Store};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn a_store_that_fails_on_write_strands_nothing_once_it_recovers() {
    let config = ServerConfig { lease_seconds: 2, poll_millis: 100, ..ServerConfig::default() };
    let (app, state) = service(config);
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let (status, accepted, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": FAST_DEDUPE })), None)
            .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let id = accepted["id"].as_i64().unwrap();
    wait_status(&app, &candidate, id, "running").await;

    // The disk fills while the submission is graded: storing its report fails, and so does a new one.
    state.store().inject_write_failures(true);
    let (status, body, headers) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": FAST_DEDUPE })), None)
            .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["error"]["code"], "unavailable");
    assert!(headers.contains_key("retry-after"));
    let (status, _, _) =
        call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": "x" })), None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    // Wait until the worker has tried (and failed) to store the outcome a few times, past its lease.
    let before = state.store().failures();
    while state.store().failures() < before + 6 {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        submission(&app, &candidate, id).await["status"],
        "running",
        "nothing claims it is finished while the store refuses"
    );

    state.store().inject_write_failures(false);
    let done = wait_done(&app, &candidate, id).await;
    assert_eq!((&done["status"], &done["result"]["verdict"]), (&json!("done"), &json!("accepted")), "{done}");
    let (_, list, _) = call(&app, "GET", &format!("/api/i/{interviewer}/submissions"), None, None).await;
    assert_eq!(list["submissions"].as_array().unwrap().len(), 1, "only the accepted submission exists: {list}");
    let (_, health, _) = call(&app, "GET", "/health", None, None).await;
    assert_eq!(health["queue"], json!({ "waiting": 0, "running": 0 }));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_links_looping_runs_cannot_hold_up_another_links_run() {
    // One slot, so the order is visible: the looping Run holds it, the other link's Run waits next in line.
    let (app, state) = service(ServerConfig { run_slots: 1, run_queue: 1, ..ServerConfig::default() });
    let (looper, _) = new_session(&app, "dedupe").await;
    let (other, _) = new_session(&app, "dedupe").await;
    let (third, _) = new_session(&app, "dedupe").await;
    let run = |token: String, source: &'static str| {
        let app = app.clone();
        tokio::spawn(async move {
            call(&app, "POST", &format!("/api/c/{token}/run"), Some(json!({ "source": source })), None).await
        })
    };
    let metric = |name: &'static str| {
        let app = app.clone();
        async move {
            let (_, text, _) = call(&app, "GET", "/metrics", None, Some(OPERATOR)).await;
            text.as_str()
                .unwrap()
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split(' ').nth(1)?.parse::<i64>().ok())
                .unwrap_or(-1)
        }
    };
    let looping = run(looper.clone(), LOOPING_DEDUPE);
    while metric("screenjudge_runs_running").await != 1 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The same link's second Run is refused at once: it cannot take a second place in line.
    let (status, _, headers) =
        call(&app, "POST", &format!("/api/c/{looper}/run"), Some(json!({ "source": LOOPING_DEDUPE })), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));
    let waiting = run(other.clone(), FAST_DEDUPE);
    while metric("screenjudge_runs_waiting").await != 1 {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // The line is full: a third link is told to come back rather than queue without bound.
    let (status, _, headers) =
        call(&app, "POST", &format!("/api/c/{third}/run"), Some(json!({ "source": FAST_DEDUPE })), None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));

    // The looping Run ends at the Run budget (not the hidden tests' budget) and the waiting Run is next.
    let (status, looped, _) = looping.await.unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(looped["examples"].as_array().unwrap().iter().all(|e| e["passed"] == false), "{looped}");
    let (status, fast, _) = waiting.await.unwrap();
    assert_eq!(status, StatusCode::OK);
    assert!(fast["examples"].as_array().unwrap().iter().all(|e| e["passed"] == true), "{fast}");
    drop(state);
}

#[tokio::test(flavor = "multi_thread")]
async fn after_the_shutdown_signal_no_new_job_is_started() {
    let (state, workers) = state_over(ServerConfig::default(), Store::in_memory().unwrap());
    let app = server::app(state.clone());
    let (candidate, _) = new_session(&app, "dedupe").await;
    let (_, accepted, _) =
        call(&app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": FAST_DEDUPE })), None)
            .await;
    let id = accepted["id"].as_i64().unwrap();
    // The signal arrives before the workers get to the waiting job.
    state.begin_stopping();
    let running = server::start_workers(&state, workers);
    server::drain(&state, running).await;
    assert_eq!(submission(&app, &candidate, id).await["status"], "queued", "a job was started after the signal");
}

/// Five submissions from one session, then one from another: the other's is graded second.
async fn a_burst_delays_another_session_by_at_most_one_evaluation(store: Store) {
    let (state, _) =
        state_over(ServerConfig { role: Role::Api, submits_per_minute: 100, ..ServerConfig::default() }, store);
    let app = server::app(state.clone());
    let (burst, _) = new_session(&app, "dedupe").await;
    let (single, _) = new_session(&app, "dedupe").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let (_, accepted, _) = call(
            &app,
            "POST",
            &format!("/api/c/{burst}/submissions"),
            Some(json!({ "source": format!("# {i}\n") })),
            None,
        )
        .await;
        ids.push(accepted["id"].as_i64().unwrap());
    }
    let (_, accepted, _) =
        call(&app, "POST", &format!("/api/c/{single}/submissions"), Some(json!({ "source": "# mine\n" })), None).await;
    let mine = accepted["id"].as_i64().unwrap();
    let first = state.store().claim("test-worker", 60_000).await.unwrap().unwrap();
    assert_eq!(first.submission.id, ids[0]);
    assert_eq!(
        submission(&app, &single, mine).await["queue_position"],
        0,
        "next after the one evaluation already started"
    );
    let second = state.store().claim("test-worker", 60_000).await.unwrap().unwrap();
    assert_eq!(second.submission.id, mine);
    let third = state.store().claim("test-worker", 60_000).await.unwrap().unwrap();
    assert_eq!(third.submission.id, ids[1]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_queue_is_fair_between_sessions_on_sqlite() {
    a_burst_delays_another_session_by_at_most_one_evaluation(Store::in_memory().unwrap()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_queue_is_fair_between_sessions_on_postgres() {
    let Some(url) = common::postgres_db("fairness") else {
        return;
    };
    let store = Store::open(&url).await.unwrap();
    a_burst_delays_another_session_by_at_most_one_evaluation(store).await;
}

#[test]
fn serve_starts_when_the_guest_cache_folder_cannot_be_written() {
    // A cache folder made by another user (root, mode 0600) is simulated by one that cannot be created:
    // a file stands where the folder would be. The service must fall back to its user's own cache.
    let dir = tempfile::tempdir().unwrap();
    let guest = dir.path().join("runner.wasm");
    std::fs::copy(runner::SandboxConfig::from_env().guest, &guest).unwrap();
    std::fs::write(dir.path().join("precompiled"), "not a folder").unwrap();
    let home = dir.path().join("home");
    let db = dir.path().join("screen.db");
    let node = common::Node::start_with(
        &common::free_addr(),
        &["--db", db.to_str().unwrap()],
        &[("SCREENJUDGE_GUEST", &guest), ("HOME", &home), ("XDG_CACHE_HOME", &home.join(".cache"))],
    );
    let (status, health) = common::http(&node.addr, "GET", "/health", None, None);
    assert_eq!(status, 200, "{health}");
    let cached = std::fs::read_dir(home.join(".cache/screenjudge/precompiled")).unwrap().count();
    assert_eq!(cached, 1, "the compiled guest is cached in the user's own folder");
}
