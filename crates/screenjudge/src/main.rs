//! The `screenjudge` command: parses flags and hands over to the library crates.

use anyhow::{Context, Result};
use catalog::Catalog;
use clap::{Parser, Subcommand};
use grader::{Grader, Options};
use runner::{Limits, Sandbox, SandboxConfig};
use server::{AppState, OperatorToken, Role, ServerConfig, Store, defaults};
use std::path::PathBuf;
use std::sync::Arc;

mod history;

/// Grades candidates' Python during technical phone screens.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// The folder of problems (default: this repository's `problems/`).
    #[arg(long, env = "SCREENJUDGE_PROBLEMS", global = true)]
    problems: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Grade a solution file as an interviewer would see it.
    Eval {
        /// The problem's id (see `screenjudge problems`).
        #[arg(long)]
        problem: String,
        /// The candidate's Python file.
        file: PathBuf,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Show the candidate's view (no hidden inputs) instead of the interviewer's.
        #[arg(long)]
        candidate: bool,
        /// Skip the timing probes and cost analysis.
        #[arg(long)]
        no_probes: bool,
    },
    /// List the problems.
    Problems,
    /// Run the service: interview sessions, submissions, live results, the score sheet.
    Serve(ServeArgs),
    /// Fill a database of its own with generated interview history, for a demo of the insights page.
    History(history::HistoryArgs),
    /// Copy the SQLite database to a new file, consistently, while the service runs (restore: stop the
    /// service and put the copy in place of the database file).
    Backup {
        /// The database file the service uses.
        #[arg(long, env = "SCREENJUDGE_DB", default_value = defaults::DB, hide_env_values = true)]
        db: String,
        /// The copy to write (must not exist yet).
        to: PathBuf,
    },
}

