//! Several nodes on one PostgreSQL database (issue 15), as an operator runs them: the real binary, one
//! API node and two worker nodes. Every submission is graded and stored exactly once; a worker killed
//! mid-evaluation loses nothing (its job finishes on another worker once the lease runs out); events
//! from worker nodes reach a stream held on the API node. Skipped without `SCREENJUDGE_TEST_POSTGRES`.

mod common;

use common::{FAST_DEDUPE, Node, OPERATOR, http, wait_until};
use serde_json::{Value as Json, json};
use std::io::{Read, Write};
use std::time::Duration;

const SUBMISSIONS: usize = 50;

fn statuses(api: &Node, interviewer: &str) -> Vec<Json> {
    let (_, list) = http(&api.addr, "GET", &format!("/api/i/{interviewer}/submissions?limit=200"), None, None);
    list["submissions"].as_array().cloned().unwrap_or_default()
}

#[test]
fn three_nodes_grade_each_submission_once_and_survive_a_killed_worker() {
    let Some(db) = common::postgres_db("nodes") else {
        return;
    };
    // Cheap evaluations: no timing probes, a short lease so a dead worker's job moves on quickly.
    let shared = ["--db", &db, "--no-probes", "--lease-seconds", "3", "--submits-per-minute", "1000", "--queue", "200"];
    let with = |role: &'static str| -> Vec<&str> { [&shared[..], &["--role", role, "--workers", "1"]].concat() };
    let api = Node::start(&with("api"));
    let mut first = Node::start(&with("worker"));
    let mut second = Node::start(&with("worker"));

    let (status, created) = http(
        &api.addr,
        "POST",
        "/api/sessions",
        Some(&json!({ "candidate_name": "Nodes", "level": "mid", "problem": "dedupe" })),
        Some(OPERATOR),
    );
    assert_eq!(status, 201, "{created}");
    let candidate = created["candidate_token"].as_str().unwrap().to_string();
    let interviewer = created["interviewer_token"].as_str().unwrap().to_string();

    // A stream held on the API node: the worker nodes' `running` and `done` must reach it.
    let mut events = std::net::TcpStream::connect(&api.addr).unwrap();
    events.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    write!(events, "GET /api/i/{interviewer}/events HTTP/1.1\r\nHost: {}\r\n\r\n", api.addr).unwrap();

    for i in 0..SUBMISSIONS {
        let source = format!("# {i}\n{FAST_DEDUPE}");
        let (status, body) = http(
            &api.addr,
            "POST",
            &format!("/api/c/{candidate}/submissions"),
            Some(&json!({ "source": source })),
            None,
        );
        assert_eq!(status, 202, "{body}");
    }
    let mut seen = String::new();
    let mut buffer = [0u8; 4096];
    while !(seen.contains("\"status\":\"running\"") && seen.contains("\"status\":\"done\"")) {
        let n = events.read(&mut buffer).expect("events from the worker nodes reach the API node's stream");
        assert!(n > 0, "the stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    wait_until("every submission graded", || {
        let list = statuses(&api, &interviewer);
        list.len() == SUBMISSIONS && list.iter().all(|s| s["status"] == "done")
    });
    assert!(statuses(&api, &interviewer).iter().all(|s| s["report"]["verdict"] == "accepted"));
    // Each stored exactly once: the workers count only the reports they stored.
    let stored = first.metric("screenjudge_evaluations_total") + second.metric("screenjudge_evaluations_total");
    assert_eq!(stored as usize, SUBMISSIONS);
    assert!(
        first.metric("screenjudge_evaluations_total") > 0.0 && second.metric("screenjudge_evaluations_total") > 0.0,
        "both workers took jobs"
    );

    // Kill -9 a worker mid-evaluation: one worker left, a slow submission, kill it while it runs.
    second.kill();
    let slow = common::corpus("dedupe", "cubic_rebuild.py");
    let (status, accepted) =
        http(&api.addr, "POST", &format!("/api/c/{candidate}/submissions"), Some(&json!({ "source": slow })), None);
    assert_eq!(status, 202);
    let id = accepted["id"].as_i64().unwrap();
    let status_of = |api: &Node| {
        statuses(api, &interviewer).into_iter().find(|s| s["id"] == id).unwrap()["status"].as_str().unwrap().to_string()
    };
    wait_until("the slow submission runs on the first worker", || status_of(&api) == "running");
    first.kill();
    let third = Node::start(&with("worker"));
    wait_until("the killed worker's job finishes on another", || status_of(&api) == "done");
    let graded = statuses(&api, &interviewer).into_iter().find(|s| s["id"] == id).unwrap();
    assert_eq!(graded["report"]["verdict"], "timeout");
    assert_eq!(third.metric("screenjudge_reclaimed_total"), 1.0, "the job was claimed again after the lease ran out");
    let (_, health) = http(&api.addr, "GET", "/health", None, None);
    assert_eq!((&health["database"], &health["queue"]["waiting"]), (&json!("ok"), &json!(0)), "{health}");
}
