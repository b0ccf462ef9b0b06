// The insights page's charts, drawn in the page's own SVG: horizontal bars, each with its label and its
// figure written beside it, so a chart reads without a legend.
import { html } from "../shared/html.js";
import { count, pct } from "./model.js";

/** One bar of `share` (0..1) of the track's width. */
export function Bar({ share, kind = "", label }) {
  const width = Math.max(0, Math.min(1, share || 0)) * 100;
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=${label}>
    <rect class="bar-track" x="0" y="0" width="100" height="10" rx="1.5" />
    <rect class=${`bar-fill ${kind}`} x="0" y="0" width=${width} height="10" rx="1.5" />
  </svg>`;
}

/**
 * Rows of [label, bar, figure]: `rows` are { key, label, value, share, kind }; the figure says the share
 * and the count it rests on.
 */
export function Bars({ id, rows, noun = "session", empty = "Nothing to show in this period." }) {
  if (!rows.length) return html`<p id=${id} class="muted">${empty}</p>`;
  return html`<div id=${id} class="bars">
    ${rows.map(
      (r) => html`<div key=${r.key} class="bars-row" data-key=${r.key}>
        <span class="bars-label">${r.label}</span>
        <${Bar} share=${r.share} kind=${r.kind} label=${`${r.label}: ${pct(r.share)}`} />
        <span class="bars-figure"><strong>${pct(r.share)}</strong> <span class="muted">${count(r.value, noun)}</span></span>
      </div>`,
    )}
  </div>`;
}

/** The suggested and the final problem scores side by side, per score. */
export function ScorePairs({ rows }) {
  return html`<div id="score-chart" class="bars pairs">
    <p class="pairs-legend muted"><span class="swatch suggested"></span> suggested by the grader <span class="swatch final"></span> scored by the interviewer</p>
    ${rows.map(
      (r) => html`<div key=${r.score} class="bars-row pair" data-key=${r.score}>
        <span class="bars-label">${r.label}</span>
        <span class="pair-bars">
          <${Bar} share=${r.suggested.share} kind="suggested" label=${`suggested ${r.label}: ${pct(r.suggested.share)}`} />
          <${Bar} share=${r.final.share} kind="final" label=${`scored ${r.label}: ${pct(r.final.share)}`} />
        </span>
        <span class="bars-figure pair-figures">
          <span class="suggested-figure"><strong>${pct(r.suggested.share)}</strong> <span class="muted">${count(r.suggested.sessions)}</span></span>
          <span class="final-figure"><strong>${pct(r.final.share)}</strong> <span class="muted">${count(r.final.sessions)}</span></span>
        </span>
      </div>`,
    )}
  </div>`;
}

/** A question's scores 1-4 as one stacked bar, each part coloured by score. */
export function ScoreStack({ scores, label }) {
  const total = scores.reduce((a, b) => a + b, 0);
  if (!total) return html`<span class="muted">not scored</span>`;
  let x = 0;
  const parts = scores.map((n, i) => {
    const w = (n / total) * 100;
    const part = html`<rect key=${i} class=${`stack score-${i + 1}`} x=${x} y="0" width=${w} height="10" />`;
    x += w;
    return part;
  });
  const words = scores.map((n, i) => `${i + 1}: ${n}`).join(", ");
  return html`<svg class="stack-bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=${`${label}: ${words}`}><title>${words}</title>${parts}</svg>`;
}
