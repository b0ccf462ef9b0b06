//! The service under faults and hostile load (issues 18 and 25): a database that refuses writes strands
//! no accepted submission, one link's looping Runs cannot hold up another link's Run, shutdown takes no
//! new job, and the queue is fair between sessions; a disk that fills (a SQLite page cap, a real small
//! filesystem) and a PostgreSQL server cut away mid-transaction (a TCP proxy) lose no accepted submission
//! and grade each once; an interrupted grading resumes first and ends with a verdict. Assertions are on
//! states, counts and order, never on time (except a generous bound on how fast an outage is answered).

mod common;

use axum::http::StatusCode;
use common::{
    FAST_DEDUPE, LOOPING_DEDUPE, OPERATOR, call, metric, new_session, service, state_over, submission, wait_done,
    wait_status,
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
    // A looping Run ends at its per-call budget within tens of milliseconds, so the moments this test
    // needs (the looping Run holding the one slot, then the other link's Run waiting behind it) are
    // short: the scenario is tried again on a fresh service until they were seen, never waited for.
    for _ in 0..50 {
        if looping_runs_scenario().await {
            return;
        }
    }
    panic!("in 50 tries the looping Run never held the slot while another link's Run waited");
}

/// One try: false if the looping Run ended before the order could be seen.
async fn looping_runs_scenario() -> bool {
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
        if looping.is_finished() {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // The same link's second Run is refused at once: it cannot take a second place in line.
    let (status, _, headers) =
        call(&app, "POST", &format!("/api/c/{looper}/run"), Some(json!({ "source": LOOPING_DEDUPE })), None).await;
    if status != StatusCode::TOO_MANY_REQUESTS && looping.is_finished() {
        return false;
    }
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key("retry-after"));
    let waiting = run(other.clone(), FAST_DEDUPE);
    while metric("screenjudge_runs_waiting").await != 1 {
        if looping.is_finished() {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    // The line is full: a third link is told to come back rather than queue without bound.
    let (status, _, headers) =
        call(&app, "POST", &format!("/api/c/{third}/run"), Some(json!({ "source": FAST_DEDUPE })), None).await;
    if status != StatusCode::TOO_MANY_REQUESTS && looping.is_finished() {
        return false;
    }
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
    true
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
    // The folder also holds the probes' secret (see the grader's `seeds`): only compiled guests count.
    let compiled = std::fs::read_dir(home.join(".cache/screenjudge/precompiled"))
        .unwrap()
        .filter(|entry| entry.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "cwasm")))
        .count();
    assert_eq!(compiled, 1, "the compiled guest is cached in the user's own folder");
}

// Issue 25: nothing accepted is ever lost. Each scenario prints one row of the fault table (fault,
// submissions accepted, stored, graded once, lost, time from the end of the fault to the first
// submission stored again); the assertions are on the counts, never on the time.

/// A source of about `bytes` bytes that grades like FAST_DEDUPE (the padding makes each submission
/// need new pages, as real ones do on a disk that fills).
fn padded(i: usize, bytes: usize) -> String {
    format!("# {i} {}\n{FAST_DEDUPE}", "x".repeat(bytes))
}

/// Submits `source` once: the id if it was accepted (202); a refusal must be a 503 with `Retry-After`
/// in the one error shape.
async fn submit_once(app: &axum::Router, candidate: &str, source: &str) -> Option<i64> {
    let (status, body, headers) =
        call(app, "POST", &format!("/api/c/{candidate}/submissions"), Some(json!({ "source": source })), None).await;
    match status {
        StatusCode::ACCEPTED => Some(body["id"].as_i64().unwrap()),
        StatusCode::SERVICE_UNAVAILABLE => {
            assert_eq!(body["error"]["code"], "unavailable", "{body}");
            assert!(headers.contains_key("retry-after"), "a 503 says when to try again");
            None
        }
        other => panic!("a submission was answered {other}: {body}"),
    }
}

