// The report's complexity section: measured classes against the optimal ones, notes, plots and points.
import { fmtBytes, fmtInt, subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { nativeBytes } from "../shared/native-memory.js";
import { fmtRatio, fmtSecondsDecade, fmtTime, nativeSeconds } from "../shared/native-time.js";
import { Facts } from "../shared/ui.js";
import { growthKind, growthWord, scoreWord } from "../shared/words.js";
import { CostlyLineNote } from "./costly.js";
import { LogLogPlot } from "./plot.js";
import { Section } from "./section.js";

/** "O(n²) (optimal O(n))", marked bad when the measured class is dearer than the optimal one. */
function AgainstOptimal({ measured, optimal }) {
  return html`<strong class=${growthKind(measured, optimal)}>${growthWord(measured)}</strong>${optimal && html`<span class="muted"> (optimal ${growthWord(optimal)})</span>`}`;
}

/** The notes under the facts: how the code compares at scale, and where measuring stopped. */
export function complexityNotes(c) {
  const notes = [];
  const e = c.extrapolation;
  if (e) {
    notes.push({
      id: "extrapolation",
      kind: e.ratio > 3 ? "bad" : "",
      strong: `about ${fmtRatio(e.ratio)} the reference at n = ${fmtInt(e.n)}`,
      text: ` (≈ ${fmtTime(e.native_seconds)} in native CPython).`,
    });
  } else if (c.time === "O(2^n)") {
    notes.push({ id: "extrapolation", kind: "bad", text: "Cannot finish at the statement's largest input: the cost doubles every few steps of n." });
  }
  if (c.stopped_at != null) {
    notes.push({
      kind: "bad",
      text: `A probe at n = ${fmtInt(c.stopped_at)} used up what was left of the measuring budget: the cost there is at least the budget, so the growth is at least this steep.`,
    });
  } else if (c.budget_exhausted) {
    notes.push({ kind: "muted", text: `Probes stopped at n = ${fmtInt(c.largest_n)} to stay within the measuring budget.` });
  }
  if (c.wrong_answers > 0) notes.push({ kind: "bad", text: `${c.wrong_answers} probe answers were wrong (a fast wrong answer is not fast).` });
  return notes;
}

/** A picker of another submission whose measured curve is drawn over this one's. */
function OverlayPicker({ compare }) {
  if (!compare?.choices?.length) return null;
  const label = (sub) => `${subNo(sub)}: ${scoreWord(sub.report.summary?.score ?? sub.report.score?.suggested)}, ${growthWord(sub.report.complexity.time)}`;
  return html`<p class="overlay-picker">
    <label for="overlay-select">Compare the curve with </label>
    <select id="overlay-select" value=${compare.overlay ? String(compare.overlay.id) : ""} onChange=${(e) => compare.onPick(e.currentTarget.value ? Number(e.currentTarget.value) : null)}>
      <option value="">no other submission</option>
      ${compare.choices.map((sub) => html`<option key=${sub.id} value=${String(sub.id)}>${label(sub)}</option>`)}
    </select>
  </p>`;
}

/** The space class in words: a class, or why there is none ("too small to tell" when the heap hardly grew). */
export function spaceWords(c) {
  if (c.space && c.space !== "unknown") return null;
  return (c.points ?? []).some((p) => p.memory != null) ? "too small to tell (the memory hardly grew at these sizes)" : "not measured";
}

/** Whether anything was measured at all: with nothing, the section says only why. */
export const measuredAnything = (c) => (c.points ?? []).length > 0;

/** `sub` is the submission whose curve this is (its number names the line). */
export function ComplexityBlock({ complexity: c, optimal, compare, sub, note }) {
  if (!measuredAnything(c)) {
    return html`<${Section} id="complexity" title="Complexity">
      <p id="complexity-nothing" class="muted">Not measured${note ? `: ${note}` : "."}</p>
    <//>`;
  }
  const space = spaceWords(c);
  const facts = [
    ["time", html`<${AgainstOptimal} measured=${c.time} optimal=${optimal?.time} />`],
    ["space", space ? html`<span class="muted">${space}</span>` : html`<${AgainstOptimal} measured=${c.space} optimal=${optimal?.space} />`],
    c.ambiguous && c.runner_up && c.time !== "unknown"
      ? ["uncertain", html`<span class="bad">cannot tell ${growthWord(c.time)} from ${growthWord(c.runner_up)} at these sizes</span>`]
      : null,
    ["largest n measured", fmtInt(c.largest_n)],
  ];
  return html`<${Section} id="complexity" title="Complexity">
    <${Facts} pairs=${facts} />
    ${complexityNotes(c).map((note) => html`<p id=${note.id} class=${note.kind}>${note.strong && html`<strong>${note.strong}</strong>`}${note.text}</p>`)}
    <${CostlyLineNote} explained=${c.costly_lines} />
    <div class="plots">
      <div class="growth">
        <${OverlayPicker} compare=${compare} />
        <${GrowthPlot} c=${c} overlay=${compare?.overlay} sub=${sub} />
      </div>
      ${traced(c.points).length > 0 && html`<${MemoryPlot} c=${c} sub=${sub} />`}
    </div>
    <${Points} points=${c.points} />
  <//>`;
}

function Points({ points }) {
  if (!points?.length) return null;
  return html`<details class="points">
    <summary>Measured points (${points.length})</summary>
    <div class="table-scroll">
      <table class="numbers">
        <thead><tr><th scope="col">n</th><th scope="col">estimated native time</th><th scope="col">estimated native memory</th><th scope="col">worst family</th></tr></thead>
        <tbody>
          ${points.map((p) => html`<tr key=${p.n}><td>${fmtInt(p.n)}</td><td>${fmtTime(nativeSeconds(p.fuel))}</td><td>${p.memory == null ? "not traced" : p.memory === 0 ? "too small to tell" : fmtBytes(nativeBytes(p.memory))}</td><td>${p.family}</td></tr>`)}
        </tbody>
      </table>
    </div>
  </details>`;
}

/** A measured point on the time plot: n against estimated native seconds. */
const timePoint = (p, where, after) => ({ x: p.n, y: nativeSeconds(p.fuel), tip: `${where}: ≈ ${fmtTime(nativeSeconds(p.fuel))}${after}` });

/** The measured time against n beside the reference's; `id` tells one drawing from another (the printed
 * report draws one per submission). */
export function GrowthPlot({ c, overlay, sub, id = "growth-plot" }) {
  const other = overlay?.report?.complexity;
  const series = [
    {
      name: `${sub ? `submission ${subNo(sub)}` : "this submission"}, ${growthWord(c.time)}`,
      kind: "candidate",
      pointClass: "point",
      points: (c.points || []).map((p) => timePoint(p, `n = ${fmtInt(p.n)}`, ` (${p.family})`)),
    },
    {
      name: "reference",
      kind: "reference",
      pointClass: "ref-point",
      points: (c.reference_points || []).map((p) => timePoint(p, `reference, n = ${fmtInt(p.n)}`, "")),
    },
    other && {
      name: `submission ${subNo(overlay)}, ${growthWord(other.time)}`,
      kind: "other",
      pointClass: "other-point",
      points: other.points.map((p) => timePoint(p, `${subNo(overlay)}, n = ${fmtInt(p.n)}`, ` (${p.family})`)),
    },
  ].filter(Boolean);
  return html`<${LogLogPlot} id=${id} title="Estimated native CPython time against n (log-log)" width=${460} height=${280} xLabel="n"
    yLabel="estimated native time" yTick=${fmtSecondsDecade} series=${series} />`;
}

// Memory is traced at every other size; the sizes between have none. The heap grows in whole 64 KiB pages,
// so small inputs show no growth at all: a log scale has no place for them, and the plot leaves them out.
const traced = (points) => (points || []).filter((p) => p.memory != null && p.memory > 0);

function MemoryPlot({ c, sub }) {
  const series = [
    {
      name: `${sub ? `submission ${subNo(sub)}` : "this submission"}, ${spaceWords(c) ?? growthWord(c.space)}`,
      kind: "candidate",
      pointClass: "point",
      points: traced(c.points).map((p) => ({ x: p.n, y: nativeBytes(p.memory), tip: `n = ${fmtInt(p.n)}: ≈ ${fmtBytes(nativeBytes(p.memory))}` })),
    },
    {
      name: "reference",
      kind: "reference",
      pointClass: "ref-point",
      points: traced(c.reference_points).map((p) => ({
        x: p.n,
        y: nativeBytes(p.memory),
        tip: `reference, n = ${fmtInt(p.n)}: ≈ ${fmtBytes(nativeBytes(p.memory))}`,
      })),
    },
  ];
  return html`<${LogLogPlot} id="memory-plot" title="Estimated native CPython memory against n (log-log)" width=${300} height=${200} xLabel="n" yLabel="estimated native memory" yUnit="B" series=${series} />`;
}
