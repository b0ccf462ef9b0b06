//! The session written out for people and other tools: one `Export` document (the score sheet with each
//! question's text and each flag's text, the decision, every submission's summary, the final code, ISO
//! 8601 times) rendered as JSON, CSV (one row per item, with its kind) or Markdown.

use crate::model::level_words;
use crate::sheet::{self, Computed, Decision, DomainKind, Sheet};
use crate::store::{DraftRow, SessionRow, SubmissionRow};
use crate::timeline::{Recorded, TimelineEvent};
use catalog::{GrowthClass, Level, Problem};
use grader::{Summary, Verdict};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// An instant (milliseconds since the epoch) in ISO 8601, UTC, to the second: `2026-12-01T17:20:05Z`.
pub fn iso(ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000))
        .ok()
        .and_then(|t| t.format(format).ok())
        .unwrap_or_else(|| ms.to_string())
}

/// A foundational question as scored, with its text.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionRow {
    /// The question's id in the bank, or none for one of the interviewer's own.
    pub id: Option<String>,
    /// Its topic in the bank.
    pub topic: Option<String>,
    /// The question as asked.
    pub question: String,
    /// 1 to 4.
    pub score: Option<u8>,
    /// Notes.
    pub notes: String,
}

/// A domain as scored.
#[derive(Debug, Clone, Serialize)]
pub struct DomainRow {
    /// Which.
    pub domain: DomainKind,
    /// Its name in words.
    pub name: &'static str,
    /// 1 to 4.
    pub score: Option<u8>,
    /// Notes.
    pub notes: String,
}

/// A ticked flag.
#[derive(Debug, Clone, Serialize)]
pub struct FlagRow {
    /// Its id.
    pub id: String,
    /// What it says.
    pub text: String,
}

/// One submission: when, and its report's summary.
#[derive(Debug, Clone, Serialize)]
pub struct SubmissionSummary {
    /// Its id.
    pub id: i64,
    /// Its number in the session: 1 for the first (what people say: "submission #1").
    pub number: i64,
    /// When it was accepted.
    pub submitted_at: String,
    /// Where it is.
    pub status: crate::model::Status,
    /// The verdict, once graded.
    pub verdict: Option<Verdict>,
    /// The measured time class, when measured.
    pub time_class: Option<GrowthClass>,
    /// The report's summary (suggested score, correctness, time and space in words), once graded.
    pub summary: Option<Summary>,
    /// A fault of the service, if grading failed.
    pub error: Option<String>,
}

/// The parts of a stored report an export reads.
#[derive(Deserialize)]
struct StoredReport {
    verdict: Verdict,
    summary: Summary,
    #[serde(default)]
    complexity: Option<StoredComplexity>,
}

#[derive(Deserialize)]
struct StoredComplexity {
    /// A growth class, or "unknown" when too few sizes were measured: read leniently, so a report with no
    /// class still gives its verdict and summary.
    #[serde(default)]
    time: Option<serde_json::Value>,
}

impl StoredComplexity {
    fn class(&self) -> Option<GrowthClass> {
        serde_json::from_value(self.time.clone()?).ok()
    }
}

impl SubmissionSummary {
    fn of(row: &SubmissionRow, number: i64) -> SubmissionSummary {
        let report = row.report.as_deref().and_then(|r| serde_json::from_str::<StoredReport>(r).ok());
        SubmissionSummary {
            id: row.id,
            number,
            submitted_at: iso(row.created_at),
            status: row.status,
            verdict: report.as_ref().map(|r| r.verdict),
            time_class: report.as_ref().and_then(|r| r.complexity.as_ref()?.class()),
            summary: report.map(|r| r.summary),
            error: row.error.clone(),
        }
    }

    /// The summary in sentences: tests, time, space.
    pub fn line(&self) -> String {
        let Some(summary) = &self.summary else {
            return match &self.error {
                Some(e) => format!("not graded: {e}"),
                None => "not graded yet".to_string(),
            };
        };
        let mut parts = vec![capitalised(&summary.correctness)];
        parts.extend(summary.time.as_ref().map(|t| format!("Time {t}")));
        parts.extend(summary.space.as_ref().map(|s| format!("Space {s}")));
        parts.join(". ") + "."
    }
}

