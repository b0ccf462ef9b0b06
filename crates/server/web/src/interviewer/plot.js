// SVG charts: the log-log scatter plot (axes, series, legend) and the rate limiter's bar chart.
import { fmtInt, fmtPow10 } from "../shared/format.js";
import { html } from "../shared/html.js";
import { decadeRange, decadeTicks, logScale } from "./plot-scale.js";

// Room on the right for half the last x tick label ("100k"), which a clipped drawing (on paper) would cut.
const MARGIN = { left: 66, right: 18, top: 10, bottom: 34 };
const px = (v) => v.toFixed(1);

/**
 * A log-log scatter plot with a line through each series, ticks at powers of ten and a legend.
 * `series`: [{ name, kind, pointClass, points: [{ x, y, tip }] }]; `yTick(k)` labels 10^k on the y axis (else with `yUnit`).
 */
export function LogLogPlot({ id, title, width, height, xLabel, yLabel, yUnit, yTick, series }) {
  const all = series.flatMap((one) => one.points);
  const titleId = `${id}-title`;
  const body = all.length === 0 ? html`<text x=${width / 2} y=${height / 2} text-anchor="middle" class="plot-empty">no measurements</text>` : plotBody();
  function plotBody() {
    const plotW = width - MARGIN.left - MARGIN.right;
    const plotH = height - MARGIN.top - MARGIN.bottom;
    const xs = decadeRange(all.map((p) => p.x));
    const ys = decadeRange(all.map((p) => p.y));
    const sx = logScale(xs, MARGIN.left, plotW);
    const sy = logScale(ys, MARGIN.top, plotH, true);
    return html`
      <${Axes} ...${{ plotW, plotH, xs, ys, xLabel, yLabel, yTick: yTick ?? ((k) => fmtPow10(k, yUnit)), height }} />
      ${series.map((one) => html`<${Series} key=${one.kind} one=${one} sx=${sx} sy=${sy} />`)}
      <${Legend} series=${series} />
    `;
  }
  return html`<svg id=${id} class="plot" viewBox=${`0 0 ${width} ${height}`} role="img" aria-labelledby=${titleId}>
    <title id=${titleId}>${title}</title>
    ${body}
  </svg>`;
}

function Axes({ plotW, plotH, xs, ys, xLabel, yLabel, yTick, height }) {
  const left = MARGIN.left;
  const bottom = MARGIN.top + plotH;
  const at = ([lo, hi], k, length) => ((k - lo) / (hi - lo)) * length;
  const middle = MARGIN.top + plotH / 2;
  return html`<g class="axes">
    ${decadeTicks(...xs).map((k) => {
      const x = left + at(xs, k, plotW);
      return html`<g key=${`x${k}`}>
        <line class="grid" x1=${x} x2=${x} y1=${MARGIN.top} y2=${bottom} />
        <line class="tick" x1=${x} x2=${x} y1=${bottom} y2=${bottom + 4} />
        <text class="tick-label" x=${x} y=${bottom + 15} text-anchor="middle">${fmtPow10(k)}</text>
      </g>`;
    })}
    ${decadeTicks(...ys).map((k) => {
      const y = bottom - at(ys, k, plotH);
      return html`<g key=${`y${k}`}>
        <line class="grid" x1=${left} x2=${left + plotW} y1=${y} y2=${y} />
        <line class="tick" x1=${left - 4} x2=${left} y1=${y} y2=${y} />
        <text class="tick-label" x=${left - 6} y=${y + 3} text-anchor="end">${yTick(k)}</text>
      </g>`;
    })}
    <line class="axis" x1=${left} x2=${left + plotW} y1=${bottom} y2=${bottom} />
    <line class="axis" x1=${left} x2=${left} y1=${MARGIN.top} y2=${bottom} />
    <text class="axis-label" x=${left + plotW / 2} y=${height - 4} text-anchor="middle">${xLabel}</text>
    <text class="axis-label" x="12" y=${middle} text-anchor="middle" transform=${`rotate(-90 12 ${middle})`}>${yLabel}</text>
  </g>`;
}

function Series({ one, sx, sy }) {
  const coords = one.points.map((p) => `${px(sx(p.x))},${px(sy(p.y))}`).join(" ");
  return html`<g class=${`series series-${one.kind}`}>
    ${one.points.length > 1 && html`<polyline class=${`line line-${one.kind}`} points=${coords} fill="none" />`}
    ${one.points.map((p) => html`<circle class=${one.pointClass} cx=${px(sx(p.x))} cy=${px(sy(p.y))} r="3"><title>${p.tip}</title></circle>`)}
  </g>`;
}

function Legend({ series }) {
  return html`<g class="legend" transform=${`translate(${MARGIN.left + 8} ${MARGIN.top + 6})`}>
    ${series.map((one, index) => {
      const y = index * 15 + 6;
      return html`<g key=${one.kind}>
        <line class=${`line line-${one.kind}`} x1="0" x2="16" y1=${y} y2=${y} />
        <circle class=${`legend-marker marker-${one.kind}`} cx="8" cy=${y} r="3" />
        <text class="legend-label" x="22" y=${y + 4}>${one.name}</text>
      </g>`;
    })}
  </g>`;
}

/** Bars on a linear scale: [{ label, value, valueLabel, kind }]. */
export function BarPlot({ id, title, bars, width = 300, height = 170 }) {
  const margin = { left: 12, right: 12, top: 22, bottom: 30 };
  const max = Math.max(...bars.map((b) => b.value)) || 1;
  const plotH = height - margin.top - margin.bottom;
  const slot = (width - margin.left - margin.right) / bars.length;
  const baseline = margin.top + plotH;
  return html`<svg id=${id} class="plot" viewBox=${`0 0 ${width} ${height}`} role="img" aria-labelledby=${`${id}-title`}>
    <title id=${`${id}-title`}>${title}</title>
    ${bars.map((bar, index) => {
      const barH = Math.max(1, (bar.value / max) * plotH);
      const x = margin.left + index * slot + slot * 0.2;
      const w = slot * 0.6;
      return html`<g key=${bar.label}>
        <rect class=${`bar bar-${bar.kind}`} x=${px(x)} y=${px(baseline - barH)} width=${px(w)} height=${px(barH)} />
        <text class="bar-value" x=${px(x + w / 2)} y=${px(baseline - barH - 5)} text-anchor="middle">${bar.valueLabel ?? fmtInt(bar.value)}</text>
        <text class="tick-label" x=${px(x + w / 2)} y=${baseline + 16} text-anchor="middle">${bar.label}</text>
      </g>`;
    })}
    <line class="axis" x1=${margin.left} x2=${width - margin.right} y1=${baseline} y2=${baseline} />
  </svg>`;
}
