// SVG charts: the log-log scatter plot (axes, series, legend) and the rate limiter's bar chart.

import { fmtInt, fmtPow10, s } from "./dom.js";

/** Power-of-ten range [lo, hi] (exponents) covering every value; values below 1 count as 1. */
function decadeRange(values) {
  const logs = values.map((v) => Math.log10(Math.max(1, v)));
  let lo = Math.floor(Math.min(...logs));
  let hi = Math.ceil(Math.max(...logs));
  if (hi <= lo) hi = lo + 1;
  return [lo, hi];
}

function decadeTicks(lo, hi) {
  const step = Math.max(1, Math.ceil((hi - lo) / 6));
  const ticks = [];
  for (let k = lo; k <= hi; k += step) ticks.push(k);
  return ticks;
}

/**
 * A log-log scatter plot with a polyline through each series, ticks at powers of ten and a legend.
 * `series`: [{ name, kind, pointClass, points: [{ x, y, tip }] }].
 */
export function logLogPlot({ id, title, width, height, xLabel, yLabel, yUnit, series }) {
  const all = series.flatMap((one) => one.points);
  const titleId = `${id}-title`;
  const svg = s("svg", { id, class: "plot", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId }, s("title", { id: titleId, text: title }));
  if (all.length === 0) {
    svg.append(s("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "plot-empty", text: "no measurements" }));
    return svg;
  }
  const margin = { left: 52, right: 10, top: 10, bottom: 34 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const [xLo, xHi] = decadeRange(all.map((p) => p.x));
  const [yLo, yHi] = decadeRange(all.map((p) => p.y));
  const sx = (v) => margin.left + ((Math.log10(Math.max(1, v)) - xLo) / (xHi - xLo)) * plotW;
  const sy = (v) => margin.top + plotH - ((Math.log10(Math.max(1, v)) - yLo) / (yHi - yLo)) * plotH;
  svg.append(plotAxes({ margin, plotW, plotH, xLo, xHi, yLo, yHi, xLabel, yLabel, yUnit, width, height }));
  for (const one of series) svg.append(plotSeries(one, sx, sy));
  svg.append(plotLegend(series, margin));
  return svg;
}

function plotAxes({ margin, plotW, plotH, xLo, xHi, yLo, yHi, xLabel, yLabel, yUnit, height }) {
  const axes = s("g", { class: "axes" });
  const left = margin.left;
  const bottom = margin.top + plotH;
  for (const k of decadeTicks(xLo, xHi)) {
    const x = left + ((k - xLo) / (xHi - xLo)) * plotW;
    axes.append(
      s("line", { class: "grid", x1: x, x2: x, y1: margin.top, y2: bottom }),
      s("line", { class: "tick", x1: x, x2: x, y1: bottom, y2: bottom + 4 }),
      s("text", { class: "tick-label", x, y: bottom + 15, "text-anchor": "middle", text: fmtPow10(k) }),
    );
  }
  for (const k of decadeTicks(yLo, yHi)) {
    const y = margin.top + plotH - ((k - yLo) / (yHi - yLo)) * plotH;
    axes.append(
      s("line", { class: "grid", x1: left, x2: left + plotW, y1: y, y2: y }),
      s("line", { class: "tick", x1: left - 4, x2: left, y1: y, y2: y }),
      s("text", { class: "tick-label", x: left - 6, y: y + 3, "text-anchor": "end", text: fmtPow10(k, yUnit) }),
    );
  }
  axes.append(
    s("line", { class: "axis", x1: left, x2: left + plotW, y1: bottom, y2: bottom }),
    s("line", { class: "axis", x1: left, x2: left, y1: margin.top, y2: bottom }),
    s("text", { class: "axis-label", x: left + plotW / 2, y: height - 4, "text-anchor": "middle", text: xLabel }),
    s("text", { class: "axis-label", x: 12, y: margin.top + plotH / 2, "text-anchor": "middle", transform: `rotate(-90 12 ${margin.top + plotH / 2})`, text: yLabel }),
  );
  return axes;
}

function plotSeries(one, sx, sy) {
  const group = s("g", { class: `series series-${one.kind}` });
  if (one.points.length > 1) {
    const coords = one.points.map((p) => `${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join(" ");
    group.append(s("polyline", { class: `line line-${one.kind}`, points: coords, fill: "none" }));
  }
  for (const p of one.points) {
    group.append(s("circle", { class: one.pointClass, cx: sx(p.x).toFixed(1), cy: sy(p.y).toFixed(1), r: 3 }, s("title", { text: p.tip })));
  }
  return group;
}

function plotLegend(series, margin) {
  const legend = s("g", { class: "legend", transform: `translate(${margin.left + 8} ${margin.top + 6})` });
  series.forEach((one, index) => {
    const y = index * 15 + 6;
    legend.append(
      s("line", { class: `line line-${one.kind}`, x1: 0, x2: 16, y1: y, y2: y }),
      s("circle", { class: `legend-marker marker-${one.kind}`, cx: 8, cy: y, r: 3 }),
      s("text", { class: "legend-label", x: 22, y: y + 4, text: one.name }),
    );
  });
  return legend;
}

/** Bar chart of mean fuel per allow() call at the small and the large limit (linear scale). */
export function limiterPlot(cost) {
  const width = 300;
  const height = 170;
  const margin = { left: 12, right: 12, top: 22, bottom: 30 };
  const bars = [
    { label: `limit ${fmtInt(cost.small_limit)}`, value: Number(cost.fuel_small_limit) || 0, cls: "bar bar-small" },
    { label: `limit ${fmtInt(cost.large_limit)}`, value: Number(cost.fuel_large_limit) || 0, cls: "bar bar-large" },
  ];
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plotH = height - margin.top - margin.bottom;
  const slot = (width - margin.left - margin.right) / bars.length;
  const svg = s(
    "svg",
    { id: "limiter-plot", class: "plot", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "limiter-plot-title" },
    s("title", { id: "limiter-plot-title", text: `Fuel per call: ${fmtInt(bars[0].value)} at ${bars[0].label}, ${fmtInt(bars[1].value)} at ${bars[1].label}` }),
  );
  const baseline = margin.top + plotH;
  bars.forEach((bar, index) => {
    const barH = Math.max(1, (bar.value / max) * plotH);
    const x = margin.left + index * slot + slot * 0.2;
    const w = slot * 0.6;
    svg.append(
      s("rect", { class: bar.cls, x: x.toFixed(1), y: (baseline - barH).toFixed(1), width: w.toFixed(1), height: barH.toFixed(1) }),
      s("text", { class: "bar-value", x: (x + w / 2).toFixed(1), y: (baseline - barH - 5).toFixed(1), "text-anchor": "middle", text: `${fmtInt(bar.value)} fuel` }),
      s("text", { class: "tick-label", x: (x + w / 2).toFixed(1), y: baseline + 16, "text-anchor": "middle", text: bar.label }),
    );
  });
  svg.append(s("line", { class: "axis", x1: margin.left, x2: width - margin.right, y1: baseline, y2: baseline }));
  return svg;
}