/// `serve` flags; each also reads an environment variable.
#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SCREENJUDGE_ADDR", default_value = defaults::ADDR)]
    addr: String,
    /// The database: a SQLite file (one node) or a `postgres://` URL (any number of nodes).
    #[arg(long, env = "SCREENJUDGE_DB", default_value = defaults::DB, hide_env_values = true)]
    db: String,
    /// What this node does: `all` (API and workers), `api`, or `worker`.
    #[arg(long, env = "SCREENJUDGE_ROLE", default_value_t = Role::default())]
    role: Role,
    /// Serve `/metrics` and `/health` without a token on this address too (`/metrics` on the main
    /// address always asks for the operator token).
    #[arg(long, env = "SCREENJUDGE_METRICS_ADDR")]
    metrics_addr: Option<String>,
    /// Seconds a worker's claim on a job lasts unless renewed; a dead worker's job is taken again after it.
    #[arg(long, env = "SCREENJUDGE_LEASE_SECONDS", default_value_t = defaults::LEASE_SECONDS)]
    lease_seconds: u64,
    /// Example runs at once on this node.
    #[arg(long, env = "SCREENJUDGE_RUN_SLOTS", default_value_t = defaults::RUN_SLOTS)]
    run_slots: usize,
    /// Example runs waiting for a slot before new ones get 429.
    #[arg(long, env = "SCREENJUDGE_RUN_QUEUE", default_value_t = defaults::RUN_QUEUE)]
    run_queue: usize,
    /// Fuel per example in a Run.
    #[arg(long, env = "SCREENJUDGE_RUN_FUEL", default_value_t = defaults::RUN_FUEL)]
    run_fuel: u64,
    /// Skip the timing probes when grading submissions (quicker, no complexity in reports).
    #[arg(long, env = "SCREENJUDGE_NO_PROBES")]
    no_probes: bool,
    /// The operator token for creating sessions (generated, stored and printed once if unset).
    #[arg(long, env = "SCREENJUDGE_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Evaluations running at once.
    #[arg(long, env = "SCREENJUDGE_WORKERS", default_value_t = defaults::WORKERS)]
    workers: usize,
    /// Submissions waiting before new ones get 429.
    #[arg(long, env = "SCREENJUDGE_QUEUE", default_value_t = defaults::QUEUE_CAPACITY)]
    queue: usize,
    /// Submissions per candidate per minute.
    #[arg(long, env = "SCREENJUDGE_SUBMITS_PER_MINUTE", default_value_t = defaults::SUBMITS_PER_MINUTE)]
    submits_per_minute: u32,
    /// Example runs per candidate per minute.
    #[arg(long, env = "SCREENJUDGE_RUNS_PER_MINUTE", default_value_t = defaults::RUNS_PER_MINUTE)]
    runs_per_minute: u32,
    /// Seconds shutdown waits for running evaluations.
    #[arg(long, env = "SCREENJUDGE_DRAIN_SECONDS", default_value_t = defaults::DRAIN_SECONDS)]
    drain_seconds: u64,
    /// Draft autosaves per candidate per minute.
    #[arg(long, env = "SCREENJUDGE_DRAFTS_PER_MINUTE", default_value_t = defaults::DRAFTS_PER_MINUTE)]
    drafts_per_minute: u32,
    /// Timeline reports (pastes, time away) per candidate per minute.
    #[arg(long, env = "SCREENJUDGE_REPORTS_PER_MINUTE", default_value_t = defaults::REPORTS_PER_MINUTE)]
    reports_per_minute: u32,
    /// The address people reach the service at, for the absolute links in answers and on the start page
    /// (e.g. `https://screen.example.com`); unset: `http://` and the host each request was sent to.
    #[arg(long, env = "SCREENJUDGE_PUBLIC_URL")]
    public_url: Option<server::PublicUrl>,
    /// Decision thresholds (foundations/coding) overriding the defaults, e.g. `junior=2.3/2.0,senior=3.2/3.0`.
    #[arg(long, env = "SCREENJUDGE_THRESHOLDS", default_value = "")]
    thresholds: server::sheet::Thresholds,
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal: a log written to a file or a pipe stays plain text.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let dir = cli.problems.clone().unwrap_or_else(Catalog::default_dir);
    let catalog = Catalog::load(&dir).with_context(|| format!("loading problems from {}", dir.display()))?;
    match cli.command {
        Command::Problems => {
            for p in catalog.problems() {
                println!("{:<18} {:<7} {}", p.id, p.level.as_str(), p.title);
            }
            Ok(())
        }
        Command::Eval { problem, file, json, candidate, no_probes } => {
            let problem = catalog.get(&problem)?;
            let source = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let sandbox = Sandbox::new(&sandbox_config()?).context("starting the sandbox")?;
            let grader = Grader::new(Arc::new(sandbox));
            let report = grader.grade(problem, &source, &Options { probes: !no_probes })?;
            match (json, candidate) {
                (true, true) => println!("{}", serde_json::to_string_pretty(&report.candidate_view())?),
                (true, false) => println!("{}", serde_json::to_string_pretty(&report)?),
                (false, true) => println!("{}", serde_json::to_string_pretty(&report.candidate_view())?),
                (false, false) => print!("{}", grader::render(&report)),
            }
            Ok(())
        }
        Command::Serve(args) => serve(args, catalog, dir),
        Command::History(args) => history::run(args, &catalog, &dir),
        Command::Backup { db, to } => backup(&db, &to),
    }
}

