//! The closed sets a `problem.json` is written in: the problem's kind, its entry point, its checks, test
//! categories, rate limiter properties, optimal classes and the follow-up hints. An unknown name in any of
//! them fails when the catalogue loads.

use crate::growth::GrowthClass;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of problem it is: it decides how the grader builds and judges calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A module-level function, judged by its return values against `reference.py`'s.
    Function,
    /// A rate limiter class, judged by properties of its decisions on request traces.
    RateLimiter,
}

impl Kind {
    /// The name as written in `problem.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Function => "function",
            Kind::RateLimiter => "rate_limiter",
        }
    }
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

/// An extra check on a function problem's calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The arguments must be unchanged after the call.
    NoMutation,
    /// A second call with the same input must give the same answer.
    Stateless,
}

/// Where a case belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A visible example.
    Example,
    /// The ordinary cases.
    Basic,
    /// Empty, single, all equal, all distinct.
    Edge,
    /// The mistakes the problem is known for.
    Traps,
    /// Large generated inputs.
    Large,
}

impl Category {
    /// The name used in JSON and shown to people.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Example => "example",
            Category::Basic => "basic",
            Category::Edge => "edge",
            Category::Traps => "traps",
            Category::Large => "large",
        }
    }

    /// The category as the report's table and the insights name it.
    pub fn words(self) -> &'static str {
        match self {
            Category::Example => "visible examples",
            Category::Basic => "ordinary cases",
            Category::Edge => "edge cases",
            Category::Traps => "known traps",
            Category::Large => "large inputs",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The complexity an optimal solution reaches.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Optimal {
    /// Time per call of the entry point, e.g. `O(n)`.
    pub time: GrowthClass,
    /// Space, as the statement puts it (e.g. `O(n)`, `O(keys)`): for people, not compared.
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

/// Which property of a rate limiter a test checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PropertyKind {
    /// A fresh key gets exactly `limit` requests at one instant.
    Burst,
    /// One key's use does not affect another's.
    Isolation,
    /// Capacity returns after an idle window.
    Recovery,
    /// At most twice the limit in any span of one window.
    Span,
    /// The long-run rate is at most the limit.
    LongRun,
}

impl PropertyKind {
    /// The name as written in `problem.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            PropertyKind::Burst => "burst",
            PropertyKind::Isolation => "isolation",
            PropertyKind::Recovery => "recovery",
            PropertyKind::Span => "span",
            PropertyKind::LongRun => "long_run",
        }
    }
}

/// A property of a rate limiter, checked on traces the grader builds.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PropertySpec {
    /// Which property.
    pub property: PropertyKind,
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

/// Questions specific to the problem, asked when the evidence calls for them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hints {
    /// What to ask when the measured time is above the optimal, completing "Ask ...".
    #[serde(default)]
    pub when_slow: Option<String>,
    /// A question for a solution with nothing else to discuss.
    #[serde(default)]
    pub extension: Option<String>,
}
