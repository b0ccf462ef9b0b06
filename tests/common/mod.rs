//! What the service's tests share: the service in-process (router without a socket, or a real socket),
//! the binary as a child process, one HTTP client for each, and the fixtures (operator token, corpus
//! files, the hidden input the candidate must never see).

#![allow(dead_code)]

pub mod browser;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use catalog::Catalog;
use grader::Grader;
use http_body_util::BodyExt;
use runner::{Sandbox, SandboxConfig};
use serde_json::{Value as Json, json};
use server::{AppState, ServerConfig, Store};
use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tower::ServiceExt;

/// The operator token every test service uses.
pub const OPERATOR: &str = "test-operator-token";
/// An input of one of dedupe's hidden tests: never in anything the candidate sees.
pub const HIDDEN: &str = "717897987691852588770249";
/// A correct, fast dedupe.
pub const FAST_DEDUPE: &str = "def remove_duplicates(lst):\n    return list(dict.fromkeys(lst))\n";
/// A dedupe that never returns.
pub const LOOPING_DEDUPE: &str = "def remove_duplicates(lst):\n    while True:\n        pass\n";

/// One sandbox for the whole test binary.
pub fn grader() -> Grader {
    static GRADER: OnceLock<Grader> = OnceLock::new();
    GRADER.get_or_init(|| Grader::new(Arc::new(Sandbox::new(&SandboxConfig::from_env()).unwrap()))).clone()
}

/// A corpus solution's source.
pub fn corpus(problem: &str, file: &str) -> String {
    std::fs::read_to_string(Catalog::default_dir().join(problem).join("corpus").join(file)).unwrap()
}

/// The PostgreSQL URL the PostgreSQL tests use (`SCREENJUDGE_TEST_POSTGRES`; `.ci/run` sets it inside a
/// throwaway cluster). None: the caller says so and skips.
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("SCREENJUDGE_TEST_POSTGRES").ok().filter(|u| !u.is_empty());
    if url.is_none() {
        eprintln!("skipping: SCREENJUDGE_TEST_POSTGRES is not set (.ci/run sets it inside pg_virtualenv)");
    }
    url
}

