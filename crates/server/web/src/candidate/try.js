// The candidate's own input: their code, as it is in the editor, run on an input they type. Only what their
// code did comes back (the value, the error, what it printed); never the reference's answer.
import { html } from "../shared/html.js";
import { isTrace, useInputRun } from "../shared/scratch-input.js";

const allowed = (a) => (a === true ? "allowed" : a === false ? "denied" : "no answer");

/** `api` builds the session's paths; `source()` reads the editor's code. */
export function TryInput({ api, problem, source }) {
  const { input, setInput, answer, error, busy, run } = useInputRun(problem, api("/try"), (input) => ({ source: source(), input }));
  const trace = isTrace(problem);
  const help = trace
    ? "A limit, a window in seconds and requests as [key, time] pairs, in JSON."
    : "The arguments as a JSON list, one item per argument: one list argument is written [[3, 1, 3]].";
  return html`<section id="try-panel" class="card" aria-labelledby="try-title">
    <h2 id="try-title">Try your own input</h2>
    <label for="try-input" class="muted">${help} Runs the code in the editor; it shows what your code returns, not whether it is right.</label>
    <textarea id="try-input" spellcheck="false" rows="2" value=${input} onInput=${(e) => setInput(e.currentTarget.value)}></textarea>
    <div class="toolbar"><button id="try-run" type="button" class="secondary" disabled=${busy} onClick=${run}>${busy ? "Running…" : "Run on my input"}</button></div>
    ${error && html`<p id="try-error" class="bad" role="alert">${error}</p>`}
    ${answer && html`<${TryAnswer} answer=${answer} />`}
  </section>`;
}

function TryAnswer({ answer: a }) {
  const line = a.line ? ` (line ${a.line})` : "";
  return html`<div id="try-result">
    ${
      a.kind === "trace"
        ? html`<p class="muted">A fresh limiter: ${a.limit} per ${a.window} s.</p>
          <table id="try-trace"><thead><tr><th>Key</th><th>Time (s)</th><th>Your limiter</th></tr></thead>
          <tbody>${a.requests.map((r, i) => html`<tr key=${i}><td>${r.key}</td><td>${r.time}</td><td>${allowed(r.allowed)}</td></tr>`)}</tbody></table>`
        : html`<p><code>${a.input}</code> → <code id="try-value">${a.value ?? "no value"}</code></p>`
    }
    ${a.error && html`<p class="bad">${a.error}${line}</p>`}
    ${a.output && html`<p class="muted">It printed:</p><pre>${a.output}</pre>`}
  </div>`;
}