/// "all 14 hidden tests pass" as "All 14 hidden tests pass".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where the final code comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeOrigin {
    /// The latest submission.
    Submission,
    /// A draft saved after the latest submission (or with none).
    Draft,
}

/// The candidate's last code.
#[derive(Debug, Clone, Serialize)]
pub struct FinalCode {
    /// Submission or draft.
    pub origin: CodeOrigin,
    /// The submission's number in the session, for a submission.
    pub submission: Option<i64>,
    /// When it was submitted or saved.
    pub at: String,
    /// The source.
    pub source: String,
}

impl FinalCode {
    /// The newer of the latest submission and the latest draft.
    fn of(submissions: &[SubmissionRow], draft: Option<&DraftRow>) -> Option<FinalCode> {
        let submitted = submissions.iter().zip(1..).max_by_key(|(s, _)| s.id);
        match (submitted, draft) {
            (Some((s, _)), Some(d)) if d.saved_at > s.created_at && d.source != s.source => Some(FinalCode::draft(d)),
            (Some((s, number)), _) => Some(FinalCode {
                origin: CodeOrigin::Submission,
                submission: Some(number),
                at: iso(s.created_at),
                source: s.source.clone(),
            }),
            (None, Some(d)) => Some(FinalCode::draft(d)),
            (None, None) => None,
        }
    }

    fn draft(d: &DraftRow) -> FinalCode {
        FinalCode { origin: CodeOrigin::Draft, submission: None, at: iso(d.saved_at), source: d.source.clone() }
    }

    /// "submission #3, 2026-12-01T17:20:05Z" or "draft saved 2026-12-01T17:20:05Z".
    pub fn origin_words(&self) -> String {
        match (self.origin, self.submission) {
            (CodeOrigin::Submission, Some(number)) => format!("submission #{number}, {}", self.at),
            _ => format!("draft saved {}", self.at),
        }
    }
}

/// The problem, by id and title.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The optimal time class.
    pub optimal_time: GrowthClass,
}

/// Everything an export holds.
#[derive(Debug, Clone, Serialize)]
pub struct Export {
    /// The session's id.
    pub session: i64,
    /// The candidate's name.
    pub candidate: String,
    /// The level interviewed for.
    pub level: Level,
    /// The problem.
    pub problem: ProblemRef,
    /// When the session was created.
    pub created_at: String,
    /// When this export was made.
    pub exported_at: String,
    /// Foundational questions with their text.
    pub questions: Vec<QuestionRow>,
    /// The three domains.
    pub domains: Vec<DomainRow>,
    /// Red flags ticked, with their text.
    pub red_flags: Vec<FlagRow>,
    /// Green flags ticked, with their text.
    pub green_flags: Vec<FlagRow>,
    /// The decision computed from the scores.
    pub computed: Computed,
    /// The interviewer's decision.
    pub final_decision: Option<Decision>,
    /// General notes.
    pub notes: String,
    /// Every submission, oldest first, with its summary.
    pub submissions: Vec<SubmissionSummary>,
    /// The candidate's last code.
    pub final_code: Option<FinalCode>,
    /// The feedback draft for the candidate.
    pub feedback: String,
    /// Pastes and time away, in time order: signals with their evidence, never a verdict.
    pub signals: Vec<SignalRow>,
}

/// Which signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    /// Several lines pasted into the editor at once.
    Paste,
    /// The candidate's page left for a while.
    TimeAway,
}

/// One paste or time away, with its evidence in words.
#[derive(Debug, Clone, Serialize)]
pub struct SignalRow {
    /// Paste or time away.
    pub kind: SignalKind,
    /// When (for time away, when it began), ISO 8601.
    pub at: String,
    /// "pasted 6 lines (125 characters)", "away from the page for 3.6 s".
    pub words: String,
}

