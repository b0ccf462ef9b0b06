//! The export as Markdown, with no person's text passed through as HTML.

use super::document::Export;
use crate::sheet::Decision;
use grader::Verdict;

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
}
