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

/// A Run's answer: why the module did not load, if it did not, and each visible example's result.
#[derive(Serialize)]
pub struct Ran {
    /// Why the module did not load.
    pub load_error: Option<grader::LoadError>,
    /// Each visible example, in full.
    pub examples: Vec<grader::ExampleResult>,
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

/// What the candidate's page loads: their session's name and level, the problem, their last draft and
/// the newest page of their submissions.
#[derive(Serialize)]
pub struct CandidatePage<'a, T> {
    /// The session, as the candidate may see it.
    pub session: CandidateSessionShown<'a>,
    /// The problem.
    pub problem: PublicProblem<'a>,
    /// The last draft's code.
    pub draft: Option<String>,
    /// The newest page of submissions.
    pub submissions: Vec<super::Listed<T>>,
    /// Whether older ones are left.
    pub has_more: bool,
}

/// The session as the candidate may see it: no links, no interviewer data.
#[derive(Serialize)]
pub struct CandidateSessionShown<'a> {
    /// Its id.
    pub id: i64,
    /// The candidate's name.
    pub candidate_name: &'a str,
    /// The level interviewed for.
    pub level: Level,
}

/// What the interviewer's page loads: everything about the session.
#[derive(Serialize)]
pub struct InterviewerPage<'a, T> {
    /// The session.
    pub session: &'a crate::store::SessionRow,
    /// The problem.
    pub problem: PublicProblem<'a>,
    /// The optimal growth.
    pub optimal: OptimalShown<'a>,
    /// The last draft.
    pub draft: Option<crate::store::DraftRow>,
    /// Drafts saved in all.
    pub drafts_saved: i64,
    /// The newest page of submissions.
    pub submissions: Vec<super::Listed<T>>,
    /// Whether older ones are left.
    pub has_more: bool,
    /// The newest score sheet.
    pub sheet: crate::sheet::Sheet,
    /// What follows from it.
    pub computed: crate::sheet::Computed,
    /// The decision thresholds per level.
    pub thresholds: crate::sheet::Thresholds,
}

/// The optimal time class, and the space as the statement puts it.
#[derive(Serialize)]
pub struct OptimalShown<'a> {
    /// Time per call.
    pub time: catalog::GrowthClass,
    /// Space, in the statement's words.
    pub space: &'a str,
}

/// A score sheet saved, and what follows from it.
#[derive(Serialize)]
pub struct SheetSaved {
    /// The sheet as stored.
    pub sheet: crate::sheet::Sheet,
    /// What follows from it.
    pub computed: crate::sheet::Computed,
}

/// Every saved version of the score sheet.
#[derive(Serialize)]
pub struct SheetVersions {
    /// Oldest first.
    pub versions: Vec<SheetVersion>,
}

/// One saved version.
#[derive(Serialize)]
pub struct SheetVersion {
    /// When it was saved.
    pub saved_at: i64,
    /// The sheet (none if it does not read).
    pub sheet: Option<crate::sheet::Sheet>,
}

/// The whole call for playback.
#[derive(Serialize)]
pub struct Timeline<T> {
    /// When the session began.
    pub started_at: i64,
    /// Now, on the server's clock.
    pub now: i64,
    /// Every draft version, oldest first (code left out beyond the size the timeline sends).
    pub drafts: Vec<TimelineDraft>,
    /// Runs, pastes and time away, in time order.
    pub events: Vec<crate::timeline::TimelineEvent>,
    /// Every submission with what its report says first.
    pub submissions: Vec<T>,
    /// How drafts are kept.
    pub playback: Playback,
}

/// A draft version on the timeline.
#[derive(Serialize)]
pub struct TimelineDraft {
    /// Its id.
    pub id: i64,
    /// When it was saved.
    pub saved_at: i64,
    /// Its code, unless the timeline's size was spent on newer versions.
    pub source: Option<String>,
}

/// How drafts are coalesced and capped.
#[derive(Serialize)]
pub struct Playback {
    /// Saves within this many seconds are one version.
    pub coalesce_seconds: f64,
    /// Versions kept at most.
    pub max_versions: i64,
}

/// A scratch run: which code ran, and what it and the reference did.
#[derive(Serialize)]
pub struct Scratched {
    /// The code that ran.
    pub code: CodeUsed,
    /// The candidate's code beside the reference.
    pub result: grader::ScratchResult,
}

/// Which code a scratch run used: the latest draft or the latest submission.
#[derive(Serialize)]
pub struct CodeUsed {
    /// `draft` or `submission`.
    pub from: &'static str,
    /// Its id.
    pub id: i64,
    /// When it was saved or submitted.
    pub at: i64,
    /// A submission's number in the session.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<i64>,
}

/// The catalogue's list.
#[derive(Serialize)]
pub struct ProblemList<'a> {
    /// Every problem, by id, title and level.
    pub problems: Vec<ListedProblem<'a>>,
}

/// What `/health` says: whether the database answers and can store a submission, the queue, and which
/// node this is.
#[derive(Serialize)]
pub struct Health<'a> {
    /// `ok` or `degraded`.
    pub status: &'static str,
    /// `ok`, `cannot_write` or `unavailable`.
    pub database: &'static str,
    /// The queue, when the database answers.
    pub queue: Option<QueueShown>,
    /// This node's name.
    pub node: &'a str,
    /// What this node does.
    pub role: &'static str,
}

/// The queue as this node sees it.
#[derive(Serialize)]
pub struct QueueShown {
    /// Submissions waiting for a worker.
    pub waiting: i64,
    /// Submissions being graded.
    pub running: i64,
}

/// A page of the operator's sessions, newest first.
#[derive(Serialize)]
pub struct SessionList<T> {
    /// The sessions.
    pub sessions: Vec<T>,
    /// Whether older ones are left.
    pub has_more: bool,
    /// The `before` of the next page.
    pub next_before: Option<i64>,
}

/// A page of the insights' cases.
#[derive(Serialize)]
pub struct CasePage<T> {
    /// The cases, the largest difference first.
    pub cases: Vec<T>,
    /// Whether more are left.
    pub has_more: bool,
    /// The `offset` of the next page.
    pub next_offset: Option<i64>,
}
