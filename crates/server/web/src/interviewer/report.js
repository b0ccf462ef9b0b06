// The grader's report panel: verdict, examples, tests, failing cases, findings, score and follow-ups.
import { fmtWhen } from "../shared/format.js";
import { html } from "../shared/html.js";
import { Badge, Facts } from "../shared/ui.js";
import { failureWord, SCORES, scoreKind, statusWord, verdictKind, verdictWord } from "../shared/words.js";
import { ComplexityBlock } from "./complexity.js";
import { LimiterBlock } from "./limiter.js";
import { Section } from "./section.js";

/** Failing cases shown before the rest go into a collapsed list. */
const FAILURES_SHOWN = 6;

export function ReportPanel({ submission: sub, optimal }) {
  const subject = sub ? `submission #${sub.id}${sub.finished_at ? `, finished ${fmtWhen(sub.finished_at)}` : ""}` : "";
  return html`<section id="report-panel" class="card" aria-labelledby="report-title">
    <div class="panel-head"><h2 id="report-title">Report</h2><span id="report-subject" class="muted">${subject}</span></div>
    <div id="report" aria-live="polite"><${ReportContent} sub=${sub} optimal=${optimal} /></div>
  </section>`;
}

function ReportContent({ sub, optimal }) {
  if (!sub) return html`<p class="muted">No submissions yet. The report appears here when one is graded.</p>`;
  if (sub.status === "queued" || sub.status === "running") return html`<p class="pending">Submission #${sub.id}: ${statusWord(sub.status)}…</p>`;
  if (sub.status === "failed") return html`<p class="bad">Grading submission #${sub.id} failed: ${sub.error || "no reason given"}</p>`;
  const report = sub.report;
  if (!report) return html`<p class="muted">Submission #${sub.id} has no report.</p>`;
  return html`
    <${Verdict} report=${report} />
    <${Examples} examples=${report.examples} />
    <${Tests} tests=${report.tests} />
    <${Failures} tests=${report.tests} />
    <${TextList} id="findings" title="Findings" items=${report.findings} />
    ${report.complexity && html`<${ComplexityBlock} complexity=${report.complexity} optimal=${optimal} />`}
    ${report.rate_limiter && html`<${LimiterBlock} analysis=${report.rate_limiter} />`}
    <${Score} score=${report.score} />
    <${TextList} id="follow-ups-section" listId="follow-ups" title="Follow-up questions" items=${report.follow_ups} ordered />
  `;
}

function Verdict({ report }) {
  const tests = report.tests || { passed: 0, total: 0 };
  const load = report.load_error;
  const where = load ? [load.line && `line ${load.line}`, load.column && `column ${load.column}`].filter(Boolean).join(", ") : "";
  return html`<div class="verdict-block">
    <p class="verdict-line">
      <${Badge} id="verdict" kind=${`verdict ${verdictKind(report.verdict)}`}>${verdictWord(report.verdict)}<//>
      ${" "}<span>${tests.passed} of ${tests.total} hidden tests passed</span>
    </p>
    ${load && html`<p class="bad load-error">Does not load: ${load.message}${where && ` (${where})`}</p>`}
  </div>`;
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
            <th scope="row">${c.category}</th>
            <td class=${c.passed === c.total ? "ok" : "bad"}>${c.passed}/${c.total}</td>
            <td><meter min="0" max=${Math.max(1, c.total)} value=${c.passed} aria-label=${`${c.category}: ${c.passed} of ${c.total}`}></meter></td>
          </tr>`,
        )}
      </tbody>
    </table>
  <//>`;
}

function Failure({ failure }) {
  const error = failure.error ? `${failure.error}${failure.line ? ` (line ${failure.line})` : ""}` : null;
  const value = (text, kind = "") => html`<pre class=${`value ${kind}`}>${text}</pre>`;
  const pairs = failure.shrunk_input
    ? [
        ["fails on", value(failure.shrunk_input)],
        ["shrunk from", html`<details><summary>original input</summary>${value(failure.input)}</details>`],
      ]
    : [["input", value(failure.input)]];
  pairs.push(["expected", value(failure.expected)], ["actual", value(failure.actual)], ["error", error && value(error, "bad")]);
  return html`<li class="failure">
    <p class="failure-head"><span class="muted">[${failure.category}] </span><strong>${failure.name}</strong> <${Badge} kind="bad">${failureWord(failure.kind)}<//></p>
    <p class="failure-summary">${failure.shrunk_input ? `fails on ${failure.shrunk_input}` : `input ${failure.input}`}</p>
    <${Facts} pairs=${pairs} />
  </li>`;
}

function Failures({ tests }) {
  const failed = tests?.failed ?? [];
  if (failed.length === 0) return null;
  const rest = failed.slice(FAILURES_SHOWN);
  const list = (items, start) => html`<ol class="failures" start=${start}>${items.map((f, i) => html`<${Failure} key=${start + i} failure=${f} />`)}</ol>`;
  return html`<${Section} id="failures" title=${`Failing cases (${failed.length})`}>
    ${list(failed.slice(0, FAILURES_SHOWN), 1)}
    ${rest.length > 0 && html`<details class="more-failures"><summary>${rest.length} more failing cases</summary>${list(rest, FAILURES_SHOWN + 1)}</details>`}
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
    <ul id="score-reasons">${(score.reasons || []).map((reason, i) => html`<li key=${i}>${reason}</li>`)}</ul>
  <//>`;
}
