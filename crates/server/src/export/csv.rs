//! The export as CSV: one row per item, with its kind, every cell inert to a spreadsheet's formulas.

use super::document::Export;
use crate::sheet::Decision;
use grader::Verdict;

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

/// A cell a spreadsheet will not read as a formula: text that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (candidates' code and interviewers' notes can) gets a leading apostrophe.
fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// The export as CSV: `kind,item,score,result,time,notes`, one row per scored item, flag, submission,
/// decision, the final code and the general notes.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_as_formulas_are_made_inert() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("-1 + 2"), "'-1 + 2");
        assert_eq!(inert("@sum"), "'@sum");
        assert_eq!(inert("def f(): pass"), "def f(): pass");
        assert_eq!(inert(""), "");
    }
}
