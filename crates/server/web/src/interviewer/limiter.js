// The report's rate limiter section: facts, cost chart, trace timelines, property results and static signals.
import { fmtBytes, fmtInt, fmtNumber } from "../shared/format.js";
import { html } from "../shared/html.js";
import { Badge, Facts } from "../shared/ui.js";
import { algorithmWord, growthWord } from "../shared/words.js";
import { BarPlot } from "./plot.js";
import { Section } from "./section.js";
import { Traces } from "./traces.js";

const Judged = ({ ok, children }) => html`<span class=${ok ? "ok" : "bad"}>${children}</span>`;

export function LimiterBlock({ analysis: r }) {
  const cost = r.per_call_cost || {};
  const memory = r.memory_per_key;
  const offset = r.limit_offset ? ` (behaves as if the limit were ${r.limit_offset > 0 ? "+" : ""}${r.limit_offset} off)` : "";
  const facts = [
    ["algorithm", html`<strong>${algorithmWord(r.algorithm)}</strong>${offset} <span class="muted">· the grader's <code>${r.algorithm}</code> model</span>`],
    ["model agreement", `${fmtInt(r.decisions - r.divergences)} of ${fmtInt(r.decisions)} decisions match`],
    ["max in any window", html`<${Judged} ok=${r.max_in_window_ratio <= 1}>${fmtNumber(r.max_in_window_ratio, 2)}× the limit<//>`],
    ["false rejections", html`<${Judged} ok=${r.false_rejections === 0}>${fmtInt(r.false_rejections)}<//>`],
    ["cost of a call", html`<${Judged} ok=${cost.class === "O(1)"}>${cost.class ? growthWord(cost.class) : "unknown"}<//>`],
    [
      "instructions per call",
      `${fmtInt(cost.fuel_small_limit)} at limit ${fmtInt(cost.small_limit)}, ${fmtInt(cost.fuel_large_limit)} at limit ${fmtInt(cost.large_limit)}`,
    ],
    [
      "native throughput",
      html`≈ ${fmtInt(cost.native_requests_per_second)} requests/s per core; 1,000/s <${Judged} ok=${cost.meets_1000_per_second}>${cost.meets_1000_per_second ? "met" : "not met comfortably"}<//>`,
    ],
    [
      "memory per key",
      memory
        ? html`${fmtBytes(memory.bytes_per_key)} over ${fmtInt(memory.keys)} keys; <${Judged} ok=${memory.idle_keys_released}>${memory.idle_keys_released ? "idle keys are released" : "idle keys are never released"}<//>`
        : "not measured",
    ],
  ];
  const bars = [
    { label: `limit ${fmtInt(cost.small_limit)}`, value: Number(cost.fuel_small_limit) || 0, kind: "small" },
    { label: `limit ${fmtInt(cost.large_limit)}`, value: Number(cost.fuel_large_limit) || 0, kind: "large" },
  ];
  const title = `Instructions per call: ${fmtInt(bars[0].value)} at ${bars[0].label}, ${fmtInt(bars[1].value)} at ${bars[1].label}`;
  return html`<${Section} id="rate-limiter" title="Rate limiter">
    <${Facts} pairs=${facts} />
    <${BarPlot} id="limiter-plot" title=${title} bars=${bars} />
    <details open>
      <summary>Behaviour on the separating traces</summary>
      <${Traces} traces=${r.traces} />
    </details>
    <${Properties} properties=${r.properties} />
    <${StaticSignals} signals=${r.static_signals} />
  <//>`;
}

function Properties({ properties }) {
  if (!properties?.length) return null;
  return html`<div class="table-scroll">
    <table id="limiter-properties" class="properties">
      <thead><tr><th scope="col">property</th><th scope="col">result</th><th scope="col">counterexample</th></tr></thead>
      <tbody>
        ${properties.map(
          (p) => html`<tr key=${p.name} class=${p.ok ? "prop-ok" : "prop-fail"}>
            <th scope="row">${p.name.replace(/^analysis: /, "")}</th>
            <td><${Badge} kind=${p.ok ? "ok" : "bad"}>${p.ok ? "holds" : "fails"}<//></td>
            <td>${p.counterexample ? html`<span class="counterexample">${p.counterexample}</span>` : html`<span class="muted">—</span>`}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function StaticSignals({ signals }) {
  if (!signals?.length) return null;
  return html`<div class="static-signals">
    <h4>Read from the source</h4>
    <ul id="static-signals">
      ${signals.map((text) => html`<li key=${text}>${text.replace(/^static: /, "")}</li>`)}
    </ul>
  </div>`;
}
