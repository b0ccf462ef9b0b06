//! Insights across sessions, for the operator: per problem and level over a period, the sessions and
//! decisions, the suggested and final problem scores, what candidates fail, how many reach the optimal
//! growth class, how long the first passing submission takes, how each foundational question separates
//! hires from no-hires, and how each interviewer's scores compare with the suggestions; and a session's
//! standing among others on its problem and level (for the interviewer only).
//!
//! A session's facts are read from what is stored (its newest sheet, its graded reports, its first
//! draft) by `facts_of`; `refresh` brings the stored facts up to date and the aggregates are counted in
//! the database (`store/insights`). This module turns the counts into figures; it sends no words people
//! read, only values of closed sets (the pages word them) and numbers.

use crate::sheet::{self, Decision, Sheet, Thresholds};
use crate::store::{Case, Facts, InterviewerSums, Marks, RawSession, Slice, Store, StoreError};
use catalog::{Catalog, Category, Level, QuestionBank};
use grader::{Report, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Sessions of the same problem and level needed before a session's standing is shown.
pub const STANDING_THRESHOLD: i64 = 20;

/// Sessions whose facts are computed and written together.
const CHUNK: usize = 200;

/// Bucket edges for the time to the first passing submission, in minutes.
pub const PASS_EDGES_MINUTES: [i64; 6] = [5, 10, 15, 20, 30, 45];

/// Why a hidden test failed, as insights count it: the grader's failure kinds (`grader::FailureKind`,
/// same spellings), and code that does not load at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Returned the wrong value.
    WrongAnswer,
    /// Returned a value of the wrong type.
    WrongType,
    /// Changed its input.
    MutatedInput,
    /// Raised an exception.
    Exception,
    /// Used up its fuel.
    Timeout,
    /// Hit the memory cap.
    Memory,
    /// Printed past the output cap.
    Output,
    /// The entry point is missing.
    Missing,
    /// A property of the rate limiter does not hold.
    Property,
    /// The source does not parse, so no test ran.
    DoesNotLoad,
}

impl Cause {
    /// The cause in words: the grader's words for its failure kinds.
    pub fn words(self) -> &'static str {
        use grader::FailureKind as Kind;
        let kind = match self {
            Cause::WrongAnswer => Kind::WrongAnswer,
            Cause::WrongType => Kind::WrongType,
            Cause::MutatedInput => Kind::MutatedInput,
            Cause::Exception => Kind::Exception,
            Cause::Timeout => Kind::Timeout,
            Cause::Memory => Kind::Memory,
            Cause::Output => Kind::Output,
            Cause::Missing => Kind::Missing,
            Cause::Property => Kind::Property,
            Cause::DoesNotLoad => return "does not load",
        };
        kind.words()
    }

    /// The stored and sent spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::WrongAnswer => "wrong_answer",
            Cause::WrongType => "wrong_type",
            Cause::MutatedInput => "mutated_input",
            Cause::Exception => "exception",
            Cause::Timeout => "timeout",
            Cause::Memory => "memory",
            Cause::Output => "output",
            Cause::Missing => "missing",
            Cause::Property => "property",
            Cause::DoesNotLoad => "does_not_load",
        }
    }
}

/// One thing a graded submission failed: a hidden-test category, or a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// A category with at least one failing hidden test.
    Category(Category),
    /// A cause of failure.
    Cause(Cause),
}

impl Failure {
    /// Its stored columns: (facet, name).
    pub fn columns(self) -> (&'static str, &'static str) {
        match self {
            Failure::Category(c) => ("category", c.as_str()),
            Failure::Cause(c) => ("cause", c.as_str()),
        }
    }

    /// From its stored columns; none for a spelling this service does not write.
    pub fn from_columns(facet: &str, name: &str) -> Option<Failure> {
        let name = serde_json::Value::String(name.to_string());
        match facet {
            "category" => serde_json::from_value(name).ok().map(Failure::Category),
            "cause" => serde_json::from_value(name).ok().map(Failure::Cause),
            _ => None,
        }
    }
}

