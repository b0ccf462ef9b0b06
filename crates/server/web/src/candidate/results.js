// What the candidate sees of a run (the visible examples in full) and of a submission (its verdict and counts
// first, then counts per category; never a score or a hidden input).
import { html } from "../shared/html.js";
import { Badge } from "../shared/ui.js";
import { isBusy, statusLine, verdictKind, verdictWord } from "../shared/words.js";

export function Examples({ result }) {
  if (!result) return html`<p class="muted">Run the examples to see results here.</p>`;
  if (result.load_error) return html`<p class="bad" id="load-error">${result.load_error.message}</p>`;
  const passed = result.examples.filter((e) => e.passed).length;
  const all = passed === result.examples.length;
  return html`
    <p id="examples-summary" class=${all ? "ok" : "bad"}>${passed}/${result.examples.length} examples pass</p>
    ${result.examples.map((e) => html`<${Example} key=${e.name} example=${e} />`)}
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

export function Submission({ submission: sub }) {
  if (!sub) return html`<p class="muted">Not submitted yet.</p>`;
  if (sub.status !== "done" || !sub.result) {
    const busy = isBusy(sub.status);
    return html`<p id="submission-status" class=${busy ? "pending" : "bad"}>Submission #${sub.id}: ${statusLine(sub)}${busy ? "…" : ""}</p>`;
  }
  const r = sub.result;
  return html`
    <div id="candidate-summary" class=${`candidate-summary ${verdictKind(r.verdict)}`}>
      <span>Submission #${sub.id}:</span> <strong id="submission-verdict" class=${verdictKind(r.verdict)}>${verdictWord(r.verdict)}</strong>
      <span id="submission-counts">${passWords(r.passed, r.total)}</span>
    </div>
    ${r.load_error && html`<p class="bad">${r.load_error.message}</p>`}
    <table>
      <thead><tr><th scope="col">category</th><th scope="col">passed</th></tr></thead>
      <tbody>
        ${r.categories.map((c) => html`<tr key=${c.category}><td>${c.category}</td><td class=${c.passed === c.total ? "ok" : "bad"}>${c.passed}/${c.total}</td></tr>`)}
      </tbody>
    </table>
  `;
}

/** "all 14 hidden tests pass", "11 of 16 hidden tests pass". */
export function passWords(passed, total) {
  return passed === total ? `all ${total} hidden tests pass` : `${passed} of ${total} hidden tests pass`;
}
