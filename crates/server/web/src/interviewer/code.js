// The problem statement panel and the candidate's live code, highlighted line by line as it changes.

import { state } from "./state.js";
import { byId, fmtInt, fmtWhen, h } from "./dom.js";
import { diffLines, splitLines } from "./diff.js";

export function buildProblemPanel(problem) {
  const hidden = (problem.hidden_tests || []).map((t) => `${t.category} ${t.count}`).join(", ");
  const statement = h("div", { class: "statement" });
  statement.innerHTML = problem.statement_html || ""; // rendered on the server from our own Markdown
  return h(
    "details",
    { id: "problem", class: "card problem" },
    h("summary", null, "Problem: ", problem.title),
    problem.signature ? h("pre", { class: "signature" }, problem.signature) : null,
    statement,
    hidden ? h("p", { class: "muted" }, `Hidden tests: ${hidden}`) : null,
  );
}

export function buildCodePanel() {
  return h(
    "section",
    { id: "code-panel", class: "card", "aria-labelledby": "code-title" },
    h("h2", { id: "code-title" }, "Live code"),
    h("p", { id: "draft-meta", class: "muted" }, "The candidate has not typed anything yet."),
    h("pre", { id: "live-code", class: "code", tabindex: "0", "aria-label": "The candidate's latest draft" }),
  );
}

/** Fills a <pre> with one span per line (numbered by CSS); lines in `marked` get `markClass`. */
function fillCode(pre, lines, marked, markClass) {
  const parts = [];
  lines.forEach((line, index) => {
    if (index > 0) parts.push("\n");
    const cls = marked && marked.has(index) ? `line ${markClass}` : "line";
    parts.push(h("span", { class: cls }, line));
  });
  pre.replaceChildren(...parts);
}

/** Shows a draft; lines that changed since the previous draft are highlighted for a moment. */
export function showDraft(draft, previousSource) {
  const pre = byId("live-code");
  const lines = splitLines(draft ? draft.source : "");
  let changed = null;
  if (previousSource !== null && previousSource !== undefined && draft) {
    changed = new Set();
    let index = 0;
    for (const step of diffLines(previousSource, draft.source)) {
      if (step.op === "-") continue;
      if (step.op === "+") changed.add(index);
      index++;
    }
  }
  fillCode(pre, lines, changed, "changed");
  renderDraftMeta();
}

export function renderDraftMeta() {
  const meta = byId("draft-meta");
  if (!state.draft) {
    meta.textContent = "The candidate has not typed anything yet.";
    return;
  }
  const lines = splitLines(state.draft.source).length;
  meta.textContent = `${lines} lines · saved ${fmtWhen(state.draft.saved_at)} · ${fmtInt(state.draftsSaved)} drafts saved`;
}

export function applyDraft(draft) {
  if (state.draft && draft.id <= state.draft.id) return;
  const previous = state.draft ? state.draft.source : null;
  state.draft = { id: draft.id, source: draft.source, saved_at: draft.saved_at };
  state.draftsSaved += 1;
  showDraft(state.draft, previous);
}