/// The cause a failure kind of the grader's counts as.
impl From<grader::FailureKind> for Cause {
    fn from(kind: grader::FailureKind) -> Cause {
        use grader::FailureKind as Kind;
        match kind {
            Kind::WrongAnswer => Cause::WrongAnswer,
            Kind::WrongType => Cause::WrongType,
            Kind::MutatedInput => Cause::MutatedInput,
            Kind::Exception => Cause::Exception,
            Kind::Timeout => Cause::Timeout,
            Kind::Memory => Cause::Memory,
            Kind::Output => Cause::Output,
            Kind::Missing => Cause::Missing,
            Kind::Property => Cause::Property,
        }
    }
}

/// A session's facts from what is stored. A report or sheet that does not read is left out (counted as
/// not graded, not scored) rather than failing the whole refresh.
pub fn facts_of(raw: &RawSession, catalog: &Catalog, thresholds: &Thresholds) -> Facts {
    let sheet: Sheet = raw.sheet.as_deref().and_then(|t| serde_json::from_str(t).ok()).unwrap_or_default();
    let computed = sheet::compute(&sheet, raw.level, thresholds);
    let decision = sheet.final_decision.unwrap_or(computed.decision);
    let reports: Vec<(i64, Report)> =
        raw.graded.iter().filter_map(|(at, text)| Some((*at, crate::reports::read(raw.id, text)?))).collect();
    let latest = reports.last().map(|(_, r)| r);
    let optimal_class = catalog.get(&raw.problem).ok().map(|p| p.optimal.time);
    let optimal = match (latest, optimal_class) {
        (Some(report), Some(class)) => {
            // A rate limiter's optimal class is its per-call cost's, spelt the same ("O(1)").
            let measured = report
                .complexity
                .as_ref()
                .map(|c| c.time.as_str())
                .or_else(|| report.rate_limiter.as_ref().map(|l| l.per_call_cost.class.as_str()));
            measured == Some(class.as_str())
        }
        _ => false,
    };
    let first_pass = reports.iter().find(|(_, r)| r.verdict == Verdict::Accepted).map(|(at, _)| *at);
    let pass_ms = match (raw.first_draft_at, first_pass) {
        (Some(draft), Some(pass)) if pass >= draft => Some(pass - draft),
        _ => None,
    };
    Facts {
        session_id: raw.id,
        problem: raw.problem.clone(),
        level: raw.level,
        created_at: raw.created_at,
        interviewer: raw.interviewer.clone(),
        decision,
        graded: latest.is_some(),
        suggested: latest.map(|r| i64::from(r.score.suggested)),
        final_score: sheet.coding.score.map(i64::from),
        optimal,
        pass_ms,
        failures: latest.map(failures_of).unwrap_or_default(),
        questions: sheet.foundations.iter().map(|q| (q.question.clone(), q.score.map(i64::from))).collect(),
    }
}

fn failures_of(report: &Report) -> Vec<Failure> {
    let mut out = Vec::new();
    let tests = &report.tests;
    for c in &tests.categories {
        if c.passed < c.total && c.category != Category::Example {
            out.push(Failure::Category(c.category));
        }
    }
    let mut causes: Vec<Cause> = tests.causes.iter().map(|c| Cause::from(c.kind)).collect();
    if matches!(report.verdict, Verdict::CompileError) {
        causes.push(Cause::DoesNotLoad);
    }
    causes.sort();
    causes.dedup();
    out.extend(causes.into_iter().map(Failure::Cause));
    out
}

