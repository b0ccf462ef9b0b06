//! One vocabulary: every closed set the API sends, each value with the words people read for it, and the
//! two calibrations that turn the grader's figures into native time and memory. Written once here, from
//! the types' own `as_str` and `words`; the pages read it from `web/src/shared/vocabulary.json`, which a
//! test keeps equal to this (`SCREENJUDGE_WRITE_VOCABULARY=1 cargo test -p server vocabulary` rewrites it).

use crate::insights::Cause;
use crate::model::{Stage, Status};
use crate::sheet::{self, Decision};
use crate::timeline::Kind;
use catalog::{Category, GrowthClass, Level};
use grader::{Algorithm, Verdict};
use serde::Serialize;

/// One value of a closed set: its JSON spelling and its words.
#[derive(Debug, Serialize)]
pub struct Word {
    /// As the API sends it.
    pub id: &'static str,
    /// As people read it.
    pub words: &'static str,
}

/// Fuel and guest bytes as people read them.
#[derive(Debug, Serialize)]
pub struct Calibration {
    /// Guest fuel native CPython gets through per second.
    pub fuel_per_native_second: f64,
    /// Native 64-bit CPython bytes per byte the guest's heap grows.
    pub native_bytes_per_guest_byte: f64,
}

/// Every closed set, each in its order (the growth classes cheapest first, the decisions as offered).
#[derive(Debug, Serialize)]
pub struct Vocabulary {
    /// The grader's verdicts.
    pub verdicts: Vec<Word>,
    /// Why a test failed, and code that does not load (the insights' causes).
    pub causes: Vec<Word>,
    /// Where a submission is.
    pub statuses: Vec<Word>,
    /// How far a session has come.
    pub stages: Vec<Word>,
    /// The rate limiter's algorithms.
    pub algorithms: Vec<Word>,
    /// Growth classes, cheapest first, as people write them.
    pub growth_classes: Vec<Word>,
    /// Decisions, strongest first, then the computed one that is not yet a decision.
    pub decisions: Vec<Word>,
    /// Levels.
    pub levels: Vec<Word>,
    /// Categories of hidden tests.
    pub categories: Vec<Word>,
    /// Scores 1 to 4 and the decision each stands for.
    pub scores: Vec<Word>,
    /// The marks on the interviewer's timeline: its events, and submissions.
    pub timeline_marks: Vec<Word>,
    /// Fuel and bytes as people read them.
    pub calibration: Calibration,
}

/// A submission's mark on the timeline (submissions are not timeline events, but the legend names them).
const SUBMISSION_MARK: &str = "Submit";

/// Each set's values, in the order the pages offer them, listed here once.
const VERDICTS: [Verdict; 8] = [
    Verdict::Accepted,
    Verdict::WrongAnswer,
    Verdict::OutputLimit,
    Verdict::MemoryLimit,
    Verdict::Timeout,
    Verdict::RuntimeError,
    Verdict::MissingEntry,
    Verdict::CompileError,
];
const CAUSES: [Cause; 10] = [
    Cause::WrongAnswer,
    Cause::WrongType,
    Cause::MutatedInput,
    Cause::Exception,
    Cause::Timeout,
    Cause::Memory,
    Cause::Output,
    Cause::Missing,
    Cause::Property,
    Cause::DoesNotLoad,
];
const STATUSES: [Status; 4] = [Status::Queued, Status::Running, Status::Done, Status::Failed];
const STAGES: [Stage; 4] = [Stage::NotStarted, Stage::Coding, Stage::Grading, Stage::Submitted];
const ALGORITHMS: [Algorithm; 5] = [
    Algorithm::FixedWindow,
    Algorithm::SlidingLog,
    Algorithm::SlidingWindowCounter,
    Algorithm::TokenBucket,
    Algorithm::Unknown,
];
const DECISIONS: [Decision; 5] =
    [Decision::StrongHire, Decision::Hire, Decision::Maybe, Decision::NoHire, Decision::Incomplete];
const CATEGORIES: [Category; 5] =
    [Category::Example, Category::Basic, Category::Edge, Category::Traps, Category::Large];

impl Vocabulary {
    /// The vocabulary as the service speaks it.
    pub fn new() -> Vocabulary {
        let words = |id, words| Word { id, words };
        Vocabulary {
            verdicts: VERDICTS.map(|v| words(v.as_str(), v.words())).into(),
            causes: CAUSES.map(|c| words(c.as_str(), c.words())).into(),
            statuses: STATUSES.map(|s| words(s.as_str(), s.words())).into(),
            stages: STAGES.map(|s| words(s.as_str(), s.words())).into(),
            algorithms: ALGORITHMS.map(|a| words(a.as_str(), a.words())).into(),
            growth_classes: GrowthClass::ALL.map(|c| words(c.as_str(), c.pretty())).into(),
            decisions: DECISIONS.map(|d| words(d.as_str(), d.words())).into(),
            levels: Level::ALL.map(|l| words(l.as_str(), l.words())).into(),
            categories: CATEGORIES.map(|c| words(c.as_str(), c.words())).into(),
            scores: ["1", "2", "3", "4"]
                .into_iter()
                .zip(1..)
                .filter_map(|(id, score)| Some(words(id, sheet::meaning(score)?.words())))
                .collect(),
            timeline_marks: vec![
                words(Kind::Run.as_str(), Kind::Run.mark()),
                words("submission", SUBMISSION_MARK),
                words(Kind::Paste.as_str(), Kind::Paste.mark()),
                words(Kind::FocusLost.as_str(), Kind::FocusLost.mark()),
            ],
            calibration: Calibration {
                fuel_per_native_second: grader::FUEL_PER_NATIVE_SECOND,
                native_bytes_per_guest_byte: grader::NATIVE_BYTES_PER_GUEST_BYTE,
            },
        }
    }
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value as Json;

    const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/web/src/shared/vocabulary.json");

    #[test]
    fn the_pages_read_the_same_vocabulary() {
        let rust = serde_json::to_value(Vocabulary::new()).unwrap();
        if std::env::var_os("SCREENJUDGE_WRITE_VOCABULARY").is_some() {
            std::fs::write(PAGES, serde_json::to_string_pretty(&rust).unwrap() + "\n").unwrap();
        }
        let pages: Json = serde_json::from_str(&std::fs::read_to_string(PAGES).unwrap()).unwrap();
        assert_eq!(
            pages, rust,
            "the pages' vocabulary.json differs from the Rust types' words; rewrite it with SCREENJUDGE_WRITE_VOCABULARY=1"
        );
    }

    #[test]
    fn every_value_is_listed_and_spelt_as_serde_spells_it() {
        fn check<T: Serialize>(values: &[T], ids: &[Word]) {
            for (value, word) in values.iter().zip(ids) {
                assert_eq!(serde_json::to_value(value).unwrap(), word.id);
            }
        }
        let v = Vocabulary::new();
        check(&VERDICTS, &v.verdicts);
        check(&CAUSES, &v.causes);
        check(&STATUSES, &v.statuses);
        check(&STAGES, &v.stages);
        check(&ALGORITHMS, &v.algorithms);
        check(&GrowthClass::ALL, &v.growth_classes);
        check(&DECISIONS, &v.decisions);
        check(&Level::ALL, &v.levels);
        check(&CATEGORIES, &v.categories);
    }
}
