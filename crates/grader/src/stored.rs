//! The trusted reference's results kept on disk between processes, so that a new process (the command
//! line, a restarted service) does not run the reference again for a problem version it has seen.
//!
//! A file is named by the problem's fingerprint and by everything else the results depend on: the guest
//! and its engine, the sandbox's limits, and this build of the grader (whose probe plan shapes the curve),
//! known by its executable's inode, size, and modification and change times (no copy or unpacking tool
//! sets the last). Only what reads back exactly is kept (as text, floats included), never a curve that the
//! wall clock cut short (it would depend on the machine's load), and a file that is missing, unreadable or
//! of another shape is ignored and the results are computed again; a failed write only means that. Writes
//! are atomic. Files not written for `KEPT_FOR` are removed when another is written.

use crate::complexity::{Curve, MemoryPoint, Point};
use crate::references::Answer;
use crate::seeds::ProbeSeeds;
use catalog::Problem;
use runner::{Sandbox, Value};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// How long a kept file lives without being written again (other builds' files, old problem versions).
const KEPT_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

/// A folder of the reference's results for one guest, sandbox and build.
pub(crate) struct Stored {
    dir: PathBuf,
    /// Names what the results depend on besides the problem.
    depends_on: String,
}

/// The reference's answers on the cases as they are written down: each answer as tagged JSON, and the
/// fuel of its call. (Files of the older form, a bare list of answers, do not read as this and are
/// computed again.)
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredAnswers {
    answers: Vec<Json>,
    fuel: Vec<u64>,
}

/// The reference's probe curve as it is written down.
#[derive(Serialize, Deserialize)]
struct StoredCurve {
    points: Vec<Point>,
    budget_exhausted: bool,
    stopped_at: Option<u64>,
    fuel: u64,
    memory_reach: Option<MemoryPoint>,
    /// `(family, n, answer)`, the answer as tagged JSON.
    answers: Vec<(usize, u64, Option<Json>)>,
}

impl Stored {
    /// A `references` folder in the sandbox's cache folder; `None` when this program's own file cannot be
    /// looked at (then nothing is kept).
    pub(crate) fn beside(sandbox: &Sandbox, seeds: &ProbeSeeds) -> Option<Stored> {
        use std::os::unix::fs::MetadataExt;
        let exe = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
        let built = (exe.ino(), exe.len(), exe.mtime(), exe.mtime_nsec(), exe.ctime(), exe.ctime_nsec());
        let mut hasher = DefaultHasher::new();
        (sandbox.guest(), format!("{:?}", sandbox.limits()), built, seeds.name()).hash(&mut hasher);
        Some(Stored { dir: sandbox.cache_dir().join("references"), depends_on: format!("{:016x}", hasher.finish()) })
    }

    /// The reference's answers on the problem's examples and hidden tests, with their fuel, if kept.
    pub(crate) fn answers(&self, problem: &Problem) -> Option<Vec<Answer>> {
        // Read as an object first: serde would take a list (the older form) for a struct's fields.
        let object: serde_json::Map<String, Json> = self.read("answers", problem)?;
        let StoredAnswers { answers, fuel } = serde_json::from_value(Json::Object(object)).ok()?;
        let cases = problem.examples.len() + problem.tests.len();
        (answers.len() == cases && fuel.len() == cases).then(|| {
            answers.iter().zip(fuel).map(|(value, fuel)| Answer { value: Value::from_json(value), fuel }).collect()
        })
    }

    /// Keeps the reference's answers and their fuel, if the answers read back exactly.
    pub(crate) fn keep_answers(&self, problem: &Problem, answers: &[Answer]) {
        let values: Vec<Value> = answers.iter().map(|a| a.value.clone()).collect();
        if exact_text(&values).is_some() {
            let fuel = answers.iter().map(|a| a.fuel).collect();
            let stored = StoredAnswers { answers: values.iter().map(Value::to_json).collect(), fuel };
            if let Ok(text) = serde_json::to_string(&stored) {
                self.write("answers", problem, &text);
            }
        }
    }

    /// The reference's probe curve, if kept.
    pub(crate) fn curve(&self, problem: &Problem) -> Option<Curve> {
        let stored: StoredCurve = self.read("curve", problem)?;
        if stored.answers.iter().any(|&(family, _, _)| family >= problem.probes.len()) {
            return None;
        }
        Some(curve_of(stored))
    }

    /// Keeps the reference's probe curve, if the wall clock stopped none of its calls and it reads back
    /// exactly.
    pub(crate) fn keep_curve(&self, problem: &Problem, curve: &Curve) {
        if curve.clock_stopped {
            return;
        }
        let mut answers: Vec<(usize, u64, Option<Json>)> =
            curve.answers.iter().map(|(&(family, n), v)| (family, n, v.as_ref().map(Value::to_json))).collect();
        answers.sort_unstable_by_key(|&(family, n, _)| (family, n));
        let stored = StoredCurve {
            points: curve.points.clone(),
            budget_exhausted: curve.budget_exhausted,
            stopped_at: curve.stopped_at,
            fuel: curve.fuel,
            memory_reach: curve.memory_reach,
            answers,
        };
        let text = serde_json::to_string(&stored).unwrap_or_default();
        let back = serde_json::from_str::<StoredCurve>(&text).ok().map(curve_of);
        let same = back.is_some_and(|back| {
            back.points == curve.points
                && back.budget_exhausted == curve.budget_exhausted
                && back.stopped_at == curve.stopped_at
                && back.memory_reach == curve.memory_reach
                && back.answers == curve.answers
        });
        if same {
            self.write("curve", problem, &text);
        }
    }

