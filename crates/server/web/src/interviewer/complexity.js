// The report's complexity section: measured classes against the optimal ones, notes, plots and points.

import { factList, fmtInt, fmtNumber, fmtSeconds, h, section } from "./dom.js";
import { logLogPlot } from "./plot.js";

/** Time classes from cheapest to dearest, to compare a measured class with the optimal one. */
const CLASS_ORDER = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"];

function classRank(cls) {
  return CLASS_ORDER.indexOf(cls);
}

/** "O(n^2) (optimal O(n))", marked bad when the measured class is dearer than the optimal one. */
function classAgainstOptimal(measured, optimal) {
  const rank = classRank(measured);
  const best = classRank(optimal || "");
  const kind = rank >= 0 && best >= 0 ? (rank <= best ? "ok" : "bad") : "";
  return h("span", null, h("strong", { class: kind }, measured), optimal ? h("span", { class: "muted" }, ` (optimal ${optimal})`) : null);
}

function extrapolationText(e) {
  const ratio = fmtNumber(e.ratio, 1);
  return `about ${ratio}x the reference at n = ${e.n}`;
}

export function complexityBlock(c, optimal) {
  const ambiguous = c.ambiguous ? (c.runner_up ? `yes — cannot tell ${c.time} from ${c.runner_up}` : "yes") : "no";
  const shares = (c.term_shares || []).map(([term, share]) => `${term} ${Math.round(share * 100)}%`).join(", ");
  const facts = factList([
    ["time", classAgainstOptimal(c.time, optimal && optimal.time)],
    ["space", classAgainstOptimal(c.space, optimal && optimal.space)],
    ["confidence", `${Math.round((c.confidence || 0) * 100)}%`],
    ["runner-up", c.runner_up || "none"],
    ["ambiguous", h("span", { class: c.ambiguous ? "bad" : "" }, ambiguous)],
    shares ? ["cost terms at largest n", shares] : null,
    ["largest n measured", fmtInt(c.largest_n)],
  ].filter(Boolean));
  const notes = [];
  if (c.extrapolation) {
    const e = c.extrapolation;
    notes.push(
      h(
        "p",
        { id: "extrapolation", class: e.ratio > 3 ? "bad" : "" },
        h("strong", null, extrapolationText(e)),
        ` (≈ ${fmtSeconds(e.native_seconds)} in native CPython).`,
      ),
    );
  } else if (c.time === "O(2^n)") {
    notes.push(h("p", { id: "extrapolation", class: "bad" }, "Cannot finish at the statement's largest input: the cost doubles every few steps of n."));
  }
  if (c.stopped_at != null) {
    notes.push(h("p", { class: "bad" }, `A probe at n = ${c.stopped_at} used up the remaining budget: the cost there is at least the budget, so the growth is at least this steep.`));
  } else if (c.budget_exhausted) {
    notes.push(h("p", { class: "muted" }, `Probes stopped at n = ${c.largest_n} to stay within the fuel budget.`));
  }

  if (c.wrong_answers > 0) notes.push(h("p", { class: "bad" }, `${c.wrong_answers} probe answers were wrong (a fast wrong answer is not fast).`));
  return section(
    "complexity",
    "Complexity",
    facts,
    notes,
    h("div", { class: "plots" }, growthPlot(c), memoryPlot(c)),
    pointsTable(c.points),
  );
}

function pointsTable(points) {
  if (!points || points.length === 0) return null;
  const body = h("tbody");
  for (const p of points) {
    body.append(h("tr", null, h("td", null, fmtInt(p.n)), h("td", null, fmtInt(p.fuel)), h("td", null, p.memory == null ? "not traced" : fmtInt(p.memory)), h("td", null, p.family)));
  }
  const head = h("thead", null, h("tr", null, ["n", "fuel", "memory (bytes)", "worst family"].map((t) => h("th", { scope: "col" }, t))));
  return h("details", { class: "points" }, h("summary", null, `Measured points (${points.length})`), h("div", { class: "table-scroll" }, h("table", { class: "numbers" }, head, body)));
}

function growthPlot(c) {
  return logLogPlot({
    id: "growth-plot",
    title: "Fuel against n (log-log)",
    width: 460,
    height: 280,
    xLabel: "n",
    yLabel: "fuel",
    series: [
      {
        name: `submission, fitted ${c.time}`,
        kind: "candidate",
        pointClass: "point",
        points: (c.points || []).map((p) => ({ x: p.n, y: p.fuel, tip: `n = ${fmtInt(p.n)}: ${fmtInt(p.fuel)} fuel (${p.family})` })),
      },
      {
        name: "reference",
        kind: "reference",
        pointClass: "ref-point",
        points: (c.reference_points || []).map((p) => ({ x: p.n, y: p.fuel, tip: `reference, n = ${fmtInt(p.n)}: ${fmtInt(p.fuel)} fuel` })),
      },
    ],
  });
}

// Memory is traced at every other size; the sizes between have none.
function traced(points) {
  return (points || []).filter((p) => p.memory != null);
}

function memoryPlot(c) {
  return logLogPlot({
    id: "memory-plot",
    title: "Peak memory against n (log-log)",
    width: 300,
    height: 200,
    xLabel: "n",
    yLabel: "memory",
    yUnit: "B",
    series: [
      {
        name: `submission, ${c.space}`,
        kind: "candidate",
        pointClass: "point",
        points: traced(c.points).map((p) => ({ x: p.n, y: p.memory, tip: `n = ${fmtInt(p.n)}: ${fmtInt(p.memory)} bytes` })),
      },
      {
        name: "reference",
        kind: "reference",
        pointClass: "ref-point",
        points: traced(c.reference_points).map((p) => ({ x: p.n, y: p.memory, tip: `reference, n = ${fmtInt(p.n)}: ${fmtInt(p.memory)} bytes` })),
      },
    ],
  });
}
