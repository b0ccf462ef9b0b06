//! The API's answers as types: what each route sends, field by field, so that what a link can see is
//! written in one place and the JSON shape (the pages' and `openapi.json`'s) follows from the types.

use crate::links::Links;
use crate::model::Status;
use catalog::{CaseInput, Category, Level, Problem};
use runner::Value;
use serde::Serialize;

/// What both people may see of the problem: statement, signature, starter, visible examples, and how
/// many hidden tests of each category (never their inputs).
#[derive(Serialize)]
pub struct PublicProblem<'a> {
    id: &'a str,
    title: &'a str,
    level: Level,
    signature: &'a str,
    statement: &'a str,
    statement_html: String,
    starter: &'a str,
    examples: Vec<ShownExample<'a>>,
    hidden_tests: Vec<HiddenCount>,
}

/// A visible example: its name and input.
#[derive(Serialize)]
pub struct ShownExample<'a> {
    name: &'a str,
    input: ShownInput<'a>,
}

/// A visible example's input: a function's arguments, a rate limiter's trace, or nothing to show.
#[derive(Serialize)]
#[serde(untagged)]
pub enum ShownInput<'a> {
    /// The arguments, as tagged JSON.
    Args(&'a [Value]),
    /// The trace.
    Trace {
        /// Requests allowed per window.
        limit: i64,
        /// Window length in seconds.
        window: f64,
        /// The requests: (key, time).
        requests: &'a [(String, f64)],
    },
    /// A property (not shown as an input).
    None,
}

/// How many hidden tests a category has.
#[derive(Serialize)]
pub struct HiddenCount {
    category: Category,
    count: usize,
}

impl<'a> PublicProblem<'a> {
    /// The problem as both links show it.
    pub fn of(problem: &'a Problem) -> PublicProblem<'a> {
        let examples = problem
            .examples
            .iter()
            .map(|e| ShownExample {
                name: &e.name,
                input: match &e.input {
                    CaseInput::Args(args) => ShownInput::Args(args),
                    CaseInput::Trace(t) => {
                        ShownInput::Trace { limit: t.limit, window: t.window, requests: &t.requests }
                    }
                    CaseInput::Property(_) => ShownInput::None,
                },
            })
            .collect();
        let hidden_tests = problem
            .categories()
            .into_iter()
            .map(|category| HiddenCount {
                category,
                count: problem.tests.iter().filter(|t| t.category == category).count(),
            })
            .collect();
        PublicProblem {
            id: &problem.id,
            title: &problem.title,
            level: problem.level,
            signature: &problem.signature,
            statement: &problem.statement,
            statement_html: crate::pages::markdown(&problem.statement),
            starter: &problem.starter,
            examples,
            hidden_tests,
        }
    }
}

/// A problem in the catalogue's list.
#[derive(Serialize)]
pub struct ListedProblem<'a> {
    id: &'a str,
    title: &'a str,
    level: Level,
}

impl<'a> ListedProblem<'a> {
    /// The problem as the list names it.
    pub fn of(problem: &'a Problem) -> ListedProblem<'a> {
        ListedProblem { id: &problem.id, title: &problem.title, level: problem.level }
    }
}

/// A new session: its id and both links.
#[derive(Serialize)]
pub struct Created {
    /// The session's id.
    pub id: i64,
    /// Its links.
    #[serde(flatten)]
    pub links: Links,
}

/// A draft saved: its id and when.
#[derive(Serialize)]
pub struct Saved {
    /// The draft's id.
    pub id: i64,
    /// When it was saved, ms since the epoch.
    pub saved_at: i64,
}

/// A timeline event stored: its id and when it happened.
#[derive(Serialize)]
pub struct Noted {
    /// The event's id.
    pub id: i64,
    /// When it happened (for time away, when it began).
    pub at: i64,
}

/// A submission accepted for grading.
#[derive(Serialize)]
pub struct Accepted {
    /// Its id.
    pub id: i64,
    /// Its number in the session.
    pub number: Option<i64>,
    /// Queued.
    pub status: Status,
    /// Its place in the queue (0: next).
    pub queue_position: Option<i64>,
}

/// What the candidate's own code did on their own input, and nothing of the reference's.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OwnResult {
    /// A function called with the candidate's arguments.
    Call {
        /// The input, as shown.
        input: String,
        /// What it returned, shown.
        value: Option<String>,
        /// What it raised, when it returned nothing (with a value, the error would name the type the
        /// reference returns: not the candidate's to see).
        error: Option<String>,
        /// The candidate's line the error points at.
        line: Option<u32>,
        /// What it printed.
        output: String,
    },
    /// A rate limiter replaying the candidate's trace.
    Trace {
        /// Requests allowed per window.
        limit: i64,
        /// Window length in seconds.
        window: f64,
        /// Each request and whether the candidate's limiter admitted it.
        requests: Vec<OwnDecision>,
        /// What it raised, if it did.
        error: Option<String>,
        /// The candidate's line the error points at.
        line: Option<u32>,
        /// What it printed.
        output: String,
    },
}

/// One request of the candidate's trace and the candidate's limiter's decision.
#[derive(Serialize)]
pub struct OwnDecision {
    key: String,
    time: f64,
    allowed: Option<bool>,
}

impl OwnResult {
    /// The candidate's part of a scratch result.
    pub fn of(result: grader::ScratchResult) -> OwnResult {
        match result {
            grader::ScratchResult::Call { input, candidate, .. } => OwnResult::Call {
                input,
                error: if candidate.value.is_some() { None } else { candidate.error },
                value: candidate.value,
                line: candidate.line,
                output: candidate.output,
            },
            grader::ScratchResult::Trace { limit, window, requests, error, line, output, .. } => OwnResult::Trace {
                limit,
                window,
                requests: requests
                    .into_iter()
                    .map(|r| OwnDecision { key: r.key, time: r.time, allowed: r.candidate })
                    .collect(),
                error,
                line,
                output,
            },
        }
    }
}