    fn path(&self, what: &str, problem: &Problem) -> PathBuf {
        let version = problem.fingerprint.get(..16).unwrap_or(&problem.fingerprint);
        self.dir.join(format!("{what}-{version}-{}.json", self.depends_on))
    }

    fn read<T: DeserializeOwned>(&self, what: &str, problem: &Problem) -> Option<T> {
        serde_json::from_slice(&std::fs::read(self.path(what, problem)).ok()?).ok()
    }

    fn write(&self, what: &str, problem: &Problem, text: &str) {
        let written = || -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
            file.write_all(text.as_bytes())?;
            file.persist(self.path(what, problem))?;
            Ok(())
        };
        // Not kept means computed again next time; nothing is lost.
        let _ = written();
        self.remove_old();
    }

    /// Removes the folder's files not written for `KEPT_FOR`.
    fn remove_old(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let now = SystemTime::now();
        for entry in entries.flatten() {
            let modified = entry.metadata().and_then(|m| m.modified());
            if modified.is_ok_and(|at| now.duration_since(at).unwrap_or_default() > KEPT_FOR) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The values as tagged JSON text, if that text reads back as the same values (a NaN, say, does not).
fn exact_text(values: &[Value]) -> Option<String> {
    let text = serde_json::to_string(&values.iter().map(Value::to_json).collect::<Vec<Json>>()).ok()?;
    let back: Vec<Json> = serde_json::from_str(&text).ok()?;
    back.iter().map(Value::from_json).eq(values.iter().cloned()).then_some(text)
}

/// The curve a kept one describes.
fn curve_of(stored: StoredCurve) -> Curve {
    Curve {
        points: stored.points,
        budget_exhausted: stored.budget_exhausted,
        stopped_at: stored.stopped_at,
        clock_stopped: false,
        fuel: stored.fuel,
        memory_reach: stored.memory_reach,
        // The reference is trusted code: its harness is never rewritten, and no search runs on it.
        rewritten: None,
        searched: None,
        fuel_of: Default::default(),
        answers: stored.answers.into_iter().map(|(f, n, v)| ((f, n), v.as_ref().map(Value::from_json))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_kept_only_if_their_text_reads_back_exactly() {
        let floats = [115.943_599_039_983_81, 0.1 + 0.2, 1e-310, f64::MAX, -0.0, 2.0, f64::INFINITY];
        let mut values: Vec<Value> = floats.iter().map(|&f| Value::Float(f)).collect();
        values.extend([
            Value::Tuple(vec![Value::Int(i64::MIN), Value::BigInt("123456789012345678901234567890".into())]),
            Value::Dict(vec![(Value::Str("k".into()), Value::Set(vec![Value::Bool(true), Value::None]))]),
            Value::List(vec![Value::UnpairedStr("\\ud800".into()), Value::HugeInt { bits: 4_000 }]),
        ]);
        assert!(exact_text(&values).is_some(), "these read back exactly");
        assert_eq!(exact_text(&[Value::Float(f64::NAN)]), None, "a NaN is never equal to itself");
    }

    #[test]
    fn answers_are_kept_with_their_fuel_and_a_file_of_the_older_form_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let stored = Stored { dir: dir.path().to_path_buf(), depends_on: "test".into() };
        let problem = Problem::load(&catalog::Catalog::default_dir().join("dedupe")).unwrap();
        let cases = problem.examples.len() + problem.tests.len();
        let answers: Vec<Answer> = (0..cases)
            .map(|i| Answer { value: Value::List(vec![Value::Int(i as i64)]), fuel: 1_000 + i as u64 })
            .collect();
        stored.keep_answers(&problem, &answers);
        assert_eq!(stored.answers(&problem), Some(answers.clone()), "read back with each call's fuel");

        // The older form: a bare list of answers, no fuel.
        let older: Vec<Json> = answers.iter().map(|a| a.value.to_json()).collect();
        stored.write("answers", &problem, &serde_json::to_string(&older).unwrap());
        assert_eq!(stored.answers(&problem), None, "an older file is computed again");
        // Nor a list of two lists, which serde would read as a struct's two fields.
        let two = serde_json::json!([older, answers.iter().map(|a| a.fuel).collect::<Vec<u64>>()]);
        stored.write("answers", &problem, &two.to_string());
        assert_eq!(stored.answers(&problem), None, "a list is not the kept form");
        let short = serde_json::json!({ "answers": older, "fuel": [1, 2] });
        stored.write("answers", &problem, &short.to_string());
        assert_eq!(stored.answers(&problem), None, "fuel for too few cases");
    }

    #[test]
    fn a_curve_is_kept_unless_the_wall_clock_cut_it_and_read_back_only_if_it_fits_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let stored = Stored { dir: dir.path().to_path_buf(), depends_on: "test".into() };
        let problem = Problem::load(&catalog::Catalog::default_dir().join("dedupe")).unwrap();
        let point = Point { n: 64, fuel: 1_000, memory: Some(512), family: problem.probes[1].name.clone() };
        let mut curve = Curve { points: vec![point], fuel: 5_000, clock_stopped: true, ..Curve::default() };
        curve.answers.insert((1, 64), Some(Value::List(vec![Value::Int(7)])));
        curve.answers.insert((0, 64), None);
        stored.keep_curve(&problem, &curve);
        assert!(stored.curve(&problem).is_none(), "a curve the wall clock cut depends on the machine's load");

        curve.clock_stopped = false;
        stored.keep_curve(&problem, &curve);
        let kept = stored.curve(&problem).expect("kept");
        assert_eq!((kept.points, kept.fuel, kept.answers), (curve.points.clone(), curve.fuel, curve.answers.clone()));

        let mut other = problem.clone();
        other.probes.truncate(1);
        assert!(stored.curve(&other).is_none(), "an answer for a family the problem does not have");
    }
}
