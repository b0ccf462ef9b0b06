// The score sheet's read-only outputs: the computed decision, the foundations average and the grader's suggestion.

import { state } from "./state.js";
import { byId, fmtNumber, h, scoreLabel } from "./dom.js";
import { latestGraded } from "./selection.js";

export function renderComputed() {
  const out = byId("computed-decision");
  if (!out) return;
  const computed = state.computed;
  if (!computed) {
    out.textContent = "";
    return;
  }
  out.replaceChildren(
    h("strong", { class: `decision decision-${computed.decision}` }, computed.decision),
    ` — ${computed.reason}`,
  );
  const average = byId("foundations-average");
  const threshold = computed.threshold;
  const avg = computed.foundations_average === null || computed.foundations_average === undefined ? "–" : fmtNumber(computed.foundations_average, 2);
  average.textContent = threshold
    ? `Average ${avg} (needs ≥ ${threshold.foundations} for a hire at this level; coding ≥ ${threshold.coding})`
    : `Average ${avg}`;
}

export function renderGraderSuggestion() {
  const label = byId("grader-suggestion");
  const button = byId("use-suggestion");
  if (!label || !button) return;
  const graded = latestGraded();
  if (!graded || !graded.report.score) {
    label.textContent = "grader: no graded submission yet";
    button.hidden = true;
    return;
  }
  const suggested = graded.report.score.suggested;
  label.textContent = `grader suggests ${scoreLabel(suggested)} (#${graded.id})`;
  button.hidden = state.sheet.coding.score === suggested;
  button.dataset.score = String(suggested);
}