/// A fresh PostgreSQL database named `sj_<name>` on the test server (dropped first if it exists), by
/// `psql`; its URL. None when there is no test server.
pub fn postgres_db(name: &str) -> Option<String> {
    let base = postgres_url()?;
    let db = format!("sj_{name}");
    for sql in [format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"), format!("CREATE DATABASE {db}")] {
        let out = Command::new("psql")
            .arg(&base)
            .args(["-v", "ON_ERROR_STOP=1", "-q", "-c", &sql])
            .output()
            .expect("psql runs");
        assert!(out.status.success(), "{sql}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let (server, _) = base.rsplit_once('/').expect("a database URL ends with /<database>");
    Some(format!("{server}/{db}"))
}

/// The service's state over `store` with the test operator token; its workers not started yet.
pub fn state_over(config: ServerConfig, store: Store) -> (AppState, server::WorkerStart) {
    let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
    let config = ServerConfig { operator_token: Some(OPERATOR.into()), ..config };
    let (state, workers, _) = AppState::new(config, store, catalog, grader()).unwrap();
    (state, workers)
}

/// The service's state over `store` with no operator token configured: read from the database, or
/// generated and stored there (workers not started).
pub async fn state_with_stored_token(store: Store) -> (AppState, server::OperatorToken) {
    let catalog = Catalog::load(&Catalog::default_dir()).unwrap();
    let config = ServerConfig { operator_token: None, ..ServerConfig::default() };
    let (state, _, token) = AppState::open(config, store, catalog, grader()).await.unwrap();
    (state, token)
}

/// A service over an in-memory database with its workers running unless its role is `api` (call inside
/// a tokio runtime).
pub fn service(config: ServerConfig) -> (axum::Router, AppState) {
    let grades = config.role.grades();
    let (state, workers) = state_over(config, Store::in_memory().unwrap());
    if grades {
        std::mem::forget(server::start_workers(&state, workers));
    }
    (server::app(state.clone()), state)
}

/// A service over `store` with its workers running unless its role is `api` (call inside a tokio
/// runtime).
pub fn service_over(config: ServerConfig, store: Store) -> (axum::Router, AppState) {
    let grades = config.role.grades();
    let (state, workers) = state_over(config, store);
    if grades {
        std::mem::forget(server::start_workers(&state, workers));
    }
    (server::app(state.clone()), state)
}

/// A metric's value summed over its series, read through the router with the operator token.
pub async fn metric(app: &axum::Router, name: &str) -> f64 {
    let (_, text, _) = call(app, "GET", "/metrics", None, Some(OPERATOR)).await;
    text.as_str()
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with(name) && !l.starts_with('#'))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

/// A TCP proxy on loopback in front of `upstream`, for cutting a database away from the service: `cut`
/// closes every connection through it and stops listening (connections are refused, as by a database
/// server that stopped), `restore` listens again on the same port.
pub struct Proxy {
    /// Where clients connect.
    pub addr: std::net::SocketAddr,
    upstream: std::net::SocketAddr,
    accepting: Option<tokio::task::JoinHandle<()>>,
    cuts: tokio::sync::watch::Sender<u64>,
}

impl Proxy {
    /// Starts the proxy (call inside a tokio runtime).
    pub async fn start(upstream: std::net::SocketAddr) -> Proxy {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (cuts, _) = tokio::sync::watch::channel(0u64);
        let accepting = Some(Proxy::accept(listener, upstream, cuts.clone()));
        Proxy { addr, upstream, accepting, cuts }
    }

    fn accept(
        listener: tokio::net::TcpListener,
        upstream: std::net::SocketAddr,
        cuts: tokio::sync::watch::Sender<u64>,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                let mut cut = cuts.subscribe();
                tokio::spawn(async move {
                    let Ok(mut server) = tokio::net::TcpStream::connect(upstream).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        })
    }

    /// Stops listening and closes every connection.
    pub async fn cut(&mut self) {
        if let Some(task) = self.accepting.take() {
            task.abort();
            let _ = task.await;
        }
        self.cuts.send_modify(|n| *n += 1);
    }

    /// Listens again on the same port.
    pub async fn restore(&mut self) {
        let listener = tokio::net::TcpListener::bind(self.addr).await.unwrap();
        self.accepting = Some(Proxy::accept(listener, self.upstream, self.cuts.clone()));
    }
}

/// `url` (`postgres://user:password@host:port/db`) with its host and port replaced by `addr`, and the
/// address it named.
pub fn through(url: &str, addr: std::net::SocketAddr) -> (String, std::net::SocketAddr) {
    let (scheme_and_user, rest) = url.rsplit_once('@').expect("a URL with user@host");
    let (host_port, path) = rest.split_once('/').expect("a URL with a database");
    let host_port = if host_port.contains(':') { host_port.to_string() } else { format!("{host_port}:5432") };
    let upstream =
        std::net::ToSocketAddrs::to_socket_addrs(&host_port.replace("localhost", "127.0.0.1")).unwrap().next().unwrap();
    (format!("{scheme_and_user}@{addr}/{path}"), upstream)
}

/// The service in this process on a free loopback port (in-memory database, workers running, the test
/// operator token); its base URL. Call inside a multi-threaded tokio runtime.
pub async fn serve_on_loopback() -> String {
    let (state, workers) = state_over(ServerConfig::default(), Store::in_memory().unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::run(listener, state, workers, std::future::pending()));
    base
}

/// One request through the router: status, body (JSON, or the text as a JSON string), headers.
pub async fn call(
    app: &axum::Router,
    method: &str,
    uri: &str,
    body: Option<Json>,
    auth: Option<&str>,
) -> (StatusCode, Json, HeaderMap) {
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

/// A new dedupe-or-other session: (candidate token, interviewer token).
pub async fn new_session(app: &axum::Router, problem: &str) -> (String, String) {
    let body = json!({ "candidate_name": "Ada", "level": "mid", "problem": problem });
    let (status, created, _) = call(app, "POST", "/api/sessions", Some(body), Some(OPERATOR)).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    (created["candidate_token"].as_str().unwrap().into(), created["interviewer_token"].as_str().unwrap().into())
}

/// A submission as the candidate's list shows it.
pub async fn submission(app: &axum::Router, candidate: &str, id: i64) -> Json {
    let (_, list, _) = call(app, "GET", &format!("/api/c/{candidate}/submissions"), None, None).await;
    list["submissions"].as_array().unwrap().iter().find(|s| s["id"] == id).cloned().unwrap()
}

/// Waits until a submission has `status` (or is finished, for `done`), up to a generous bound.
pub async fn wait_status(app: &axum::Router, candidate: &str, id: i64, status: &str) -> Json {
    let start = Instant::now();
    loop {
        let sub = submission(app, candidate, id).await;
        if sub["status"] == status || (status == "done" && sub["status"] == "failed") {
            return sub;
        }
        assert!(start.elapsed() < Duration::from_secs(180), "submission {id} never reached {status}: {sub}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until a submission is finished.
pub async fn wait_done(app: &axum::Router, candidate: &str, id: i64) -> Json {
    wait_status(app, candidate, id, "done").await
}

/// A free loopback address.
pub fn free_addr() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    format!("127.0.0.1:{port}")
}

/// A minimal HTTP/1.1 client over a real socket: status and JSON body.
pub fn http(addr: &str, method: &str, path: &str, body: Option<&Json>, auth: Option<&str>) -> (u16, Json) {
    let (status, _, body) = http_raw(addr, method, path, body, auth);
    (status, serde_json::from_str(&body).unwrap_or(Json::Null))
}

/// The same, with the head and the body as text.
pub fn http_raw(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&Json>,
    auth: Option<&str>,
) -> (u16, String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let auth = auth.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, payload) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (status, head.to_string(), payload.to_string())
}

/// `screenjudge serve` as a child process, killed when dropped.
pub struct Node {
    /// The process.
    pub child: Child,
    /// Where it listens.
    pub addr: String,
}

impl Node {
    /// Starts `screenjudge serve --addr <free> --token <OPERATOR> <args>` and waits until it answers.
    pub fn start(args: &[&str]) -> Node {
        Node::start_at(&free_addr(), args)
    }

    /// The same on a given address (a restart on the same port).
    pub fn start_at(addr: &str, args: &[&str]) -> Node {
        Node::start_with(addr, args, &[])
    }

    /// The same with extra environment variables.
    pub fn start_with(addr: &str, args: &[&str], env: &[(&str, &std::path::Path)]) -> Node {
        let child = Command::new(env!("CARGO_BIN_EXE_screenjudge"))
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .args(["serve", "--addr", addr, "--token", OPERATOR])
            .args(args)
            .stdout(Stdio::null())
            .stderr(if std::env::var_os("SCREENJUDGE_TEST_LOGS").is_some() { Stdio::inherit() } else { Stdio::null() })
            .spawn()
            .unwrap();
        let begun = Instant::now();
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(begun.elapsed() < Duration::from_secs(120), "the service did not start: {args:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Node { child, addr: addr.to_string() }
    }

    /// SIGKILL: no chance to drain.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// A metric's value summed over its series on this node.
    pub fn metric(&self, name: &str) -> f64 {
        let (_, _, text) = http_raw(&self.addr, "GET", "/metrics", None, Some(OPERATOR));
        text.lines()
            .filter(|l| l.starts_with(name) && !l.starts_with('#'))
            .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
            .sum()
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Waits until `done` holds, polling; panics with `what` after a generous bound.
pub fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let begun = Instant::now();
    while !done() {
        assert!(begun.elapsed() < Duration::from_secs(300), "gave up waiting: {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The first ratio in `text` written with a letter x ("7,000x", "2.0x the limit"), if any: every view
/// writes "×".
pub fn letter_x_ratio(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(3).position(|w| w[0].is_ascii_digit() && w[1] == 'x' && !w[2].is_alphanumeric()).map(|at| {
        let from = at.saturating_sub(12);
        chars[from..(at + 3).min(chars.len())].iter().collect()
    })
}
