//! One problem as written in `problems/<id>/`: `problem.json`, `statement.md`, `starter.py`, `reference.py`.

use crate::generate::Generator;
use crate::invalid::Invalid;
use crate::spec::{Category, Check, Entry, Hints, Kind, Optimal, PropertySpec, Trace};
use serde::Deserialize;
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use value::Value;

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
    #[error("{path} is not a valid problem: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        reason: Invalid,
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

impl Level {
    /// Every level, junior first.
    pub const ALL: [Level; 3] = [Level::Junior, Level::Mid, Level::Senior];

    /// The JSON spelling, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid",
            Level::Senior => "senior",
        }
    }

    /// The level in words, as pages, exports and the command line say it.
    pub fn words(self) -> &'static str {
        match self {
            Level::Junior => "junior",
            Level::Mid => "mid-level",
            Level::Senior => "senior",
        }
    }
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
    /// Where it belongs (`example` for visible examples).
    pub category: Category,
    /// What the case checks, for people.
    pub name: String,
    /// What it feeds the code.
    pub input: CaseInput,
    /// For a visible example: its result as the statement shows it (checked against the reference).
    pub shows: Option<String>,
    /// For a visible example: a word on why, shown beside it in the statement.
    pub note: Option<String>,
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
    /// What kind of problem it is.
    pub kind: Kind,
    /// What the candidate must define.
    pub entry: Entry,
    /// The exact signature, as shown to candidates.
    pub signature: String,
    /// The statement in Markdown.
    pub statement: String,
    /// The starter stub.
    pub starter: String,
    /// The trusted reference solution in Python: function problems take their expected answers from it.
    pub reference: String,
    /// A digest of `problem.json` and `reference.py`: answers computed from them are cached under it.
    pub fingerprint: String,
    /// Optimal complexity.
    pub optimal: Optimal,
    /// The largest input the statement allows.
    pub max_n: u64,
    /// Fuel for one hidden test call.
    pub fuel_per_test: u64,
    /// Extra checks on every call.
    pub checks: Vec<Check>,
    /// Questions specific to this problem.
    pub hints: Hints,
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
    pub fn checks(&self, check: Check) -> bool {
        self.checks.contains(&check)
    }

    /// The hidden test categories in the order they first appear.
    pub fn categories(&self) -> Vec<Category> {
        let mut seen: Vec<Category> = Vec::new();
        for case in &self.tests {
            if !seen.contains(&case.category) {
                seen.push(case.category);
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
        let invalid = |reason: Invalid| CatalogError::Invalid { path: path.clone(), reason };
        let text = read("problem.json")?;
        let raw: RawProblem = serde_json::from_str(&text).map_err(|e| invalid(e.into()))?;
        let cases = |raw: Vec<RawCase>, default: Option<Category>| -> Result<Vec<Case>, CatalogError> {
            raw.into_iter().map(|c| c.into_case(default).map_err(invalid)).collect()
        };
        let reference = read("reference.py")?;
        let fingerprint = Sha256::new().chain_update(&text).chain_update([0]).chain_update(&reference).finalize();
        let examples = cases(raw.examples, Some(Category::Example))?;
        let statement = examples_table(&read("statement.md")?, &raw.entry, &examples).map_err(invalid)?;
        let problem = Problem {
            statement,
            starter: read("starter.py")?,
            fingerprint: fingerprint.iter().map(|b| format!("{b:02x}")).collect(),
            reference,
            examples,
            tests: cases(raw.tests, None)?,
            probe_max_n: raw.probes.as_ref().and_then(|p| p.max_n).unwrap_or(raw.max_n).min(raw.max_n),
            probes: raw.probes.map(|p| p.families).unwrap_or_default(),
            id: raw.id,
            title: raw.title,
            level: raw.level,
            kind: raw.kind,
            entry: raw.entry,
            signature: raw.signature,
            optimal: raw.optimal,
            max_n: raw.max_n,
            fuel_per_test: raw.fuel_per_test,
            checks: raw.checks,
            hints: raw.hints,
            dir: dir.to_path_buf(),
        };
        problem.validate().map_err(invalid)?;
        Ok(problem)
    }

    /// What the grader relies on beyond the JSON's shape: the entry and the cases fit the kind.
    fn validate(&self) -> Result<(), Invalid> {
        let cases = || self.examples.iter().chain(&self.tests);
        match (self.kind, &self.entry) {
            (Kind::Function, Entry::Function { .. }) => {
                if let Some(case) = cases().find(|c| !matches!(c.input, CaseInput::Args(_))) {
                    return Err(Invalid::FunctionCase(case.name.clone()));
                }
            }
            (Kind::RateLimiter, Entry::Class { .. }) => {
                if let Some(case) = cases().find(|c| matches!(c.input, CaseInput::Args(_))) {
                    return Err(Invalid::LimiterCase(case.name.clone()));
                }
            }
            (kind, _) => return Err(Invalid::Entry(kind.as_str())),
        }
        Ok(())
    }
}

/// Where `statement.md` wants the examples table: the statement and Run show one list, the examples.
const EXAMPLES_MARKER: &str = "<!-- examples -->";

/// The statement with its examples table written from the examples (each call, the result it shows, and
/// its note), when the statement has the marker; every example must then say what it shows.
fn examples_table(statement: &str, entry: &Entry, examples: &[Case]) -> Result<String, Invalid> {
    if !statement.contains(EXAMPLES_MARKER) {
        return Ok(statement.to_string());
    }
    let Entry::Function { function } = entry else { return Err(Invalid::TableEntry) };
    let notes = examples.iter().any(|e| e.note.is_some());
    let mut table = String::from(if notes {
        "| Call | Returns | Why |\n|---|---|---|\n"
    } else {
        "| Call | Returns |\n|---|---|\n"
    });
    for example in examples {
        let CaseInput::Args(args) = &example.input else {
            return Err(Invalid::ExampleArgs(example.name.clone()));
        };
        let Some(shows) = &example.shows else {
            return Err(Invalid::ExampleShows(example.name.clone()));
        };
        let args: Vec<String> = args.iter().map(|a| a.preview(200)).collect();
        table.push_str(&format!("| `{function}({})` | `{shows}` |", args.join(", ")));
        if notes {
            table.push_str(&format!(" {} |", example.note.as_deref().unwrap_or("")));
        }
        table.push('\n');
    }
    Ok(statement.replace(EXAMPLES_MARKER, table.trim_end()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProblem {
    id: String,
    title: String,
    level: Level,
    kind: Kind,
    entry: Entry,
    signature: String,
    optimal: Optimal,
    max_n: u64,
    fuel_per_test: u64,
    #[serde(default)]
    checks: Vec<Check>,
    #[serde(default)]
    hints: Hints,
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
    category: Option<Category>,
    #[serde(default)]
    shows: Option<String>,
    #[serde(default)]
    note: Option<String>,
    name: String,
    args: Option<Vec<Json>>,
    generate: Option<Generator>,
    trace: Option<Trace>,
    #[serde(flatten)]
    rest: serde_json::Map<String, Json>,
}

impl RawCase {
    fn into_case(self, default_category: Option<Category>) -> Result<Case, Invalid> {
        let Some(category) = self.category.or(default_category) else {
            return Err(Invalid::NoCategory(self.name));
        };
        let input = if let Some(args) = self.args {
            CaseInput::Args(args.iter().map(Value::from_json).collect())
        } else if let Some(generator) = self.generate {
            CaseInput::Args(vec![generator.build()])
        } else if let Some(trace) = self.trace {
            CaseInput::Trace(trace)
        } else if self.rest.contains_key("property") {
            let spec = serde_json::from_value(Json::Object(self.rest))
                .map_err(|error| Invalid::Property { case: self.name.clone(), error })?;
            CaseInput::Property(spec)
        } else if !self.rest.is_empty() {
            let fields = self.rest.keys().cloned().collect();
            return Err(Invalid::UnknownFields { case: self.name, fields });
        } else {
            return Err(Invalid::NoInput(self.name));
        };
        Ok(Case { category, name: self.name, input, shows: self.shows, note: self.note })
    }
}
