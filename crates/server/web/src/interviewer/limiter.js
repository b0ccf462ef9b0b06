// The report's rate limiter section: facts, cost chart, trace timelines, property results and static signals.

import { badge, factList, fmtInt, fmtNumber, h, section } from "./dom.js";
import { limiterPlot } from "./plot.js";
import { limiterTraces } from "./limiter-traces.js";

export function limiterBlock(r) {
  const cost = r.per_call_cost || {};
  const memory = r.memory_per_key;
  const offset = r.limit_offset ? ` (behaves as if the limit were ${r.limit_offset > 0 ? "+" : ""}${r.limit_offset} off)` : "";
  const facts = factList([
    ["algorithm", h("span", null, h("strong", null, r.algorithm), offset)],
    ["model agreement", `${fmtInt(r.decisions - r.divergences)} of ${fmtInt(r.decisions)} decisions match`],
    ["max in any window", h("span", { class: r.max_in_window_ratio > 1 ? "bad" : "ok" }, `${fmtNumber(r.max_in_window_ratio, 2)}× the limit`)],
    ["false rejections", h("span", { class: r.false_rejections > 0 ? "bad" : "ok" }, fmtInt(r.false_rejections))],
    ["per-call cost", h("span", { class: cost.class === "O(1)" ? "ok" : "bad" }, cost.class || "unknown")],
    ["fuel per call", `${fmtInt(cost.fuel_small_limit)} at limit ${fmtInt(cost.small_limit)}, ${fmtInt(cost.fuel_large_limit)} at limit ${fmtInt(cost.large_limit)}`],
    ["native throughput", h("span", null, `≈ ${fmtInt(cost.native_requests_per_second)} requests/s per core; 1,000/s `, h("span", { class: cost.meets_1000_per_second ? "ok" : "bad" }, cost.meets_1000_per_second ? "met" : "not met comfortably"))],
    [
      "memory per key",
      memory
        ? h("span", null, `${fmtInt(memory.bytes_per_key)} bytes over ${fmtInt(memory.keys)} keys; `, h("span", { class: memory.idle_keys_released ? "ok" : "bad" }, memory.idle_keys_released ? "idle keys are released" : "idle keys are never released"))
        : "not measured",
    ],
  ]);
  const traces = h("details", { open: true }, h("summary", null, "Behaviour on the separating traces"), limiterTraces(r.traces));
  return section("rate-limiter", "Rate limiter", facts, limiterPlot(cost), traces, propertiesTable(r.properties), staticSignals(r.static_signals));
}

function propertiesTable(properties) {
  if (!properties || properties.length === 0) return null;
  const body = h("tbody");
  for (const p of properties) {
    body.append(
      h(
        "tr",
        { class: p.ok ? "prop-ok" : "prop-fail" },
        h("th", { scope: "row" }, p.name),
        h("td", null, badge(p.ok ? "ok" : "fail", p.ok ? "ok" : "bad")),
        h("td", null, p.counterexample ? h("span", { class: "counterexample" }, p.counterexample) : h("span", { class: "muted" }, "—")),
      ),
    );
  }
  const head = h("thead", null, h("tr", null, ["property", "result", "counterexample"].map((t) => h("th", { scope: "col" }, t))));
  return h("div", { class: "table-scroll" }, h("table", { id: "limiter-properties", class: "properties" }, head, body));
}

function staticSignals(signals) {
  if (!signals || signals.length === 0) return null;
  return h(
    "div",
    { class: "static-signals" },
    h("h4", null, "Read from the source"),
    h("ul", { id: "static-signals" }, signals.map((text) => h("li", null, badge("static", "static"), " ", text))),
  );
}
