//! The trusted reference's results kept on disk between processes, so that a new process (the command
//! line, a restarted service) does not run the reference again for a problem version it has seen.
//!
//! A file is named by the problem's fingerprint and by everything else the results depend on: the guest
//! and its engine, the sandbox's limits, and this build of the grader (whose probe plan shapes the curve),
//! known by its executable's size and modification time. A file that is missing, unreadable or of another
//! shape is ignored and the results are computed again; a failed write only means that. Writes are atomic.

use crate::complexity::{Curve, Point};
use catalog::Problem;
use runner::{Sandbox, Value};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::time::UNIX_EPOCH;

/// A folder of the reference's results for one guest, sandbox and build.
pub(crate) struct Stored {
    dir: PathBuf,
    /// Names what the results depend on besides the problem.
    depends_on: String,
}

/// The reference's probe curve as it is written down.
#[derive(Serialize, Deserialize)]
struct StoredCurve {
    points: Vec<Point>,
    budget_exhausted: bool,
    stopped_at: Option<u64>,
    fuel: u64,
    /// `(family, n, answer)`, the answer as tagged JSON.
    answers: Vec<(usize, u64, Option<Json>)>,
}

impl Stored {
    /// A `references` folder in the sandbox's cache folder; `None` when this program's own file cannot be
    /// looked at (then nothing is kept).
    pub(crate) fn beside(sandbox: &Sandbox) -> Option<Stored> {
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let built = exe.modified().ok()?.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        let mut hasher = DefaultHasher::new();
        (sandbox.guest(), format!("{:?}", sandbox.limits()), exe.len(), built).hash(&mut hasher);
        Some(Stored { dir: sandbox.cache_dir().join("references"), depends_on: format!("{:016x}", hasher.finish()) })
    }

    /// The reference's answers on the problem's examples and hidden tests, if kept.
    pub(crate) fn answers(&self, problem: &Problem) -> Option<Vec<Value>> {
        let answers: Vec<Json> = self.read("answers", problem)?;
        Some(answers.iter().map(Value::from_json).collect())
    }

    /// Keeps the reference's answers, unless one of them would not read back the same.
    pub(crate) fn keep_answers(&self, problem: &Problem, answers: &[Value]) {
        if let Some(json) = answers.iter().map(tagged).collect::<Option<Vec<Json>>>() {
            self.write("answers", problem, &json);
        }
    }

    /// The reference's probe curve, if kept.
    pub(crate) fn curve(&self, problem: &Problem) -> Option<Curve> {
        let stored: StoredCurve = self.read("curve", problem)?;
        Some(Curve {
            points: stored.points,
            budget_exhausted: stored.budget_exhausted,
            stopped_at: stored.stopped_at,
            fuel: stored.fuel,
            answers: stored.answers.into_iter().map(|(f, n, v)| ((f, n), v.as_ref().map(Value::from_json))).collect(),
        })
    }

    /// Keeps the reference's probe curve, unless one of its answers would not read back the same.
    pub(crate) fn keep_curve(&self, problem: &Problem, curve: &Curve) {
        let mut keys: Vec<(usize, u64)> = curve.answers.keys().copied().collect();
        keys.sort_unstable();
        let answers = keys.into_iter().map(|(family, n)| match &curve.answers[&(family, n)] {
            Some(value) => tagged(value).map(|json| (family, n, Some(json))),
            None => Some((family, n, None)),
        });
        let Some(answers) = answers.collect::<Option<Vec<_>>>() else { return };
        let stored = StoredCurve {
            points: curve.points.clone(),
            budget_exhausted: curve.budget_exhausted,
            stopped_at: curve.stopped_at,
            fuel: curve.fuel,
            answers,
        };
        self.write("curve", problem, &stored);
    }

    fn path(&self, what: &str, problem: &Problem) -> PathBuf {
        let version = problem.fingerprint.get(..16).unwrap_or(&problem.fingerprint);
        self.dir.join(format!("{what}-{version}-{}.json", self.depends_on))
    }

    fn read<T: DeserializeOwned>(&self, what: &str, problem: &Problem) -> Option<T> {
        serde_json::from_slice(&std::fs::read(self.path(what, problem)).ok()?).ok()
    }

    fn write<T: Serialize>(&self, what: &str, problem: &Problem, value: &T) {
        let written = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
            serde_json::to_writer(std::io::BufWriter::new(&mut file), value)?;
            file.persist(self.path(what, problem))?;
            Ok(())
        };
        // Not kept means computed again next time; nothing is lost.
        let _ = written();
    }
}

/// The value as tagged JSON, if it reads back equal to itself (a NaN, say, does not).
fn tagged(value: &Value) -> Option<Json> {
    let json = value.to_json();
    (Value::from_json(&json) == *value).then_some(json)
}
