// The scratch runner: the interviewer types an input, the candidate's latest code runs on it in the sandbox
// beside the reference solution, whose answer the candidate never sees. A function takes its arguments as a
// JSON list; a rate limiter takes a small trace of (key, time) requests.
import { fmtWhen, subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { isTrace, starterInput, useInputRun } from "../shared/scratch-input.js";

export { isTrace, starterInput };

/** Which code ran, in words. */
export function codeWords(code) {
  if (!code) return "";
  return code.from === "submission" ? `submission ${subNo(code)} (${fmtWhen(code.at)})` : `the latest draft (saved ${fmtWhen(code.at)})`;
}

export function Scratch({ api, problem }) {
  const { input, setInput, answer, error, busy, run } = useInputRun(problem, api("/scratch"), (input) => ({ input }));
  const trace = isTrace(problem);
  const help = trace
    ? "A limit, a window in seconds and the requests as [key, time] pairs, in JSON."
    : "The arguments as a JSON list, one item per argument: a single list argument is written [[3, 1, 3]].";
  return html`<section id="scratch-panel" class="card scratch" aria-labelledby="scratch-title">
    <h2 id="scratch-title">Try an input</h2>
    <p class="muted">Runs the candidate's latest code on your input in the sandbox, beside the reference solution. The candidate does not see this.</p>
    <label for="scratch-input">${help}</label>
    <textarea id="scratch-input" spellcheck="false" value=${input} onInput=${(e) => setInput(e.currentTarget.value)}></textarea>
    <div class="toolbar">
      <button id="scratch-run" type="button" disabled=${busy} onClick=${run}>${busy ? "Running…" : "Run on the candidate's code"}</button>
    </div>
    ${error && html`<p id="scratch-error" class="bad-text" role="alert">${error}</p>`}
    ${answer && html`<${ScratchAnswer} answer=${answer} />`}
  </section>`;
}

function ScratchAnswer({ answer }) {
  const { result, code } = answer;
  const verdict = result.kind === "trace" ? traceAgreement(result) : callAgreement(result);
  return html`<div id="scratch-result">
    <p>Ran ${codeWords(code)}: ${verdict}</p>
    ${result.kind === "trace" ? html`<${TraceAnswer} result=${result} />` : html`<${CallAnswer} result=${result} />`}
    ${result.candidate?.output || result.output ? html`<p class="muted">It printed:</p><pre class="scratch-output">${result.candidate?.output ?? result.output}</pre>` : null}
  </div>`;
}

function callAgreement(result) {
  return result.agrees ? html`<span class="badge ok">same as the reference</span>` : html`<span class="badge bad">differs from the reference</span>`;
}

/** Sound limiters may decide differently near a window's edge, so a trace's differences are counted, not judged. */
export function agreementWords(requests) {
  const same = requests.filter((r) => r.candidate === r.reference).length;
  return same === requests.length ? "same decisions as the reference" : `same decision as the reference on ${same} of ${requests.length} requests`;
}

function traceAgreement(result) {
  return html`<span class=${`badge ${result.agrees ? "ok" : ""}`}>${agreementWords(result.requests)}</span>`;
}

function CallAnswer({ result }) {
  const { candidate } = result;
  const line = candidate.line ? ` (line ${candidate.line})` : "";
  return html`<dl class="scratch-answers">
    <dt>Input</dt><dd>${result.input}</dd>
    <dt>Candidate's code</dt><dd id="scratch-candidate">${candidate.value ?? "no value"}</dd>
    ${candidate.error && html`<dt>Why</dt><dd>${candidate.error}${line}</dd>`}
    <dt>Reference</dt><dd id="scratch-reference">${result.reference}</dd>
  </dl>`;
}

const decision = (allowed) => (allowed === true ? "allowed" : allowed === false ? "denied" : "no answer");

function TraceAnswer({ result }) {
  const line = result.line ? ` (line ${result.line})` : "";
  return html`<p class="muted">A fresh limiter: ${result.limit} per ${result.window} s. The reference is a sliding log; other sound designs decide differently near a window's edge.</p>
    ${result.error && html`<p class="bad-text">The candidate's limiter stopped: ${result.error}${line}</p>`}
    <table id="scratch-trace" class="scratch-trace">
      <thead><tr><th>Key</th><th>Time (s)</th><th>Candidate's code</th><th>Reference</th></tr></thead>
      <tbody>
        ${result.requests.map(
          (r, i) => html`<tr key=${i} class=${r.candidate === r.reference ? "" : "differs"}>
            <td>${r.key}</td><td>${r.time}</td><td>${decision(r.candidate)}</td><td>${decision(r.reference)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}