fn serve(args: ServeArgs, catalog: Catalog, problems_dir: PathBuf) -> Result<()> {
    let config = ServerConfig {
        db: args.db.clone(),
        role: args.role,
        operator_token: args.token,
        lease_seconds: args.lease_seconds,
        run_slots: args.run_slots,
        run_queue: args.run_queue,
        run_fuel: args.run_fuel,
        probes: !args.no_probes,
        workers: args.workers,
        queue_capacity: args.queue,
        submits_per_minute: args.submits_per_minute,
        runs_per_minute: args.runs_per_minute,
        drain_seconds: args.drain_seconds,
        drafts_per_minute: args.drafts_per_minute,
        reports_per_minute: args.reports_per_minute,
        thresholds: args.thresholds,
        public_url: args.public_url,
        problems_dir,
        ..ServerConfig::default()
    };
    let mut sandbox_config = sandbox_config()?;
    // A grading runs its hidden tests and its timing probes side by side: two instances per worker.
    sandbox_config.max_concurrent = (2 * args.workers + args.run_slots + 2) as u32;
    if std::env::var_os("SCREENJUDGE_CACHE").is_none() {
        sandbox_config.cache_dir = usable_cache(&sandbox_config.cache_dir);
    }
    let sandbox = Sandbox::new(&sandbox_config).context("starting the sandbox")?;
    let grader = Grader::new(Arc::new(sandbox));
    let runtime = tokio::runtime::Runtime::new()?;
    let served = runtime.block_on(async move {
        let shown = if args.db.contains("://") && !args.db.starts_with("sqlite:") {
            "the PostgreSQL database".to_string()
        } else {
            args.db.clone()
        };
        let store = Store::open(&args.db).await.with_context(|| format!("opening {shown}"))?;
        let (state, workers, token) = AppState::open(config, store, catalog, grader).await?;
        match token {
            OperatorToken::Generated(t) => {
                eprintln!("operator token (shown once; {shown} keeps only its digest): {t}")
            }
            OperatorToken::Stored => {
                tracing::info!("operator token: the one stored in the database")
            }
            OperatorToken::Configured => tracing::info!("operator token: from configuration"),
        }
        if let Some(addr) = &args.metrics_addr {
            let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| format!("binding {addr}"))?;
            tracing::info!(addr = %addr, "metrics and health without a token");
            tokio::spawn(server::serve_ops(listener, state.clone()));
        }
        let listener =
            tokio::net::TcpListener::bind(&args.addr).await.with_context(|| format!("binding {}", args.addr))?;
        server::run(listener, state, workers, shutdown_signal()).await?;
        anyhow::Ok(())
    });
    // A grading thread still running after the drain timeout cannot be interrupted; it is not waited for,
    // and its submission, still marked running, is evaluated again at the next start.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served
}

/// `screenjudge backup`: an online copy of the SQLite database.
fn backup(db: &str, to: &std::path::Path) -> Result<()> {
    anyhow::ensure!(!to.exists(), "{} exists already; name a new file", to.display());
    anyhow::ensure!(
        db.starts_with("sqlite:") || db.contains("://") || std::path::Path::new(db).is_file(),
        "{db} is not a database file"
    );
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(async {
        let store = Store::open(db).await.with_context(|| format!("opening {db}"))?;
        store.backup(to).await.with_context(|| format!("copying {db} to {}", to.display()))
    })?;
    eprintln!("copied {db} to {}", to.display());
    Ok(())
}

/// Where the guest is, with the limits the environment sets.
fn sandbox_config() -> Result<SandboxConfig> {
    Ok(SandboxConfig { limits: Limits::from_env().context("reading the sandbox limits")?, ..SandboxConfig::from_env() })
}

/// The guest's cache folder if this user can write there, else one under the user's own cache folder:
/// a cache made by root (files of mode 0600 in a root-owned folder) must not stop a service running as
/// another user from starting; it compiles its own copy once.
fn usable_cache(default: &std::path::Path) -> PathBuf {
    let writable =
        |dir: &std::path::Path| std::fs::create_dir_all(dir).is_ok() && tempfile::NamedTempFile::new_in(dir).is_ok();
    if writable(default) {
        return default.to_path_buf();
    }
    let home = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    let own = home.join("screenjudge").join("precompiled");
    tracing::warn!(unwritable = %default.display(), using = %own.display(), "the guest cache folder is not writable by this user; using its own");
    own
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