/// One refresh at a time in this process (nodes on one PostgreSQL database serialise their writes with
/// a lock in the transaction).
static REFRESHING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Brings the stored facts up to date with every session changed since the last refresh; how many
/// sessions it read. The facts are computed off the async runtime, a chunk at a time.
pub async fn refresh(store: &Store, catalog: &Catalog, thresholds: &Thresholds) -> Result<usize, StoreError> {
    let _one = REFRESHING.lock().await;
    let since = store.insight_marks().await?;
    let upto: Marks = store.current_marks().await?;
    let dirty = store.dirty_sessions(since).await?;
    for chunk in dirty.chunks(CHUNK) {
        let raws = store.raw_sessions(chunk).await?;
        let facts = tokio::task::block_in_place(|| {
            raws.iter().map(|raw| facts_of(raw, catalog, thresholds)).collect::<Vec<_>>()
        });
        store.write_facts(&facts).await?;
    }
    // Nothing changed: the marks stay (no write on every request); the next refresh looks back a little further.
    if !dirty.is_empty() || upto.session != since.session || upto.sheet != since.sheet || upto.draft != since.draft {
        store.save_marks(upto).await?;
    }
    Ok(dirty.len())
}

/// The period and the slice the page asks about.
#[derive(Debug, Clone, Deserialize)]
pub struct Query {
    /// The problem's id.
    pub problem: String,
    /// The level.
    pub level: Level,
    /// Sessions created at or after (ms); all when absent.
    pub from: Option<i64>,
    /// Sessions created before (ms); all when absent.
    pub to: Option<i64>,
}

impl Query {
    /// The slice of sessions it names.
    pub fn slice(&self) -> Slice {
        Slice {
            problem: self.problem.clone(),
            level: self.level,
            from: self.from.unwrap_or(i64::MIN),
            to: self.to.unwrap_or(i64::MAX),
        }
    }
}

/// Sessions for one value of a closed set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count<T> {
    /// The value.
    pub value: T,
    /// Sessions.
    pub sessions: i64,
    /// Of the table's whole (0 when the whole is 0).
    pub share: f64,
}

/// The time from the first draft to the first passing submission.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassTimes {
    /// Sessions with both.
    pub sessions: i64,
    /// The median, in minutes (the mean of the middle two for an even count).
    pub median_minutes: Option<f64>,
    /// Sessions per bucket: `[from, to)` minutes, `to` none for the last.
    pub buckets: Vec<PassBucket>,
}

/// One bucket of `PassTimes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PassBucket {
    /// From this many minutes.
    pub from_minutes: i64,
    /// Below this many (none: no bound).
    pub to_minutes: Option<i64>,
    /// Sessions.
    pub sessions: i64,
}

/// How one foundational question scored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionFigures {
    /// Its id in the bank (or the interviewer's own text).
    pub question: String,
    /// Its text from the bank (none for an interviewer's own).
    pub text: Option<String>,
    /// Sessions that asked it.
    pub asked: i64,
    /// Of the sessions in the slice.
    pub asked_share: f64,
    /// Sessions per score, 1 to 4.
    pub scores: [i64; 4],
    /// Asked but not scored.
    pub unscored: i64,
    /// The mean score where the decision was hire or strong hire.
    pub hire_mean: Option<f64>,
    /// The mean score where the decision was no hire.
    pub no_hire_mean: Option<f64>,
    /// Scored sessions on each side: (hire, no hire).
    pub sides: (i64, i64),
    /// The chance that a hire scored higher than a no-hire on it (ties count half): 0.5 tells nothing,
    /// 1 separates perfectly. None without scores on both sides.
    pub separation: Option<f64>,
}

/// How one interviewer's scores compare with the suggestions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InterviewerFigures {
    /// The name (empty when none was given).
    pub interviewer: String,
    /// Sessions in the slice.
    pub sessions: i64,
    /// Sessions with both scores.
    pub compared: i64,
    /// Mean of final − suggested.
    pub mean_difference: Option<f64>,
    /// Mean of |final − suggested|.
    pub mean_absolute: Option<f64>,
    /// Share where the final score equals the suggested one.
    pub agreement: Option<f64>,
    /// Sessions scored above the suggestion.
    pub above: i64,
    /// Sessions scored below it.
    pub below: i64,
}

