// The verdict first: the suggested score and its reason, correctness, time and space against the optimal,
// and the estimated native time at the largest input, in lines an interviewer can read aloud.
import { html } from "../shared/html.js";
import { growthKind, prose, scoreClass, scoreWord, verdictKind, verdictWord } from "../shared/words.js";
import { StandingLine } from "./standing.js";

/** The headline without its "Suggested 2 of 4:" opening, which the score badge beside it already says. */
export function headlineReason(headline) {
  return prose(headline ?? "").replace(/^Suggested \d of \d:\s*/, "");
}

/**
 * The correctness line after the verdict's words: without the grader's closing "(wrong answers)" or opening
 * "does not parse:", which would say the verdict twice.
 */
function correctnessText(report) {
  const text = report.summary?.correctness;
  if (!text) return text;
  const verdict = verdictWord(report.verdict);
  return text.replace(/ \([^()]*\)$/, "").replace(new RegExp(`^${verdict}:\\s*`), "");
}

/** Where a load error points, unless its message says so already. */
export function loadErrorText(load) {
  const where = [load.line && `line ${load.line}`, load.column && `column ${load.column}`].filter(Boolean).join(", ");
  return where && !load.message.includes(`line ${load.line}`) ? `${load.message} (${where})` : load.message;
}

/** [{ id, term, text, kind }] for the lines under the headline; lines the report has no words for are left out. */
/** The grader's "Growth not measured: no hidden test passes." after a label that already names the
 * growth: "not measured: no hidden test passes." */
export const notMeasured = (note) => note.replace(/^Growth not measured: /, "not measured: ");

export function summaryLines(report, optimal) {
  const s = report.summary ?? {};
  const c = report.complexity;
  const lines = [
    { id: "correctness", term: "correctness", text: correctnessText(report), kind: verdictKind(report.verdict) },
    { id: "time", term: "time", text: prose(s.time), kind: c ? growthKind(c.time, optimal?.time) : "" },
    { id: "space", term: "space", text: prose(s.space), kind: c ? growthKind(c.space, optimal?.space) : "" },
    { id: "largest", term: "largest input", text: prose(s.at_largest_input), kind: c?.extrapolation?.ratio > 3 ? "bad" : "" },
  ];
  if (!c && report.complexity_note && !s.time) lines.push({ id: "growth", term: "growth", text: notMeasured(report.complexity_note), kind: "muted" });
  return lines.filter((line) => line.text);
}

export function SummaryCard({ report, optimal, standing }) {
  const score = report.summary?.score ?? report.score?.suggested;
  const load = report.load_error;
  return html`<div id="summary" class="summary-card" aria-label="Summary">
    <p class="summary-head">
      <span id="summary-score" class=${`badge score-badge ${scoreClass(score)}`} title="suggested coding score, of 4">${scoreWord(score)}</span>
      <span id="summary-headline">${headlineReason(report.summary?.headline) || (report.score?.reasons ?? []).join("; ")}</span>
    </p>
    <${StandingLine} standing=${standing} />
    <dl class="summary-lines">
      ${summaryLines(report, optimal).map(
        (line) => html`<div key=${line.id} class="summary-line">
          <dt>${line.term}</dt>
          <dd class=${line.kind}>${line.id === "correctness" && html`<span id="verdict" class="verdict-word">${verdictWord(report.verdict)}</span>`}${line.id === "correctness" ? " — " : ""}${line.text}</dd>
        </div>`,
      )}
    </dl>
    ${load && html`<p class="bad load-error">Does not load: ${loadErrorText(load)}</p>`}
  </div>`;
}
