// The grader's report panel: the summary first, then failures by cause, examples, tests, findings, growth, score and follow-ups.
import { fmtWhen, subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { Badge } from "../shared/ui.js";
import { categoryWord, prose, SCORES, scoreKind, statusLine } from "../shared/words.js";
import { Causes } from "./causes.js";
import { ComplexityBlock } from "./complexity.js";
import { LimiterBlock } from "./limiter.js";
import { Section } from "./section.js";
import { notMeasured, SummaryCard } from "./summary.js";

/** `compare` offers other submissions' growth to overlay: { choices, overlay, onPick(id) }. */
export function ReportPanel({ submission: sub, optimal, compare, standing }) {
  const subject = sub ? `submission ${subNo(sub)}${sub.finished_at ? `, finished ${fmtWhen(sub.finished_at)}` : ""}` : "";
  return html`<section id="report-panel" class="card" aria-labelledby="report-title">
    <div class="panel-head"><h2 id="report-title">Report</h2><span id="report-subject" class="muted">${subject}</span></div>
    <div id="report" aria-live="polite"><${ReportContent} sub=${sub} optimal=${optimal} compare=${compare} standing=${standing} /></div>
  </section>`;
}

function ReportContent({ sub, optimal, compare, standing }) {
  if (!sub) return html`<p class="muted">No submissions yet. The report appears here when one is graded.</p>`;
  if (sub.status === "queued" || sub.status === "running") return html`<p class="pending">Submission ${subNo(sub)}: ${statusLine(sub)}…</p>`;
  if (sub.status === "failed") return html`<p class="bad">Grading submission ${subNo(sub)} failed: ${sub.error || "no reason given"}</p>`;
  const report = sub.report;
  if (!report) return html`<p class="muted">Submission ${subNo(sub)} has no report.</p>`;
  return html`
    <${SummaryCard} report=${report} optimal=${optimal} standing=${standing} />
    <${Causes} tests=${report.tests} loaded=${!report.load_error} />
    <${Examples} examples=${report.examples} />
    <${Tests} tests=${report.tests} />
    <${TextList} id="findings" title="Findings" items=${(report.findings ?? []).map(prose)} />
    ${report.complexity && html`<${ComplexityBlock} complexity=${report.complexity} optimal=${optimal} compare=${compare} sub=${sub} note=${report.complexity_note} />`}
    ${!report.complexity && report.complexity_note && html`<p id="complexity-note" class="report-section one-line"><strong>Complexity:</strong> ${notMeasured(report.complexity_note)}</p>`}
    ${report.rate_limiter && html`<${LimiterBlock} analysis=${report.rate_limiter} />`}
    <${Score} score=${report.score} />
    <${TextList} id="follow-ups-section" listId="follow-ups" title="Follow-up questions" items=${(report.follow_ups ?? []).map(prose)} ordered />
  `;
}

function Examples({ examples }) {
  if (!examples?.length) return null;
  return html`<${Section} id="examples" title="Visible examples">
    <ul class="examples inline-list">
      ${examples.map((e) => html`<li key=${e.name} title=${`${e.input} → ${e.actual}`}><${Badge} kind=${e.passed ? "ok" : "bad"}>${e.passed ? "pass" : "fail"}<//> ${e.name}</li>`)}
    </ul>
  <//>`;
}

function Tests({ tests }) {
  if (!tests) return null;
  return html`<${Section} id="tests" title=${`Hidden tests: ${tests.passed}/${tests.total}`}>
    <table class="tests">
      <thead><tr><th scope="col">category</th><th scope="col">passed</th><th scope="col"><span class="visually-hidden">share</span></th></tr></thead>
      <tbody>
        ${(tests.categories || []).map(
          (c) => html`<tr key=${c.category}>
            <th scope="row">${categoryWord(c.category)}</th>
            <td class=${c.passed === c.total ? "ok" : "bad"}>${c.passed}/${c.total}</td>
            <td><meter min="0" max=${Math.max(1, c.total)} value=${c.passed} aria-label=${`${c.category}: ${c.passed} of ${c.total}`}></meter></td>
          </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

function TextList({ id, listId, title, items, ordered }) {
  if (!items?.length) return null;
  const entries = items.map((text, i) => html`<li key=${i}>${text}</li>`);
  return html`<${Section} id=${id} title=${title}>
    ${ordered ? html`<ol id=${listId}>${entries}</ol>` : html`<ul id=${listId} class=${id}>${entries}</ul>`}
  <//>`;
}

function Score({ score }) {
  if (!score) return null;
  return html`<${Section} id="score" title="Suggested coding score">
    <p class="score-line">
      <span id="suggested-score" class=${`big-score ${scoreKind(score.suggested)}`}>${score.suggested}</span>
      <span class="muted"> / 4 — ${SCORES[score.suggested] || ""}</span>
    </p>
    <ul id="score-reasons">${(score.reasons || []).map((reason, i) => html`<li key=${i}>${prose(reason)}</li>`)}</ul>
  <//>`;
}