/// A session where the interviewer's score and the suggestion differ, with the link to open it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFigures {
    /// The session.
    pub session_id: i64,
    /// The candidate.
    pub candidate_name: String,
    /// The interviewer (empty when none).
    pub interviewer: String,
    /// Suggested score.
    pub suggested: i64,
    /// Final score.
    pub final_score: i64,
    /// final − suggested.
    pub difference: i64,
    /// When the session was created (ms).
    pub created_at: i64,
    /// The interviewer's page.
    pub interviewer_link: String,
}

impl CaseFigures {
    /// From a stored case.
    pub fn of(case: &Case) -> CaseFigures {
        CaseFigures {
            session_id: case.session_id,
            candidate_name: case.candidate_name.clone(),
            interviewer: case.interviewer.clone(),
            suggested: case.suggested,
            final_score: case.final_score,
            difference: case.final_score - case.suggested,
            created_at: case.created_at,
            interviewer_link: format!("/i/{}-{}", case.session_id, case.interviewer_secret),
        }
    }
}

/// Everything the insights page shows for one slice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    /// The problem's id.
    pub problem: String,
    /// Its title.
    pub problem_title: String,
    /// The level.
    pub level: Level,
    /// Period start (ms), if bounded.
    pub from: Option<i64>,
    /// Period end (ms), if bounded.
    pub to: Option<i64>,
    /// Whether the database holds generated demo history.
    pub demo: bool,
    /// Sessions in the slice.
    pub sessions: i64,
    /// Of which with a graded submission.
    pub graded: i64,
    /// Sessions per decision (recorded, else computed from the scores), every decision listed.
    pub decisions: Vec<Count<Decision>>,
    /// Sessions per suggested score (latest graded submission), 1 to 4, of those with one.
    pub suggested: Vec<Count<i64>>,
    /// Sessions per final problem score, 1 to 4, of those with one.
    pub final_scores: Vec<Count<i64>>,
    /// Graded sessions failing each hidden-test category, most first (share of graded sessions).
    pub categories: Vec<Count<Category>>,
    /// Graded sessions failing by each cause, most first (share of graded sessions).
    pub causes: Vec<Count<Cause>>,
    /// The problem's optimal time class.
    pub optimal_class: Option<catalog::GrowthClass>,
    /// Graded sessions whose latest submission reaches it (share of graded sessions).
    pub optimal: Count<bool>,
    /// From the first draft to the first passing submission.
    pub pass_times: PassTimes,
    /// Per foundational question asked in the slice, most asked first.
    pub questions: Vec<QuestionFigures>,
    /// Per interviewer.
    pub interviewers: Vec<InterviewerFigures>,
    /// The sessions where final and suggested differ most (the first page).
    pub cases: Vec<CaseFigures>,
    /// Whether more cases follow.
    pub more_cases: bool,
}

/// Cases on the page before "more".
pub const CASES_SHOWN: i64 = 10;

