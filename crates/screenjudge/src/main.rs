//! The `screenjudge` command: parses flags and hands over to the library crates.

use anyhow::{Context, Result};
use catalog::Catalog;
use clap::{Parser, Subcommand};
use grader::{Grader, Options};
use runner::{Sandbox, SandboxConfig};
use std::path::PathBuf;
use std::sync::Arc;

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
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    let dir = cli.problems.unwrap_or_else(Catalog::default_dir);
    let catalog = Catalog::load(&dir).with_context(|| format!("loading problems from {}", dir.display()))?;
    match cli.command {
        Command::Problems => {
            for p in catalog.problems() {
                println!("{:<18} {:<7} {}", p.id, format!("{:?}", p.level).to_lowercase(), p.title);
            }
            Ok(())
        }
        Command::Eval { problem, file, json, candidate, no_probes } => {
            let problem = catalog.get(&problem)?;
            let source = std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let sandbox = Sandbox::new(&SandboxConfig::from_env()).context("starting the sandbox")?;
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
    }
}
