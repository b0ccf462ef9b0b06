// Rate limiter traces as timelines against the ideal: an exact sliding window's decisions above, the code's
// below, each request a dot (filled when admitted, a ring when refused), requests at one instant stacked so
// each shows, and the code's decisions that differ from the ideal marked.
import { fmtNumber, plural } from "../shared/format.js";
import { html } from "../shared/html.js";
import { differences, slidingWindowDecisions, spacedTicks, stackLevels, timeRange, windowTicks } from "./ideal-limiter.js";

const LEFT = 128;
const RIGHT = 14;
const WIDTH = 560;
const STEP = 9;
const RADIUS = 3.5;

/** Everything a trace's figure shows, computed from the trace. */
export function traceView(trace) {
  const ideal = slidingWindowDecisions(trace.times, trace.limit, trace.window);
  const diff = differences(trace.admitted, ideal);
  const [lo, hi] = timeRange(trace.times, trace.window);
  const x = (t) => LEFT + ((t - lo) / (hi - lo || 1)) * (WIDTH - LEFT - RIGHT);
  const levels = stackLevels(trace.times.map(x), RADIUS * 2);
  const over = diff.filter((d) => d === "over").length;
  const under = diff.filter((d) => d === "under").length;
  // Window boundaries, and the first and last request's times when too few boundaries fall in view.
  const boundaries = windowTicks([lo, hi], trace.window);
  const ticks = spacedTicks(boundaries.length >= 2 ? boundaries : [...boundaries, Math.min(...trace.times), Math.max(...trace.times)], x, 48);
  return { ideal, diff, boundaries, ticks, x, levels, over, under, depth: Math.max(0, ...levels) + 1 };
}

/** The caption's account of the differences, in words. */
export function differenceWords({ over, under }) {
  if (over === 0 && under === 0) return "every decision matches an exact sliding window";
  const parts = [];
  if (over) parts.push(`${plural(over, "request")} admitted that an exact sliding window refuses`);
  if (under) parts.push(`${plural(under, "request")} refused that an exact sliding window admits`);
  return parts.join("; ");
}

function Row({ label, decisions, base, view, times, marked }) {
  return html`<g>
    <text x="4" y=${base + 4} class="trace-label">${label}</text>
    ${decisions.map((ok, i) => {
      const cx = view.x(times[i]).toFixed(1);
      const cy = base - view.levels[i] * STEP;
      const differs = marked && view.diff[i] !== "same";
      return html`<g key=${i}>
        ${differs && html`<circle class="trace-differs" cx=${cx} cy=${cy} r=${RADIUS + 3} />`}
        <circle class=${ok ? "trace-admitted" : "trace-refused"} cx=${cx} cy=${cy} r=${RADIUS}>
          <title>${`t = ${fmtNumber(times[i], 3)} s: ${ok ? "admitted" : "refused"}${differs ? " (the exact sliding window differs)" : ""}`}</title>
        </circle>
      </g>`;
    })}
  </g>`;
}

function Timeline({ trace, view }) {
  const band = view.depth * STEP + 10;
  const idealBase = 8 + band - 4;
  const codeBase = idealBase + band;
  const height = codeBase + 24;
  return html`<svg class="trace-plot" width=${WIDTH} height=${height} viewBox=${`0 0 ${WIDTH} ${height}`} role="img">
    <title>${trace.name}</title>
    ${view.boundaries.map((t) => html`<line key=${t} class="trace-window" x1=${view.x(t)} x2=${view.x(t)} y1="4" y2=${codeBase + 6} />`)}
    ${view.ticks.map((t) => html`<text key=${t} x=${view.x(t)} y=${height - 4} text-anchor="middle" class="trace-tick">${fmtNumber(t, 3)} s</text>`)}
    <${Row} label="exact sliding window" decisions=${view.ideal} base=${idealBase} view=${view} times=${trace.times} />
    <${Row} label="this code" decisions=${trace.admitted} base=${codeBase} view=${view} times=${trace.times} marked=${true} />
  </svg>`;
}

/** One timeline per trace that has decisions, with a legend once above them. */
export function Traces({ traces }) {
  const shown = (traces ?? []).filter((trace) => trace.admitted.length);
  return html`<div id="limiter-traces">
    <p class="trace-legend muted">
      <span class="legend-dot admitted"></span> admitted · <span class="legend-dot refused"></span> refused ·
      <span class="legend-dot differs"></span> differs from an exact sliding window (admit iff fewer than the limit were admitted in the
      last window) · dashed lines: window boundaries
    </p>
    ${shown.map((trace) => {
      const view = traceView(trace);
      return html`<figure key=${trace.name}>
        <figcaption><strong>${trace.name}</strong> (limit ${trace.limit} per ${fmtNumber(trace.window, 3)} s): <span class=${view.over + view.under ? "bad" : "ok"}>${differenceWords(view)}</span></figcaption>
        <${Timeline} trace=${trace} view=${view} />
      </figure>`;
    })}
  </div>`;
}
