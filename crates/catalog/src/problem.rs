//! One problem as written in `problems/<id>/`: `problem.json`, `statement.md`, `starter.py`, `reference.py`.

use crate::generate::Generator;
use runner::Value;
use serde::Deserialize;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};

/// Why the catalogue could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// `problem.json` does not match the model.
    #[error("{path} is not a valid problem: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// No problem has that id.
    #[error("unknown problem '{0}'")]
    Unknown(String),
}

/// The level a problem suits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 0–2 years.
    Junior,
    /// 2–5 years.
    Mid,
    /// 5+ years.
    Senior,
}

/// What the candidate must define.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    /// A module-level function.
    Function {
        /// Its name.
        function: String,
    },
    /// A class and the method the traces call.
    Class {
        /// The class's name.
        class: String,
        /// The method called per request.
        method: String,
    },
}

/// The complexity an optimal solution reaches.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Optimal {
    /// Time, e.g. `O(n)`.
    pub time: String,
    /// Space, e.g. `O(n)`.
    pub space: String,
}

/// A rate-limiter request trace: `(key, now)` pairs for one fresh limiter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Trace {
    /// Requests allowed per window.
    pub limit: i64,
    /// Window length in seconds.
    pub window: f64,
    /// The requests, in order.
    pub requests: Vec<(String, f64)>,
}

/// A property of a rate limiter, checked on traces the grader builds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PropertySpec {
    /// Which property: `burst`, `isolation`, `recovery`, `span`, `long_run`.
    pub property: String,
    /// Requests allowed per window.
    pub limit: i64,
    /// Window length in seconds.
    pub window: f64,
    /// Idle time added before recovery is checked.
    #[serde(default)]
    pub gap: f64,
    /// How many keys take part.
    #[serde(default)]
    pub keys: Option<usize>,
    /// How many windows the traffic lasts.
    #[serde(default)]
    pub seconds: Option<usize>,
}

/// What a test feeds the candidate's code.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseInput {
    /// Arguments for a function.
    Args(Vec<Value>),
    /// A request trace for a class.
    Trace(Trace),
    /// A property checked on traces built by the grader.
    Property(PropertySpec),
}

/// One example or hidden test.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// `basic`, `edge`, `traps`, `large` (or `example` for visible examples).
    pub category: String,
    /// What the case checks, for people.
    pub name: String,
    /// What it feeds the code.
    pub input: CaseInput,
}

/// A family of probe inputs, built at each probe size.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ProbeFamily {
    /// What the family is, for people.
    pub name: String,
    /// How to build an input of size n.
    pub generate: Generator,
}

/// One problem.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Stable id, e.g. `dedupe`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Level it suits.
    pub level: Level,
    /// What the candidate must define.
    pub entry: Entry,
    /// The exact signature, as shown to candidates.
    pub signature: String,
    /// The statement in Markdown.
    pub statement: String,
    /// The starter stub.
    pub starter: String,
    /// The reference solution in Python (scored by the tests; never used for expected values).
    pub reference: String,
    /// Optimal complexity.
    pub optimal: Optimal,
    /// The largest input the statement allows.
    pub max_n: u64,
    /// Fuel for one hidden test call.
    pub fuel_per_test: u64,
    /// Extra checks: `no_mutation`, `stateless`.
    pub checks: Vec<String>,
    /// Visible examples.
    pub examples: Vec<Case>,
    /// Hidden tests.
    pub tests: Vec<Case>,
    /// Timing probe families (empty when the problem has none).
    pub probes: Vec<ProbeFamily>,
    /// The largest probe size; growth beyond it is extrapolated (at most `max_n`).
    pub probe_max_n: u64,
    /// The folder the problem was read from.
    pub dir: PathBuf,
}

impl Problem {
    /// True when `check` is enabled for this problem.
    pub fn checks(&self, check: &str) -> bool {
        self.checks.iter().any(|c| c == check)
    }

    /// The hidden test categories in the order they first appear.
    pub fn categories(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for case in &self.tests {
            if !seen.contains(&case.category) {
                seen.push(case.category.clone());
            }
        }
        seen
    }

