// What the candidate sees of a run (the visible examples in full) and of a submission (its verdict and counts
// first, then counts per category; never a score or a hidden input). Both say when the code has changed since,
// so an older version's result is never read as the current code's.
import { subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { Badge } from "../shared/ui.js";
import { categoryWord, isBusy, statusLine, verdictKind, verdictWord } from "../shared/words.js";

/** The note beside a result whose code is not the code in the editor now. */
function Stale({ id, what }) {
  return html`<span id=${id} class="stale-note">${what} earlier code: you have changed it since</span>`;
}

/** `result` is a Run's answer with the `source` it ran; `stale` whether the editor has changed since. */
export function Examples({ result, stale }) {
  if (!result) return html`<p class="muted">Run the examples to see their results here.</p>`;
  if (result.load_error) {
    return html`<p class="bad" id="load-error">${result.load_error.message}</p>
      ${stale && html`<${Stale} id="run-stale" what="This Run ran" />`}`;
  }
  const passed = result.examples.filter((e) => e.passed).length;
  const all = passed === result.examples.length;
  return html`
    <p class="outcome-line">
      <span>Last Run:</span> <strong id="examples-summary" class=${all ? "ok" : "bad"}>${passed}/${result.examples.length} examples pass</strong>
      ${stale && html` <${Stale} id="run-stale" what="It ran" />`}
    </p>
    <div class="examples">${result.examples.map((e) => html`<${Example} key=${e.name} example=${e} />`)}</div>
  `;
}

function Example({ example: e }) {
  return html`
    <div class="example">
      <${Badge} kind=${e.passed ? "ok" : "bad"}>${e.passed ? "pass" : "fail"}<//> ${e.name}
      <div><code>${e.input} → ${e.actual}</code></div>
      ${!e.passed && html`<div class="muted">expected <code>${e.expected}</code></div>`}
      ${e.error && html`<div class="bad">${e.error}</div>`}
      ${e.output && html`<pre>${e.output}</pre>`}
    </div>
  `;
}

/** The latest submission in one line: its number in the session, its verdict and its counts. */
export function Submission({ submission: sub, stale }) {
  if (!sub) return html`<p class="muted">Not submitted yet.</p>`;
  const note = stale && html` <${Stale} id="submission-stale" what="It graded" />`;
  if (sub.status !== "done" || !sub.result) {
    const busy = isBusy(sub.status);
    return html`<p id="submission-status" class=${busy ? "pending" : "bad"}>Submission ${subNo(sub)}: ${statusLine(sub)}${busy ? "…" : ""}${note}</p>`;
  }
  const r = sub.result;
  return html`
    <div id="candidate-summary" class=${`candidate-summary ${verdictKind(r.verdict)}`}>
      <span>Submission ${subNo(sub)}:</span> <strong id="submission-verdict" class=${verdictKind(r.verdict)}>${verdictWord(r.verdict)}</strong>
      <span id="submission-counts">${passWords(r.passed, r.total)}</span>
      ${note}
    </div>
    ${r.load_error && html`<p class="bad">${r.load_error.message}</p>`}
  `;
}

/** The latest graded submission's hidden tests, counted by category. */
export function Categories({ submission: sub }) {
  const r = sub?.status === "done" ? sub.result : null;
  if (!r?.categories?.length) return html`<p class="muted">Submit to see how the hidden tests went, by category.</p>`;
  return html`<p class="muted">Submission ${subNo(sub)}</p>
    <table>
      <thead><tr><th scope="col">category</th><th scope="col">passed</th></tr></thead>
      <tbody>
        ${r.categories.map((c) => html`<tr key=${c.category}><td>${categoryWord(c.category)}</td><td class=${c.passed === c.total ? "ok" : "bad"}>${c.passed}/${c.total}</td></tr>`)}
      </tbody>
    </table>`;
}

/** "all 14 hidden tests pass", "11 of 16 hidden tests pass". */
export function passWords(passed, total) {
  return passed === total ? `all ${total} hidden tests pass` : `${passed} of ${total} hidden tests pass`;
}