fn share(part: i64, whole: i64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The figures for `query`, from the stored facts (call `refresh` first to include the latest changes).
pub async fn compute(
    store: &Store,
    catalog: &Catalog,
    bank: &QuestionBank,
    query: &Query,
) -> Result<Insights, StoreError> {
    let slice = query.slice();
    let edges: Vec<i64> = PASS_EDGES_MINUTES.iter().map(|m| m * 60_000).collect();
    // Side by side: each is one query (two for the pass times) over its own index.
    let (decisions, suggested, final_scores, failures, pass_times, question_counts, sums, cases, demo) = tokio::try_join!(
        store.decision_counts(&slice),
        store.score_counts(&slice, false),
        store.score_counts(&slice, true),
        store.failure_counts(&slice),
        store.pass_times(&slice, &edges),
        store.question_counts(&slice),
        store.interviewer_sums(&slice),
        store.differing_cases(&slice, None, CASES_SHOWN, 0),
        crate::history::is_demo(store),
    )?;
    let sessions: i64 = decisions.iter().map(|d| d.sessions).sum();
    let graded: i64 = decisions.iter().map(|d| d.graded).sum();
    let reached: i64 = decisions.iter().map(|d| d.optimal).sum();
    let all = [Decision::StrongHire, Decision::Hire, Decision::Maybe, Decision::NoHire, Decision::Incomplete];
    let decisions = all
        .iter()
        .map(|d| {
            let n = decisions.iter().filter(|c| c.decision == *d).map(|c| c.sessions).sum();
            Count { value: *d, sessions: n, share: share(n, sessions) }
        })
        .collect();
    let scores = |counts: Vec<(i64, i64)>| {
        let whole: i64 = counts.iter().map(|(_, n)| n).sum();
        (1..=4)
            .map(|s| {
                let n = counts.iter().filter(|(v, _)| *v == s).map(|(_, n)| *n).sum();
                Count { value: s, sessions: n, share: share(n, whole) }
            })
            .collect::<Vec<_>>()
    };
    let suggested = scores(suggested);
    let final_scores = scores(final_scores);
    let mut categories = Vec::new();
    let mut causes = Vec::new();
    for (failure, n) in failures {
        match failure {
            Failure::Category(value) => categories.push(Count { value, sessions: n, share: share(n, graded) }),
            Failure::Cause(value) => causes.push(Count { value, sessions: n, share: share(n, graded) }),
        }
    }
    let (passed, middle, buckets) = pass_times;
    let median_minutes =
        (!middle.is_empty()).then(|| middle.iter().sum::<i64>() as f64 / middle.len() as f64 / 60_000.0);
    let buckets = buckets
        .iter()
        .enumerate()
        .map(|(i, n)| PassBucket {
            from_minutes: if i == 0 { 0 } else { PASS_EDGES_MINUTES[i - 1] },
            to_minutes: PASS_EDGES_MINUTES.get(i).copied(),
            sessions: *n,
        })
        .collect();
    let questions = question_figures(question_counts, sessions, bank);
    let interviewers = sums.iter().map(interviewer_figures).collect();
    let (cases, more_cases) = cases;
    let problem = catalog.get(&query.problem).ok();
    Ok(Insights {
        problem: query.problem.clone(),
        problem_title: problem.map_or_else(|| query.problem.clone(), |p| p.title.clone()),
        level: query.level,
        from: query.from,
        to: query.to,
        demo,
        sessions,
        graded,
        decisions,
        suggested,
        final_scores,
        categories,
        causes,
        optimal_class: problem.map(|p| p.optimal.time),
        optimal: Count { value: true, sessions: reached, share: share(reached, graded) },
        pass_times: PassTimes { sessions: passed, median_minutes, buckets },
        questions,
        interviewers,
        cases: cases.iter().map(CaseFigures::of).collect(),
        more_cases,
    })
}

fn interviewer_figures(s: &InterviewerSums) -> InterviewerFigures {
    InterviewerFigures {
        interviewer: s.interviewer.clone(),
        sessions: s.sessions,
        compared: s.compared,
        mean_difference: ratio(s.difference, s.compared),
        mean_absolute: ratio(s.absolute, s.compared),
        agreement: ratio(s.same, s.compared),
        above: s.above,
        below: s.below,
    }
}

/// Whether a decision counts as a hire, a no-hire, or neither, for separation.
fn side(decision: Decision) -> Option<bool> {
    match decision {
        Decision::StrongHire | Decision::Hire => Some(true),
        Decision::NoHire => Some(false),
        Decision::Maybe | Decision::Incomplete => None,
    }
}

fn question_figures(
    counts: Vec<(String, Option<i64>, Decision, i64)>,
    sessions: i64,
    bank: &QuestionBank,
) -> Vec<QuestionFigures> {
    // Per question: scores 1-4 on the hire side, on the no-hire side, overall, and unscored.
    #[derive(Default)]
    struct Tally {
        hire: [i64; 4],
        no_hire: [i64; 4],
        all: [i64; 4],
        unscored: i64,
    }
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    for (question, score, decision, n) in counts {
        let tally = tallies.entry(question).or_default();
        match score.filter(|s| (1..=4).contains(s)) {
            None => tally.unscored += n,
            Some(s) => {
                let i = (s - 1) as usize;
                tally.all[i] += n;
                match side(decision) {
                    Some(true) => tally.hire[i] += n,
                    Some(false) => tally.no_hire[i] += n,
                    None => {}
                }
            }
        }
    }
    let text_of = |id: &str| bank.get(id).map(|q| q.question.clone());
    let mean = |scores: &[i64; 4]| {
        let n: i64 = scores.iter().sum();
        ratio(scores.iter().enumerate().map(|(i, c)| (i as i64 + 1) * c).sum(), n)
    };
    let mut out: Vec<QuestionFigures> = tallies
        .into_iter()
        .map(|(question, t)| {
            let asked = t.all.iter().sum::<i64>() + t.unscored;
            let (h, n): (i64, i64) = (t.hire.iter().sum(), t.no_hire.iter().sum());
            // P(hire's score > no-hire's score) + half the ties, over every hire / no-hire pair.
            let separation = (h > 0 && n > 0).then(|| {
                let mut wins = 0.0;
                for (i, hc) in t.hire.iter().enumerate() {
                    let below: i64 = t.no_hire[..i].iter().sum();
                    wins += (*hc * below) as f64 + 0.5 * (*hc * t.no_hire[i]) as f64;
                }
                wins / (h * n) as f64
            });
            QuestionFigures {
                text: text_of(&question),
                question,
                asked,
                asked_share: share(asked, sessions),
                scores: t.all,
                unscored: t.unscored,
                hire_mean: mean(&t.hire),
                no_hire_mean: mean(&t.no_hire),
                sides: (h, n),
                separation,
            }
        })
        .collect();
    out.sort_by(|a, b| b.asked.cmp(&a.asked).then_with(|| a.question.cmp(&b.question)));
    out
}

/// Where a session stands among the others of its problem and level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// The latest graded submission's suggested score (none before one is graded).
    pub suggested: Option<i64>,
    /// Other sessions of this problem and level with a suggested score.
    pub count: i64,
    /// Sessions needed before `better_than` is given.
    pub threshold: i64,
    /// The share of those others with a lower suggested score, in whole percent; none below the
    /// threshold or before a submission is graded.
    pub better_than: Option<i64>,
    /// The share with the same suggested score, in whole percent; given with `better_than`.
    pub tied_with: Option<i64>,
    /// The level compared within.
    pub level: Level,
}

