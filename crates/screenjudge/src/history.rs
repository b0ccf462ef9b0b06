//! `screenjudge history`: fills a database of its own with generated interview history, for a demo of the
//! insights page (the library's `server::history` does the work; a database with real sessions is refused).

use anyhow::{Context, Result};
use catalog::Catalog;
use clap::Args;
use server::Store;
use server::history::HistoryOptions;
use std::path::Path;

/// `history` flags.
#[derive(Args)]
pub struct HistoryArgs {
    /// The database to fill: a SQLite file of its own (created if missing) or a `postgres://` URL. Not the
    /// service's own database: one holding real sessions is refused.
    #[arg(long)]
    db: String,
    /// Sessions to add.
    #[arg(long, default_value_t = 2000)]
    sessions: usize,
    /// The seed (the same seed gives the same history).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The days the sessions are spread over, ending now.
    #[arg(long, default_value_t = 365)]
    days: i64,
    /// Decision thresholds (foundations/coding) overriding the defaults, as `serve` takes them.
    #[arg(long, env = "SCREENJUDGE_THRESHOLDS", default_value = "")]
    thresholds: server::sheet::Thresholds,
}

/// Generates the history and brings the insights up to date with it.
pub fn run(args: HistoryArgs, catalog: &Catalog, problems_dir: &Path) -> Result<()> {
    let bank = catalog::QuestionBank::load(problems_dir).context("reading the question bank")?;
    let options = HistoryOptions {
        sessions: args.sessions,
        seed: args.seed,
        until: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis() as i64,
        days: args.days,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let total = runtime.block_on(async {
        let store = Store::open(&args.db).await.with_context(|| format!("opening {}", args.db))?;
        let total = server::history::generate(&store, catalog, &bank, &args.thresholds, &options).await?;
        server::insights::refresh(&store, catalog, &args.thresholds).await?;
        anyhow::Ok(total)
    })?;
    eprintln!(
        "added {} generated sessions to {} ({total} in all); serve it with --db {} and open /insights",
        args.sessions, args.db, args.db
    );
    Ok(())
}