impl SignalRow {
    /// The signal an event of the timeline is, if it is one (a Run is not).
    fn of(event: &TimelineEvent) -> Option<SignalRow> {
        let (kind, words) = match &event.what {
            Recorded::Paste { lines, chars, .. } => {
                (SignalKind::Paste, format!("pasted {lines} lines ({chars} characters) at once"))
            }
            Recorded::FocusLost { seconds } => (SignalKind::TimeAway, format!("away from the page for {seconds:.1} s")),
            Recorded::Run { .. } => return None,
        };
        Some(SignalRow { kind, at: iso(event.at), words })
    }
}

/// What an export is built from.
pub struct Sources<'a> {
    /// The session.
    pub session: &'a SessionRow,
    /// Its problem.
    pub problem: &'a Problem,
    /// The question bank (`questions.json`).
    pub bank: &'a Json,
    /// The newest score sheet and what follows from it.
    pub sheet: &'a Sheet,
    /// The decision computed from it.
    pub computed: &'a Computed,
    /// Every submission.
    pub submissions: &'a [SubmissionRow],
    /// The newest draft.
    pub draft: Option<&'a DraftRow>,
    /// The timeline's events (Runs, pastes, time away).
    pub events: &'a [TimelineEvent],
    /// Now, in milliseconds since the epoch.
    pub now: i64,
}

impl Export {
    /// Builds the document.
    pub fn build(from: &Sources) -> Export {
        let bank = from.bank["questions"].as_array().map(Vec::as_slice).unwrap_or_default();
        let questions = from
            .sheet
            .foundations
            .iter()
            .map(|q| {
                let known = bank.iter().find(|b| b["id"] == q.question.as_str());
                let text = |field: &str| known.and_then(|b| b[field].as_str()).map(str::to_string);
                QuestionRow {
                    id: known.map(|_| q.question.clone()),
                    topic: text("topic"),
                    question: text("question").unwrap_or_else(|| q.question.clone()),
                    score: q.score,
                    notes: q.notes.clone(),
                }
            })
            .collect();
        let domains = DomainKind::ALL
            .iter()
            .map(|&kind| {
                let d = from.sheet.domain(kind);
                DomainRow { domain: kind, name: kind.words(), score: d.score, notes: d.notes.clone() }
            })
            .collect();
        let flags = |ids: &[String], table: &[(&str, &str)]| -> Vec<FlagRow> {
            ids.iter().map(|id| FlagRow { id: id.clone(), text: sheet::flag_text(table, id).to_string() }).collect()
        };
        let mut export = Export {
            session: from.session.id,
            candidate: from.session.candidate_name.clone(),
            level: from.session.level,
            problem: ProblemRef {
                id: from.problem.id.clone(),
                title: from.problem.title.clone(),
                optimal_time: from.problem.optimal.time,
            },
            created_at: iso(from.session.created_at),
            exported_at: iso(from.now),
            questions,
            domains,
            red_flags: flags(&from.sheet.red_flags, &sheet::RED_FLAGS),
            green_flags: flags(&from.sheet.green_flags, &sheet::GREEN_FLAGS),
            computed: from.computed.clone(),
            final_decision: from.sheet.final_decision,
            notes: from.sheet.notes.clone(),
            submissions: from.submissions.iter().zip(1..).map(|(s, n)| SubmissionSummary::of(s, n)).collect(),
            final_code: FinalCode::of(from.submissions, from.draft),
            feedback: String::new(),
            signals: from.events.iter().filter_map(SignalRow::of).collect(),
        };
        export.feedback = crate::feedback::draft(&export);
        export
    }

    /// The latest graded submission.
    pub fn latest_graded(&self) -> Option<&SubmissionSummary> {
        self.submissions.iter().rev().find(|s| s.summary.is_some())
    }

    /// "Ada — Remove duplicates (mid-level)".
    pub fn title(&self) -> String {
        format!("{} — {} ({})", self.candidate, self.problem.title, level_words(self.level))
    }
}

