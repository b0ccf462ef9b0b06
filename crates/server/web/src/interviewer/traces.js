// Rate limiter traces as timelines: each request a dot, filled green when admitted, red when refused, with
// the nearest model's decision as a ring underneath, so divergences stand out.
import { plural } from "../shared/format.js";
import { html } from "../shared/html.js";

const MARGIN = { left: 70, right: 12 };
const HEIGHT = 70;
const WIDTH = 560;

/** Window boundaries from 0 to `span`, in steps of `window`. */
export function windowTicks(span, window) {
  const ticks = [];
  for (let t = 0; t <= span + 1e-9; t += window) ticks.push(Math.round(t * 100) / 100);
  return ticks;
}

function Timeline({ trace }) {
  const span = Math.max(...trace.times, trace.window) || 1;
  const x = (t) => MARGIN.left + (t / span) * (WIDTH - MARGIN.left - MARGIN.right);
  const rows = [
    ["candidate", trace.admitted, 20, true],
    ["model", trace.model, 40, false],
  ];
  return html`<svg class="trace-plot" width=${WIDTH} height=${HEIGHT} viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} role="img">
    <title>${trace.name}</title>
    ${rows.map(
      ([label, decisions, y, filled]) => html`<g key=${label}>
        <text x="4" y=${y + 4} class="trace-label">${label}</text>
        ${decisions.map(
          (ok, i) => html`<circle cx=${x(trace.times[i])} cy=${y} r="4" class=${`${ok ? "trace-admitted" : "trace-refused"}${filled ? " filled" : ""}`} />`,
        )}
      </g>`,
    )}
    ${windowTicks(span, trace.window).map(
      (t) => html`<g key=${t}>
        <line class="trace-window" x1=${x(t)} x2=${x(t)} y1="10" y2="50" />
        <text x=${x(t) - 6} y=${HEIGHT - 6} class="trace-tick">${t}s</text>
      </g>`,
    )}
  </svg>`;
}

/** One timeline per trace that has decisions. */
export function Traces({ traces }) {
  return html`<div id="limiter-traces">
    ${(traces ?? [])
      .filter((trace) => trace.admitted.length)
      .map((trace) => {
        const differs = trace.admitted.filter((a, i) => a !== trace.model[i]).length;
        return html`<figure key=${trace.name}>
          <figcaption>${trace.name} (limit ${trace.limit} per ${trace.window}s; ${plural(differs, "decision")} ${differs === 1 ? "differs" : "differ"} from the model)</figcaption>
          <${Timeline} trace=${trace} />
        </figure>`;
      })}
  </div>`;
}
