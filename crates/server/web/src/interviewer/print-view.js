// What only the printed report shows (hidden on screen): the date, the final code as plain text and each
// graded submission's summary, in the lines of its summary card, with its first cause of failure and its
// counterexample and, beside them, its growth plot; the latest graded submission's follow-up questions.
import { subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { prose, scoreWord, statusWord, verdictWord } from "../shared/words.js";
import { causeCards } from "./causes.js";
import { GrowthPlot, measuredAnything } from "./complexity.js";
import { headlineReason, summaryLines } from "./summary.js";

function SubmissionSummary({ sub, optimal }) {
  const report = sub.report;
  if (!report) return html`<li><strong>${subNo(sub)}</strong> ${sub.status === "failed" ? "grading failed" : statusWord(sub.status)}</li>`;
  const measured = report.complexity && measuredAnything(report.complexity);
  return html`<li class=${measured ? "print-submission print-with-plot" : "print-submission"}>
    <div class="print-summary">
      <p><strong>${subNo(sub)} · ${verdictWord(report.verdict)} · ${scoreWord(report.summary?.score ?? report.score?.suggested)}</strong> — ${headlineReason(report.summary?.headline)}</p>
      <p class="print-lines">${summaryLines(report, optimal).map((line) => html`<span key=${line.id}>${line.term}: ${line.text}. </span>`)}</p>
      <${FirstCause} report=${report} />
    </div>
    ${measured && html`<div class="print-plot"><${GrowthPlot} c=${report.complexity} sub=${sub} id=${`print-growth-${sub.id}`} /></div>`}
  </li>`;
}

/** The first cause of failure in one line, with its counterexample when it has one. */
function FirstCause({ report }) {
  const [card] = causeCards(report.tests, { loaded: !report.load_error });
  if (!card) return null;
  const evidence =
    card.expected !== undefined ? ` on ${card.input}: expected ${card.expected}, got ${card.actual}` : card.input ? `; first on ${card.input}` : "";
  return html`<p class="print-cause">fails: ${card.word}, ${card.what}${evidence}</p>`;
}

/** "6 December 2026": the day a session took place, as the printed report and the feedback write it. */
export function dayWords(epochMs) {
  return new Date(epochMs).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
}

export function PrintView({ submissions, optimal, session }) {
  const last = submissions[submissions.length - 1];
  const graded = submissions.findLast((sub) => sub.report);
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
    ${
      graded?.report?.follow_ups?.length > 0 &&
      html`<section class="print-block">
        <h2>Follow-up questions (submission ${subNo(graded)})</h2>
        <ol id="print-follow-ups">${graded.report.follow_ups.slice(0, 4).map((q, i) => html`<li key=${i}>${prose(q)}</li>`)}</ol>
      </section>`
    }
  </div>`;
}
