// What only the printed report shows (hidden on screen): the final code as plain text and each graded
// submission's summary, in the lines of its summary card.
import { subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { scoreWord, statusWord, verdictWord } from "../shared/words.js";
import { headlineReason, summaryLines } from "./summary.js";

function SubmissionSummary({ sub, optimal }) {
  const report = sub.report;
  if (!report) return html`<li><strong>${subNo(sub)}</strong> ${sub.status === "failed" ? "grading failed" : statusWord(sub.status)}</li>`;
  return html`<li class="print-submission">
    <p><strong>${subNo(sub)} · ${verdictWord(report.verdict)} · ${scoreWord(report.summary?.score ?? report.score?.suggested)}</strong> — ${headlineReason(report.summary?.headline)}</p>
    <p class="print-lines">${summaryLines(report, optimal).map((line) => html`<span key=${line.id}>${line.term}: ${line.text}. </span>`)}</p>
  </li>`;
}

/** "6 December 2026": the day a session took place, as the printed report and the feedback write it. */
export function dayWords(epochMs) {
  return new Date(epochMs).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

export function PrintView({ submissions, optimal, session }) {
  const last = submissions[submissions.length - 1];
  return html`<div id="print-view" class="print-only">
    ${session?.created_at && html`<p id="print-date">Session of ${dayWords(session.created_at)}</p>`}
    <section class="print-block">
      <h2>Final code${last ? ` (submission ${subNo(last)})` : ""}</h2>
      <pre id="print-code">${last ? last.source : "Nothing was submitted."}</pre>
    </section>
    <section class="print-block">
      <h2>Submissions</h2>
      <ol id="print-submissions">${submissions.map((sub) => html`<${SubmissionSummary} key=${sub.id} sub=${sub} optimal=${optimal} />`)}</ol>
    </section>
  </div>`;
}