/// What a CSV row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Question,
    Domain,
    RedFlag,
    GreenFlag,
    Submission,
    FinalCode,
    Signal,
    ComputedDecision,
    FinalDecision,
    GeneralNotes,
}

impl RowKind {
    fn words(self) -> &'static str {
        match self {
            RowKind::Question => "question",
            RowKind::Domain => "domain",
            RowKind::RedFlag => "red flag",
            RowKind::GreenFlag => "green flag",
            RowKind::Submission => "submission",
            RowKind::FinalCode => "final code",
            RowKind::Signal => "signal",
            RowKind::ComputedDecision => "computed decision",
            RowKind::FinalDecision => "final decision",
            RowKind::GeneralNotes => "general notes",
        }
    }
}

/// The export as CSV: `kind,item,score,result,time,notes`, one row per scored item, flag, submission,
/// decision, the final code and the general notes.
/// A cell a spreadsheet will not read as a formula: text that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (candidates' code and interviewers' notes can) gets a leading apostrophe.
fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

pub fn to_csv(export: &Export) -> Result<String, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["kind", "item", "score", "result", "time", "notes"])?;
    let score = |s: Option<u8>| s.map(|v| v.to_string()).unwrap_or_default();
    let mut row = |kind: RowKind, item: &str, score: String, result: &str, time: &str, notes: &str| {
        out.write_record([kind.words(), &inert(item), &score, result, time, &inert(notes)])
    };
    for q in &export.questions {
        row(RowKind::Question, &q.question, score(q.score), "", "", &q.notes)?;
    }
    for d in &export.domains {
        row(RowKind::Domain, d.name, score(d.score), "", "", &d.notes)?;
    }
    for f in &export.red_flags {
        row(RowKind::RedFlag, &f.text, String::new(), "", "", "")?;
    }
    for f in &export.green_flags {
        row(RowKind::GreenFlag, &f.text, String::new(), "", "", "")?;
    }
    for s in &export.submissions {
        let suggested = score(s.summary.as_ref().map(|m| m.score));
        let verdict = s.verdict.map_or("", Verdict::words);
        row(RowKind::Submission, &format!("submission #{}", s.number), suggested, verdict, &s.submitted_at, &s.line())?;
    }
    if let Some(code) = &export.final_code {
        let item = match code.submission {
            Some(number) => format!("submission #{number}"),
            None => "draft".to_string(),
        };
        row(RowKind::FinalCode, &item, String::new(), "", &code.at, &code.source)?;
    }
    for signal in &export.signals {
        row(RowKind::Signal, &signal.words, String::new(), "not a verdict", &signal.at, "")?;
    }
    row(RowKind::ComputedDecision, export.computed.decision.words(), String::new(), "", "", &export.computed.reason)?;
    let last = export.final_decision.map_or("not recorded", Decision::words);
    row(RowKind::FinalDecision, last, String::new(), "", "", "")?;
    if !export.notes.is_empty() {
        row(RowKind::GeneralNotes, "", String::new(), "", "", &export.notes)?;
    }
    let bytes = out.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Text as one Markdown table cell: inert (see `inert_html`), pipes escaped, line breaks as `<br>` so the
/// row stays one line.
fn cell(text: &str) -> String {
    inert_html(text).replace('|', "\\|").replace("\r\n", "<br>").replace(['\n', '\r'], "<br>")
}

