//! Findings beyond pass and fail: each a fact with its evidence, written out in words in the report.

use crate::words;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Something the grader noticed that no single test's pass or fail says.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// A second call with the same input gave another answer.
    KeepsState {
        /// The test whose input it was.
        case: String,
        /// The first answer, cut short.
        first: String,
        /// The second answer, cut short.
        again: String,
    },
    /// The entry point the statement asks for is missing; another shape of it was called instead.
    EntryAdapted {
        /// What was called, e.g. `Solution().lengthOfLongestSubstring`.
        called: String,
    },
    /// After a call ran out of its fuel, each later call got a twentieth of its own, to keep grading quick
    /// (the sentence says it against the reference's work, never as fuel).
    FuelCut {
        /// The most fuel a call was allowed (the largest test's).
        allowance: u64,
        /// The most fuel a call got after the cut.
        cut: u64,
        /// The least multiple of the reference's work on its input at which a test that did not finish
        /// was stopped, where the reference's work is known.
        least: Option<f64>,
    },
    /// Calls in a row ended the same way, so the rest were not run and count as failing that way.
    CutShort {
        /// Calls in a row that ended the same way.
        after: usize,
        /// Calls not run.
        skipped: usize,
        /// How they ended, in words.
        ending: String,
    },
    /// Answers on the timing probes' inputs were wrong.
    ProbeWrongAnswers {
        /// How many.
        count: usize,
        /// The largest size probed.
        largest_n: u64,
    },
    /// The search for costly inputs found a shape whose cost grows faster than on the problem's own
    /// probe shapes; the probes measured it as one more family.
    WorstCaseFound {
        /// The shape, in words.
        shape: String,
        /// A small input of that shape, as a function's arguments in JSON.
        example: String,
    },
    /// During the timing probes the code rewrote the sandbox's harness, on the host's own proof (a reply
    /// the harness as built never writes); those calls count as neither answers nor measurements.
    ProbeHarnessRewritten {
        /// What the host found wrong in the reply.
        detail: String,
    },
    /// A finding read back from a stored report. A report stores each finding as the sentence people
    /// read, so what comes back is that sentence, written out again as it was.
    Stored(String),
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::KeepsState { case, first, again } => {
                write!(
                    f,
                    "keeps state between calls: '{case}' gave {first} the first time and {again} when called again"
                )
            }
            Finding::EntryAdapted { called } => {
                write!(f, "the entry point the statement asks for is not defined; called {called} instead")
            }
            Finding::FuelCut { least, .. } => {
                let stopped = match least {
                    Some(times) if *times >= 2.0 => {
                        format!(
                            ", but only after more than {}× the reference's work on its input",
                            words::at_least(*times)
                        )
                    }
                    Some(_) => ", some before doing as much work as the reference does on them".into(),
                    None => String::new(),
                };
                write!(
                    f,
                    "after a test did not finish, each later test was stopped sooner, to keep grading quick{stopped}; a test that did not finish counts as too slow either way"
                )
            }
            Finding::CutShort { after, skipped, ending } => write!(
                f,
                "{after} calls in a row {ending}; the other {skipped} were not run and count as failing the same way, to keep grading quick"
            ),
            Finding::ProbeWrongAnswers { count, largest_n } => {
                write!(f, "wrong answers on {count} of the timing probes' inputs (sizes up to {largest_n})")
            }
            Finding::WorstCaseFound { shape, example } => write!(
                f,
                "the search for costly inputs found a slower shape than the standard ones: {shape} (a small one to try: {example}); the growth above includes it"
            ),
            Finding::ProbeHarnessRewritten { detail } => write!(
                f,
                "during the timing probes the code rewrote the sandbox's harness ({detail}); those calls were neither judged nor measured"
            ),
            Finding::Stored(sentence) => f.write_str(sentence),
        }
    }
}

/// In JSON a finding is its sentence.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Finding, D::Error> {
        String::deserialize(deserializer).map(Finding::Stored)
    }
}
