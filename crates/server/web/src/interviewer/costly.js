// Where the work grows: the line of a submission's code that carries the growth the probes measured (and
// the line calling the helper it is in), said in the report and found again by its text in another
// version of the code.

import { html } from "../shared/html.js";

/** The growing line and its caller as `{ line, text }` pairs, from a graded report (a function's or a
 * rate limiter's); none when none grows. */
export function costlyLines(report) {
  const explained = report?.complexity?.costly_lines ?? report?.rate_limiter?.costly_lines;
  const growing = explained?.growing;
  if (!growing) return [];
  const text = (line) => explained.lines.find((l) => l.line === line)?.text ?? null;
  return [growing.line, growing.called_from].filter((line) => line != null).map((line) => ({ line, text: text(line) }));
}

/** The same lines in `source`: the line with the same text, nearest the one it was on; none where it is gone. */
export function linesIn(source, costly) {
  const lines = (source ?? "").split("\n").map((l) => l.trim());
  return costly
    .map(({ line, text }) => {
      if (text == null) return null;
      const at = lines.map((l, i) => (l === text ? i + 1 : null)).filter((n) => n != null);
      return at.length ? at.reduce((best, n) => (Math.abs(n - line) < Math.abs(best - line) ? n : best)) : null;
    })
    .filter((n) => n != null);
}

/** A sentence whose `quoted` parts are code, as code. */
const withCode = (text) => text.split("`").map((part, i) => (i % 2 ? html`<code key=${i}>${part}</code>` : part));

/** The report's sentence on where the work grows, when a line does (`explained` is a report's `costly_lines`). */
export function CostlyLineNote({ explained }) {
  const growing = explained?.growing;
  if (!growing) return null;
  return html`<p id="costly-line" class="costly-line"><strong>Where the work grows: </strong>${withCode(growing.said)}
    <span class="muted"> (measured line by line; marked in the code)</span></p>`;
}