/// A session's standing, from the facts (refreshed first).
pub async fn standing(
    store: &Store,
    catalog: &Catalog,
    thresholds: &Thresholds,
    session: &crate::store::SessionRow,
) -> Result<Standing, StoreError> {
    refresh(store, catalog, thresholds).await?;
    let (suggested, counts) = store.standing(&session.problem, session.level, session.id).await?;
    // The counts hold the session itself: it is neither below nor beside itself.
    let itself = i64::from(suggested.is_some());
    let score = suggested.unwrap_or(0);
    let count = counts.iter().map(|(_, n)| n).sum::<i64>() - itself;
    let lower: i64 = counts.iter().filter(|(s, _)| *s < score).map(|(_, n)| n).sum();
    let same = counts.iter().filter(|(s, _)| *s == score).map(|(_, n)| n).sum::<i64>() - itself;
    let shown = suggested.is_some() && count >= STANDING_THRESHOLD;
    let percent = |n: i64| shown.then(|| 100 * n / count);
    Ok(Standing {
        suggested,
        count,
        threshold: STANDING_THRESHOLD,
        better_than: percent(lower),
        tied_with: percent(same),
        level: session.level,
    })
}

/// The tables of the page, each exported as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Sessions per decision.
    Decisions,
    /// Suggested and final problem scores.
    Scores,
    /// Failing categories and causes.
    Failures,
    /// Time to the first passing submission.
    PassTimes,
    /// Foundational questions.
    Questions,
    /// Interviewer agreement.
    Interviewers,
    /// The sessions where final and suggested differ most (every one, not the first page).
    Cases,
}