/// People's text with no HTML in it: Markdown renderers pass raw HTML through, so a name or a note
/// holding `<script>` or `<img onerror=...>` would run wherever the export is viewed. `&`, `<` and `>`
/// become entities, which every renderer shows as the characters typed.
fn inert_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A code fence longer than any run of backticks in `source`.
fn fence(source: &str) -> String {
    let longest = source.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The export as a Markdown document.
pub fn to_markdown(export: &Export) -> String {
    let s = |x: Option<u8>| x.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    let mut out = format!(
        "# {}\n\nSession created {}; exported {}.\n\n## Decision\n\n- final: {}\n- computed from the scores: {} ({})\n",
        inert_html(&export.title()),
        export.created_at,
        export.exported_at,
        export.final_decision.map_or("not recorded", Decision::words),
        export.computed.decision.words(),
        export.computed.reason
    );
    out.push_str("\n## Scores\n\n| item | score | notes |\n| --- | --- | --- |\n");
    for q in &export.questions {
        out.push_str(&format!("| {} | {} | {} |\n", cell(&q.question), s(q.score), cell(&q.notes)));
    }
    for d in &export.domains {
        out.push_str(&format!("| {} | {} | {} |\n", d.name, s(d.score), cell(&d.notes)));
    }
    let avg = export.computed.foundations_average.map(|a| a.to_string()).unwrap_or_else(|| "–".into());
    out.push_str(&format!("\nFoundational questions, average: {avg}\n"));
    if !export.red_flags.is_empty() || !export.green_flags.is_empty() {
        out.push_str("\n## Flags\n\n");
        for f in &export.green_flags {
            out.push_str(&format!("- green: {}\n", inert_html(&f.text)));
        }
        for f in &export.red_flags {
            out.push_str(&format!("- red: {}\n", inert_html(&f.text)));
        }
    }
    if !export.submissions.is_empty() {
        out.push_str("\n## Submissions\n\n| # | submitted | verdict | suggested score | summary |\n| --- | --- | --- | --- | --- |\n");
        for sub in &export.submissions {
            out.push_str(&format!(
                "| #{} | {} | {} | {} | {} |\n",
                sub.number,
                sub.submitted_at,
                sub.verdict.map_or("–", Verdict::words),
                s(sub.summary.as_ref().map(|m| m.score)),
                cell(&sub.line())
            ));
        }
    }
    if let Some(code) = &export.final_code {
        let fence = fence(&code.source);
        out.push_str(&format!(
            "\n## Final code\n\nFrom {}.\n\n{fence}python\n{}\n{fence}\n",
            code.origin_words(),
            code.source.trim_end()
        ));
    }
    if !export.signals.is_empty() {
        out.push_str("\n## Pastes and time away\n\nSignals with their evidence, not verdicts.\n\n");
        for signal in &export.signals {
            out.push_str(&format!("- {}: {}\n", signal.at, signal.words));
        }
    }
    if !export.notes.is_empty() {
        out.push_str(&format!("\n## Notes\n\n{}\n", inert_html(&export.notes)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_iso_8601_in_utc() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_796_145_605_999), "2026-12-01T17:20:05Z");
    }

    #[test]
    fn markdown_cells_keep_each_row_on_one_line_and_fences_outgrow_the_code() {
        assert_eq!(cell("first | second\nthird"), "first \\| second<br>third");
        assert_eq!(fence("x = 1"), "```");
        assert_eq!(fence("s = '````'"), "`````");
    }

    #[test]
    fn markdown_export_passes_no_candidate_text_through_as_html() {
        assert_eq!(cell("<img src=x onerror=alert(1)> & co"), "&lt;img src=x onerror=alert(1)&gt; &amp; co");
        assert_eq!(cell("a\nb"), "a<br>b");
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("-1 + 2"), "'-1 + 2");
        assert_eq!(inert("@sum"), "'@sum");
        assert_eq!(inert("def f(): pass"), "def f(): pass");
        assert_eq!(inert(""), "");
    }

    #[test]
    fn a_report_with_an_unknown_growth_class_still_gives_its_verdict() {
        let report = r#"{"verdict": "accepted", "summary": {"score": 3, "headline": "h", "correctness": "c"},
            "complexity": {"time": "unknown"}}"#;
        let stored: StoredReport = serde_json::from_str(report).unwrap();
        assert_eq!(stored.verdict, Verdict::Accepted);
        assert_eq!(stored.complexity.unwrap().class(), None);
        let known: StoredComplexity = serde_json::from_str(r#"{"time": "O(n^2)"}"#).unwrap();
        assert_eq!(known.class(), Some(GrowthClass::Quadratic));
    }
}