    /// Reads `dir/problem.json` and the files beside it.
    pub fn load(dir: &Path) -> Result<Problem, CatalogError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| CatalogError::Read { path, source })
        };
        let path = dir.join("problem.json");
        let invalid = |message: String| CatalogError::Invalid { path: path.clone(), message };
        let raw: RawProblem = serde_json::from_str(&read("problem.json")?).map_err(|e| invalid(e.to_string()))?;
        let cases = |raw: Vec<RawCase>, default: &str| -> Result<Vec<Case>, CatalogError> {
            raw.into_iter().map(|c| c.into_case(default).map_err(invalid)).collect()
        };
        Ok(Problem {
            statement: read("statement.md")?,
            starter: read("starter.py")?,
            reference: read("reference.py")?,
            examples: cases(raw.examples, "example")?,
            tests: cases(raw.tests, "")?,
            probe_max_n: raw.probes.as_ref().and_then(|p| p.max_n).unwrap_or(raw.max_n).min(raw.max_n),
            probes: raw.probes.map(|p| p.families).unwrap_or_default(),
            id: raw.id,
            title: raw.title,
            level: raw.level,
            entry: raw.entry,
            signature: raw.signature,
            optimal: raw.optimal,
            max_n: raw.max_n,
            fuel_per_test: raw.fuel_per_test,
            checks: raw.checks,
            dir: dir.to_path_buf(),
        })
    }
}

#[derive(Deserialize)]
struct RawProblem {
    id: String,
    title: String,
    level: Level,
    entry: Entry,
    signature: String,
    optimal: Optimal,
    max_n: u64,
    fuel_per_test: u64,
    #[serde(default)]
    checks: Vec<String>,
    examples: Vec<RawCase>,
    tests: Vec<RawCase>,
    probes: Option<RawProbes>,
}

#[derive(Deserialize)]
struct RawProbes {
    #[serde(default)]
    max_n: Option<u64>,
    families: Vec<ProbeFamily>,
}

#[derive(Deserialize)]
struct RawCase {
    #[serde(default)]
    category: String,
    name: String,
    args: Option<Vec<Json>>,
    generate: Option<Generator>,
    trace: Option<Trace>,
    #[serde(flatten)]
    rest: serde_json::Map<String, Json>,
}

impl RawCase {
    fn into_case(self, default_category: &str) -> Result<Case, String> {
        let category = if self.category.is_empty() { default_category.to_string() } else { self.category };
        let input = if let Some(args) = self.args {
            CaseInput::Args(args.iter().map(Value::from_json).collect())
        } else if let Some(generator) = self.generate {
            CaseInput::Args(vec![generator.build()])
        } else if let Some(trace) = self.trace {
            CaseInput::Trace(trace)
        } else if self.rest.contains_key("property") {
            let spec = serde_json::from_value(Json::Object(self.rest)).map_err(|e| format!("{}: {e}", self.name))?;
            CaseInput::Property(spec)
        } else {
            return Err(format!("case '{}' has no args, generate, trace or property", self.name));
        };
        if category.is_empty() {
            return Err(format!("case '{}' has no category", self.name));
        }
        Ok(Case { category, name: self.name, input })
    }
}

/// Every problem in a folder.
#[derive(Debug, Clone)]
pub struct Catalog {
    problems: Vec<Problem>,
}

impl Catalog {
    /// The `problems/` folder of this repository, unless `SCREENJUDGE_PROBLEMS` names another.
    pub fn default_dir() -> PathBuf {
        std::env::var_os("SCREENJUDGE_PROBLEMS")
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../problems"))
    }

    /// Loads every `*/problem.json` under `dir`, sorted by id.
    pub fn load(dir: &Path) -> Result<Catalog, CatalogError> {
        let entries = std::fs::read_dir(dir).map_err(|source| CatalogError::Read { path: dir.into(), source })?;
        let mut problems = Vec::new();
        for entry in entries.flatten() {
            if entry.path().join("problem.json").is_file() {
                problems.push(Problem::load(&entry.path())?);
            }
        }
        problems.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Catalog { problems })
    }

    /// All problems.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problem with this id.
    pub fn get(&self, id: &str) -> Result<&Problem, CatalogError> {
        self.problems.iter().find(|p| p.id == id).ok_or_else(|| CatalogError::Unknown(id.into()))
    }
}