impl Table {
    /// Every table, in the page's order.
    pub const ALL: [Table; 7] = [
        Table::Decisions,
        Table::Scores,
        Table::Failures,
        Table::PassTimes,
        Table::Questions,
        Table::Interviewers,
        Table::Cases,
    ];

    /// Its name in the URL and the file name.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Decisions => "decisions",
            Table::Scores => "scores",
            Table::Failures => "failures",
            Table::PassTimes => "pass-times",
            Table::Questions => "questions",
            Table::Interviewers => "interviewers",
            Table::Cases => "cases",
        }
    }

    /// The table named so.
    pub fn parse(text: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.as_str() == text)
    }
}

/// A table of `Insights` as CSV, in words people read (the cases: every one, passed in `cases`).
pub fn csv(insights: &Insights, table: Table, cases: &[CaseFigures]) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let pct = |x: f64| format!("{:.1}", 100.0 * x);
    let num = |x: Option<f64>, digits: usize| x.map_or(String::new(), |v| format!("{v:.digits$}"));
    let name = |n: &str| if n.is_empty() { "(not named)".to_string() } else { n.to_string() };
    match table {
        Table::Decisions => {
            out.write_record(["decision", "sessions", "share %"])?;
            for d in &insights.decisions {
                out.write_record([d.value.words().to_string(), d.sessions.to_string(), pct(d.share)])?;
            }
        }
        Table::Scores => {
            out.write_record(["score", "suggested", "suggested %", "final", "final %"])?;
            for (s, f) in insights.suggested.iter().zip(&insights.final_scores) {
                let record =
                    [s.value.to_string(), s.sessions.to_string(), pct(s.share), f.sessions.to_string(), pct(f.share)];
                out.write_record(record)?;
            }
        }
        Table::Failures => {
            out.write_record(["what", "failed", "graded sessions failing", "share of graded %"])?;
            for c in &insights.categories {
                let record = ["hidden-test category", c.value.as_str(), &c.sessions.to_string(), &pct(c.share)];
                out.write_record(record)?;
            }
            for c in &insights.causes {
                let record = ["cause", cause_words(c.value), &c.sessions.to_string(), &pct(c.share)];
                out.write_record(record)?;
            }
        }
        Table::PassTimes => {
            out.write_record(["from minutes", "to minutes", "sessions"])?;
            for b in &insights.pass_times.buckets {
                let to = b.to_minutes.map_or(String::new(), |m| m.to_string());
                out.write_record([b.from_minutes.to_string(), to, b.sessions.to_string()])?;
            }
        }
        Table::Questions => {
            out.write_record([
                "question",
                "asked",
                "asked %",
                "scored 1",
                "scored 2",
                "scored 3",
                "scored 4",
                "not scored",
                "hire mean",
                "no-hire mean",
                "hire outscores no-hire %",
            ])?;
            for q in &insights.questions {
                let mut record = vec![q.text.clone().unwrap_or_else(|| q.question.clone())];
                record.extend([q.asked.to_string(), pct(q.asked_share)]);
                record.extend(q.scores.iter().map(|n| n.to_string()));
                record.extend([q.unscored.to_string(), num(q.hire_mean, 2), num(q.no_hire_mean, 2)]);
                record.push(q.separation.map_or(String::new(), pct));
                out.write_record(record)?;
            }
        }
        Table::Interviewers => {
            out.write_record([
                "interviewer",
                "sessions",
                "compared",
                "mean final minus suggested",
                "mean distance",
                "same score %",
                "scored higher",
                "scored lower",
            ])?;
            for i in &insights.interviewers {
                out.write_record([
                    name(&i.interviewer),
                    i.sessions.to_string(),
                    i.compared.to_string(),
                    num(i.mean_difference, 2),
                    num(i.mean_absolute, 2),
                    i.agreement.map_or(String::new(), pct),
                    i.above.to_string(),
                    i.below.to_string(),
                ])?;
            }
        }
        Table::Cases => {
            out.write_record(["candidate", "interviewer", "suggested", "final", "difference", "created", "link"])?;
            for c in cases {
                out.write_record([
                    c.candidate_name.clone(),
                    name(&c.interviewer),
                    c.suggested.to_string(),
                    c.final_score.to_string(),
                    format!("{:+}", c.difference),
                    crate::export::iso(c.created_at),
                    c.interviewer_link.clone(),
                ])?;
            }
        }
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A cause in words, for the CSV (the pages word it from `words.js`).
fn cause_words(cause: Cause) -> &'static str {
    match cause {
        Cause::WrongAnswer => "wrong answer",
        Cause::WrongType => "wrong type",
        Cause::MutatedInput => "changed its input",
        Cause::Exception => "raised an exception",
        Cause::Timeout => "too slow",
        Cause::Memory => "too much memory",
        Cause::Output => "printed too much",
        Cause::Missing => "function not defined",
        Cause::Property => "property broken",
        Cause::DoesNotLoad => "does not load",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_spelt_as_the_graders_failure_kinds() {
        use grader::FailureKind as K;
        let pairs = [
            (K::WrongAnswer, Cause::WrongAnswer),
            (K::WrongType, Cause::WrongType),
            (K::MutatedInput, Cause::MutatedInput),
            (K::Exception, Cause::Exception),
            (K::Timeout, Cause::Timeout),
            (K::Memory, Cause::Memory),
            (K::Output, Cause::Output),
            (K::Missing, Cause::Missing),
            (K::Property, Cause::Property),
        ];
        for (kind, cause) in pairs {
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::Value::String(cause.as_str().into()));
            assert_eq!(serde_json::to_value(cause).unwrap(), serde_json::Value::String(cause.as_str().into()));
        }
    }

    #[test]
    fn failures_read_back_as_written() {
        let all =
            [Failure::Category(Category::Traps), Failure::Cause(Cause::DoesNotLoad), Failure::Cause(Cause::Timeout)];
        for failure in all {
            let (facet, name) = failure.columns();
            assert_eq!(Failure::from_columns(facet, name), Some(failure));
        }
        assert_eq!(Failure::from_columns("cause", "cosmic_rays"), None);
        assert_eq!(Failure::from_columns("verdict", "timeout"), None);
    }

    #[test]
    fn separation_is_the_chance_a_hire_outscores_a_no_hire() {
        let counts = vec![
            ("q".to_string(), Some(4), Decision::Hire, 2),
            ("q".to_string(), Some(2), Decision::Hire, 1),
            ("q".to_string(), Some(2), Decision::NoHire, 2),
            ("q".to_string(), Some(1), Decision::NoHire, 1),
            ("q".to_string(), None, Decision::Maybe, 1),
        ];
        let q = &question_figures(counts, 10, &QuestionBank::default())[0];
        // Pairs: 3 hires x 3 no-hires = 9. The 4s beat all 3 (6 wins); the 2 beats the 1 (1) and ties two (1).
        assert_eq!(q.separation, Some(8.0 / 9.0));
        assert_eq!((q.asked, q.unscored, q.scores), (7, 1, [1, 3, 0, 2]));
        assert_eq!(q.hire_mean, Some(10.0 / 3.0));
    }
}
