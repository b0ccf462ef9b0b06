// The report's rate limiter section: each measure with a line saying what it means, the time per call,
// the traces against an exact sliding window, property results and static signals.
import { fmtBytes, fmtInt, fmtRoughly } from "../shared/format.js";
import { html } from "../shared/html.js";
import { nativeBytes } from "../shared/native-memory.js";
import { fmtMicros, fmtRatio, nativeSeconds } from "../shared/native-time.js";
import { Badge } from "../shared/ui.js";
import { algorithmWord, growthWord, prose } from "../shared/words.js";
import { CostlyLineNote } from "./costly.js";
import { BarPlot } from "./plot.js";
import { Section } from "./section.js";
import { Traces } from "./traces.js";

/** [{ term, value, ok, why }]: each measure, whether it is good (null when neither), and what it means. */
export function limiterMeasures(r) {
  const cost = r.per_call_cost || {};
  const memory = r.memory_per_key;
  const offset = r.limit_offset ? ` (behaves as if the limit were ${r.limit_offset > 0 ? "+" : ""}${r.limit_offset} off)` : "";
  const small = fmtMicros(nativeSeconds(cost.fuel_small_limit));
  const large = fmtMicros(nativeSeconds(cost.fuel_large_limit));
  return [
    { term: "algorithm", value: `${algorithmWord(r.algorithm)}${offset}`, ok: null, why: "the standard algorithm whose decisions are nearest to the code's" },
    {
      term: "agreement",
      value: `${fmtInt(r.decisions - r.divergences)} of ${fmtInt(r.decisions)} decisions`,
      ok: r.divergences === 0,
      why: `the code's decisions on the separating traces that match a ${algorithmWord(r.algorithm)}'s`,
    },
    {
      term: "max in any window",
      value: `${fmtRatio(r.max_in_window_ratio)} the limit`,
      ok: r.max_in_window_ratio <= 1,
      why: "the most requests admitted within one window's span, as a multiple of the limit (over 1× lets bursts through)",
    },
    {
      term: "false rejections",
      value: fmtInt(r.false_rejections),
      ok: r.false_rejections === 0,
      why: "requests refused although fewer than the limit were admitted in the last window",
    },
    {
      term: "cost of a call",
      value: cost.class ? growthWord(cost.class) : "not measured",
      ok: cost.class === "O(1)",
      why: "how the time of one allow() grows with the limit",
    },
    {
      term: "time per call",
      value: `≈ ${small} at limit ${fmtInt(cost.small_limit)}, ${large} at limit ${fmtInt(cost.large_limit)}`,
      ok: null,
      why: "estimated native CPython time of one allow() call",
    },
    {
      term: "throughput",
      value: `about ${fmtRoughly(cost.native_requests_per_second)} requests a second on one core; 1,000 a second ${cost.meets_1000_per_second ? "met" : "not met comfortably"}`,
      ok: Boolean(cost.meets_1000_per_second),
      why: "estimated native CPython, one core",
    },
    memory
      ? {
          term: "memory per key",
          value: `≈ ${fmtBytes(nativeBytes(memory.bytes_per_key))} in native CPython over ${fmtInt(memory.keys)} keys; ${memory.idle_keys_released ? "idle keys are released" : "idle keys are never released"}`,
          ok: Boolean(memory.idle_keys_released),
          why: "what each distinct key keeps, and whether keys that go quiet are dropped",
        }
      : { term: "memory per key", value: "not measured", ok: null, why: "" },
  ];
}

const judged = (ok) => (ok === null ? "" : ok ? "ok" : "bad");

export function LimiterBlock({ analysis: r }) {
  const cost = r.per_call_cost || {};
  const bars = [
    { label: `limit ${fmtInt(cost.small_limit)}`, seconds: nativeSeconds(cost.fuel_small_limit), kind: "small" },
    { label: `limit ${fmtInt(cost.large_limit)}`, seconds: nativeSeconds(cost.fuel_large_limit), kind: "large" },
  ].map((bar) => ({ ...bar, value: (bar.seconds || 0) * 1e6, valueLabel: fmtMicros(bar.seconds || 0) }));
  const title = `Estimated native time per allow() call: ${bars[0].valueLabel} at ${bars[0].label}, ${bars[1].valueLabel} at ${bars[1].label}`;
  return html`<${Section} id="rate-limiter" title="Rate limiter">
    <dl class="measures">
      ${limiterMeasures(r).map(
        (m) => html`<div key=${m.term} class="measure">
          <dt>${m.term}</dt>
          <dd><span class=${judged(m.ok)}>${m.term === "algorithm" ? html`<strong>${m.value}</strong>` : m.value}</span>${m.why && html`<span class="why">${m.why}</span>`}</dd>
        </div>`,
      )}
    </dl>
    <${CostlyLineNote} explained=${r.costly_lines} />
    <figure class="limiter-cost">
      <figcaption>µs per allow() call (estimated native CPython)</figcaption>
      <${BarPlot} id="limiter-plot" title=${title} bars=${bars} />
    </figure>
    <details open>
      <summary>Decisions on the separating traces, against an exact sliding window</summary>
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
            <th scope="row">${prose(p.name.replace(/^analysis: /, ""))}</th>
            <td><${Badge} kind=${p.ok ? "ok" : "bad"}>${p.ok ? "holds" : "fails"}<//></td>
            <td>${p.counterexample ? html`<span class="counterexample">${prose(p.counterexample)}</span>` : html`<span class="muted">—</span>`}</td>
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