/// Waits until every accepted submission is finished; then checks the promise: each stored once, done
/// with the verdict it has without the fault, graded exactly once, nothing else stored. Returns the
/// numbers for the table: (stored, graded once, lost).
async fn every_accepted_submission_graded_once(
    app: &axum::Router,
    interviewer: &str,
    accepted: &[i64],
    graded_before: f64,
) -> (usize, usize, usize) {
    let mut unique = accepted.to_vec();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), accepted.len(), "a submission id was handed out twice: {accepted:?}");
    let listed = async || {
        let (_, list, _) = call(app, "GET", &format!("/api/i/{interviewer}/submissions?limit=200"), None, None).await;
        list["submissions"].as_array().unwrap().clone()
    };
    // Until every accepted submission is finished; one that is missing at any point was lost.
    let begun = std::time::Instant::now();
    let list = loop {
        let list = listed().await;
        let stored: Vec<i64> = list.iter().map(|s| s["id"].as_i64().unwrap()).collect();
        let lost: Vec<&i64> = accepted.iter().filter(|id| !stored.contains(id)).collect();
        assert!(lost.is_empty(), "accepted submissions missing from the database: {lost:?} (stored {stored:?})");
        if list.iter().all(|s| s["status"] == "done" || s["status"] == "failed") {
            break list;
        }
        assert!(begun.elapsed() < Duration::from_secs(300), "never all graded: {list:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(list.len(), accepted.len(), "only accepted submissions are stored (nothing half-done)");
    for s in &list {
        assert_eq!((&s["status"], &s["report"]["verdict"]), (&json!("done"), &json!("accepted")), "{s}");
    }
    let graded = metric(app, "screenjudge_evaluations_total").await - graded_before;
    assert_eq!(graded as usize, accepted.len(), "each accepted submission graded exactly once");
    (list.len(), graded as usize, 0)
}

fn table_row(fault: &str, accepted: usize, stored: usize, graded: usize, lost: usize, recovered: Duration) {
    eprintln!(
        "fault table | {fault} | accepted {accepted} | stored {stored} | graded once {graded} | lost {lost} | recovered in {:.2} s",
        recovered.as_secs_f64()
    );
}

/// The scenario for a disk that fills: submissions before, while full (until several are refused) and
/// after space returns, over one service that is never restarted; then the file is opened again, as
/// after a restart, and must hold exactly what was accepted.
async fn a_full_disk_loses_nothing<Fill, Free>(fault: &str, db: &std::path::Path, fill: Fill, free: Free)
where
    Fill: AsyncFnOnce(&Store),
    Free: AsyncFnOnce(&Store),
{
    let config = ServerConfig {
        lease_seconds: 2,
        poll_millis: 100,
        probes: false,
        submits_per_minute: 10_000,
        drafts_per_minute: 10_000,
        queue_capacity: 10_000,
        ..ServerConfig::default()
    };
    let (app, state) = common::service_over(config.clone(), Store::open(db.to_str().unwrap()).await.unwrap());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let mut accepted = Vec::new();
    for i in 0..5 {
        accepted.push(submit_once(&app, &candidate, &padded(i, 8_000)).await.expect("accepted before the fault"));
    }
    fill(state.store()).await;
    let mut refused = 0;
    for i in 100..140 {
        match submit_once(&app, &candidate, &padded(i, 8_000)).await {
            Some(id) => accepted.push(id),
            None => refused += 1,
        }
        // Drafts fail the same way and leave nothing behind them.
        let (status, _, _) =
            call(&app, "PUT", &format!("/api/c/{candidate}/draft"), Some(json!({ "source": padded(i, 8_000) })), None)
                .await;
        assert!(status == StatusCode::OK || status == StatusCode::SERVICE_UNAVAILABLE, "draft: {status}");
    }
    let (health_status, health, _) = call(&app, "GET", "/health", None, None).await;

    free(state.store()).await;
    let freed = std::time::Instant::now();
    let mut recovered = None;
    for i in 500..510 {
        // Retried as a client would after its 503, until the service stores again by itself.
        let id = loop {
            if let Some(id) = submit_once(&app, &candidate, &padded(i, 8_000)).await {
                break id;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        recovered.get_or_insert(freed.elapsed());
        accepted.push(id);
    }
    let (stored, graded, lost) = every_accepted_submission_graded_once(&app, &interviewer, &accepted, 0.0).await;
    assert!(refused > 0, "the disk never refused a submission while full ({} accepted)", accepted.len());
    assert_eq!(
        (health_status, &health["database"]),
        (StatusCode::SERVICE_UNAVAILABLE, &json!("cannot_write")),
        "/health while full: {health}"
    );
    let (status, health, _) = call(&app, "GET", "/health", None, None).await;
    assert_eq!(status, StatusCode::OK, "{health}");

    // Opened again, as after a restart: the file holds exactly what was accepted.
    let (again, _) = common::service_over(
        ServerConfig { role: Role::Api, ..config },
        Store::open(db.to_str().unwrap()).await.unwrap(),
    );
    let (_, list, _) = call(&again, "GET", &format!("/api/i/{interviewer}/submissions?limit=200"), None, None).await;
    let mut kept: Vec<i64> =
        list["submissions"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    kept.sort_unstable();
    let mut expected = accepted.clone();
    expected.sort_unstable();
    assert_eq!(kept, expected, "after a restart the database holds every accepted submission, and no other");
    table_row(fault, accepted.len(), stored, graded, lost, recovered.unwrap_or_default());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_under_sqlite_loses_no_accepted_submission() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("screen.db");
    a_full_disk_loses_nothing(
        "SQLite file full (max_page_count)",
        &db,
        async |store: &Store| store.cap_pages(Some(0)).await.unwrap(),
        async |store: &Store| store.cap_pages(None).await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_filesystem_that_fills_under_sqlite_loses_no_accepted_submission() {
    // A real filesystem that fills: a small tmpfs (needs root, as CI has; skipped otherwise).
    let dir = tempfile::tempdir().unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(dir.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipping: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(dir.path().to_path_buf());
    let db = dir.path().join("screen.db");
    let ballast = dir.path().join("ballast");
    let fill_ballast = ballast.clone();
    a_full_disk_loses_nothing(
        "filesystem full (4 MiB tmpfs)",
        &db,
        async move |_: &Store| {
            // Everything but a few pages is taken by another file.
            let mut file = std::fs::File::create(&fill_ballast).unwrap();
            let chunk = vec![0u8; 4096];
            while std::io::Write::write_all(&mut file, &chunk).is_ok() {}
            let _ = file.sync_all();
        },
        async move |_: &Store| std::fs::remove_file(&ballast).unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_submission_interrupted_three_times_is_graded_not_failed() {
    let (state, workers) =
        state_over(ServerConfig { poll_millis: 100, ..ServerConfig::default() }, Store::in_memory().unwrap());
    let app = server::app(state.clone());
    let (interrupted, _) = new_session(&app, "dedupe").await;
    let (other, _) = new_session(&app, "dedupe").await;
    let id = submit_once(&app, &interrupted, FAST_DEDUPE).await.unwrap();
    // Three workers take it and die (a lease of 1 ms runs out at once), as three kills mid-grading.
    for _ in 0..3 {
        let claim = state.store().claim("doomed-worker", 1).await.unwrap().unwrap();
        assert_eq!(claim.submission.id, id);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let waiting = submit_once(&app, &other, FAST_DEDUPE).await.unwrap();
    // The sweep shows it waiting, not running, and it is next: its session's claims do not put it
    // behind the session that was never graded.
    state.store().requeue_orphans().await.unwrap();
    let shown = submission(&app, &interrupted, id).await;
    assert_eq!((&shown["status"], &shown["queue_position"]), (&json!("queued"), &json!(0)), "{shown}");
    assert_eq!(submission(&app, &other, waiting).await["queue_position"], 1);

    std::mem::forget(server::start_workers(&state, workers));
    let done = wait_done(&app, &interrupted, id).await;
    assert_eq!((&done["status"], &done["result"]["verdict"]), (&json!("done"), &json!("accepted")), "{done}");
    wait_done(&app, &other, waiting).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_interrupted_submission_goes_first_not_to_the_back_of_the_queue() {
    let (state, _) =
        state_over(ServerConfig { role: Role::Api, ..ServerConfig::default() }, Store::in_memory().unwrap());
    let app = server::app(state.clone());
    let (first, _) = new_session(&app, "dedupe").await;
    let (second, _) = new_session(&app, "dedupe").await;
    let cut = submit_once(&app, &first, "# cut\n").await.unwrap();
    state.store().claim("dying-worker", 1).await.unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    submit_once(&app, &second, "# fresh\n").await.unwrap();
    let next = state.store().claim("test-worker", 60_000).await.unwrap().unwrap();
    assert_eq!(next.submission.id, cut, "the interrupted grading resumes before the session never graded");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_with_invalid_utf8_gets_the_json_error_shape() {
    let (app, _) = service(ServerConfig { role: Role::Api, ..ServerConfig::default() });
    for uri in ["/api/c/%FF%FE/submissions", "/api/i/1-%C3%28", "/api/i/%FF/export/json"] {
        let (status, body, headers) = call(&app, "GET", uri, None, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}: {body}");
        assert_eq!(body["error"]["code"], "not_found", "{uri}: {body}");
        assert_eq!(headers["content-type"], "application/json", "{uri}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_metrics_listener_sends_the_security_headers() {
    let (_, state) = service(ServerConfig { role: Role::Api, ..ServerConfig::default() });
    let ops = server::ops_app(state);
    for uri in ["/health", "/metrics", "/nothing"] {
        let (_, _, headers) = call(&ops, "GET", uri, None, None).await;
        for name in ["content-security-policy", "x-content-type-options", "referrer-policy", "cache-control"] {
            assert!(headers.contains_key(name), "{uri} lacks {name}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_markdown_export_passes_no_candidate_text_as_html() {
    let (app, _) = service(ServerConfig { role: Role::Api, ..ServerConfig::default() });
    let body = json!({ "candidate_name": "<img src=x onerror=alert(1)>", "level": "mid", "problem": "dedupe" });
    let (_, created, _) = call(&app, "POST", "/api/sessions", Some(body), Some(OPERATOR)).await;
    let interviewer = created["interviewer_token"].as_str().unwrap();
    let (status, text, _) = call(&app, "GET", &format!("/api/i/{interviewer}/export/md"), None, None).await;
    assert_eq!(status, StatusCode::OK);
    let text = text.as_str().unwrap();
    assert!(!text.contains("<img"), "{text}");
    assert!(text.contains("&lt;img src=x onerror=alert(1)&gt;"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_postgres_outage_is_answered_fast_and_loses_nothing() {
    let Some(url) = common::postgres_db("outage") else {
        return;
    };
    let (_, upstream) = common::through(&url, "127.0.0.1:1".parse().unwrap());
    let mut proxy = common::Proxy::start(upstream).await;
    let (via_proxy, _) = common::through(&url, proxy.addr);
    let config = ServerConfig {
        lease_seconds: 2,
        poll_millis: 100,
        probes: false,
        submits_per_minute: 10_000,
        queue_capacity: 10_000,
        ..ServerConfig::default()
    };
    let (app, _state) = common::service_over(config, Store::open(&via_proxy).await.unwrap());
    let (candidate, interviewer) = new_session(&app, "dedupe").await;
    let mut accepted = Vec::new();
    for i in 0..10 {
        accepted.push(submit_once(&app, &candidate, &padded(i, 10)).await.expect("accepted before the outage"));
    }
    // The database goes away while those are graded: connections drop mid-query and mid-transaction.
    proxy.cut().await;
    for uri in ["/health", &format!("/api/c/{candidate}/submissions")] {
        let asked = std::time::Instant::now();
        let (status, body, _) = call(&app, "GET", uri, None, None).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{uri}: {body}");
        let answered = asked.elapsed();
        assert!(answered < Duration::from_secs(3), "{uri} waited {answered:?} for its 503");
        eprintln!("outage: {uri} was answered 503 in {:.2} s", answered.as_secs_f64());
    }
    let asked = std::time::Instant::now();
    assert_eq!(submit_once(&app, &candidate, &padded(99, 10)).await, None);
    let answered = asked.elapsed();
    assert!(answered < Duration::from_secs(3), "a submission waited {answered:?} for its 503");
    eprintln!("outage: a submission was answered 503 in {:.2} s", answered.as_secs_f64());

    proxy.restore().await;
    let back = std::time::Instant::now();
    let recovered = loop {
        if let Some(id) = submit_once(&app, &candidate, &padded(100, 10)).await {
            accepted.push(id);
            break back.elapsed();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let (status, health, _) = call(&app, "GET", "/health", None, None).await;
    assert_eq!(status, StatusCode::OK, "{health}");
    let (stored, graded, lost) = every_accepted_submission_graded_once(&app, &interviewer, &accepted, 0.0).await;
    table_row("PostgreSQL cut (TCP proxy)", accepted.len(), stored, graded, lost, recovered);
}

#[test]
fn an_online_backup_of_sqlite_restores_every_stored_submission() {
    let dir = tempfile::tempdir().unwrap();
    let (db, copy) = (dir.path().join("screen.db"), dir.path().join("copy.db"));
    let node = common::Node::start(&["--db", db.to_str().unwrap(), "--no-probes"]);
    let (_, created) = common::http(
        &node.addr,
        "POST",
        "/api/sessions",
        Some(&json!({ "candidate_name": "Backup", "level": "mid", "problem": "dedupe" })),
        Some(OPERATOR),
    );
    let (candidate, interviewer) =
        (created["candidate_token"].as_str().unwrap(), created["interviewer_token"].as_str().unwrap());
    let (status, _) = common::http(
        &node.addr,
        "POST",
        &format!("/api/c/{candidate}/submissions"),
        Some(&json!({ "source": FAST_DEDUPE })),
        None,
    );
    assert_eq!(status, 202);
    let list = |addr: &str| common::http(addr, "GET", &format!("/api/i/{interviewer}/submissions"), None, None).1;
    common::wait_until("the submission graded", || list(&node.addr)["submissions"][0]["status"] == "done");

    // While the service runs.
    let backup = |to: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_screenjudge"))
            .args(["backup", "--db", db.to_str().unwrap()])
            .arg(to)
            .output()
            .unwrap()
    };
    let made = backup(&copy);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    assert!(!backup(&copy).status.success(), "an existing file is never overwritten");

    // Restored: a service over the copy holds the session and its graded submission.
    let restored = common::Node::start(&["--db", copy.to_str().unwrap(), "--no-probes"]);
    let shown = list(&restored.addr);
    assert_eq!(shown["submissions"].as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown["submissions"][0]["report"]["verdict"], "accepted", "{shown}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_operator_token_is_stored_as_a_digest_never_in_plain_text() {
    let (state, token) = common::state_with_stored_token(Store::in_memory().unwrap()).await;
    let server::OperatorToken::Generated(token) = token else { panic!("a new database generates the token") };
    let stored = state.store().setting("operator_token").await.unwrap().unwrap();
    assert!(!stored.contains(&token), "the token itself is in the database");
    let app = server::app(state);
    assert_eq!(call(&app, "GET", "/api/sessions", None, Some(&token)).await.0, StatusCode::OK);
    assert_eq!(call(&app, "GET", "/api/sessions", None, Some(&stored)).await.0, StatusCode::UNAUTHORIZED);

    // A token stored in plain text by an earlier version still works, and is kept as its digest.
    let store = Store::in_memory().unwrap();
    store.set_setting_once("operator_token", "token-from-an-earlier-version").await.unwrap();
    let (state, _) = common::state_with_stored_token(store).await;
    let stored = state.store().setting("operator_token").await.unwrap().unwrap();
    assert_ne!(stored, "token-from-an-earlier-version");
    let app = server::app(state);
    let (status, _, _) = call(&app, "GET", "/api/sessions", None, Some("token-from-an-earlier-version")).await;
    assert_eq!(status, StatusCode::OK);
}

#[test]
fn a_submission_whose_node_is_killed_three_times_mid_grading_still_gets_its_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("screen.db");
    let args = ["--db", db.to_str().unwrap(), "--workers", "1"];
    let mut node = common::Node::start(&args);
    let (_, created) = common::http(
        &node.addr,
        "POST",
        "/api/sessions",
        Some(&json!({ "candidate_name": "Killed", "level": "mid", "problem": "dedupe" })),
        Some(OPERATOR),
    );
    let (candidate, interviewer) =
        (created["candidate_token"].as_str().unwrap(), created["interviewer_token"].as_str().unwrap());
    let slow = common::corpus("dedupe", "cubic_rebuild.py");
    let (status, accepted) = common::http(
        &node.addr,
        "POST",
        &format!("/api/c/{candidate}/submissions"),
        Some(&json!({ "source": slow })),
        None,
    );
    assert_eq!(status, 202);
    let id = accepted["id"].as_i64().unwrap();
    let shown = |node: &common::Node| {
        let (_, list) = common::http(&node.addr, "GET", &format!("/api/i/{interviewer}/submissions"), None, None);
        list["submissions"].as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap()
    };
    for _ in 0..3 {
        common::wait_until("the submission is being graded", || shown(&node)["status"] == "running");
        node.kill();
        node = common::Node::start_at(&node.addr.clone(), &args);
    }
    common::wait_until("the submission finished", || {
        let s = shown(&node);
        s["status"] == "done" || s["status"] == "failed"
    });
    let graded = shown(&node);
    assert_eq!(graded["status"], "done", "{graded}");
    assert_eq!(graded["report"]["verdict"], "timeout", "{graded}");
}
