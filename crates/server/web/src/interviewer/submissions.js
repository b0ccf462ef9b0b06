// The submissions list and the diff of the selected submission against the one before it.

import { state } from "./state.js";
import { badge, byId, fmtWhen, h } from "./dom.js";
import { diffLines } from "./diff.js";
import { previousSubmission, selectedSubmission } from "./selection.js";
import { renderReport } from "./report.js";
import { renderGraderSuggestion } from "./decision.js";

export function buildSubmissionsPanel() {
  return h(
    "section",
    { id: "submissions-panel", class: "card", "aria-labelledby": "submissions-title" },
    h(
      "div",
      { class: "panel-head" },
      h("h2", { id: "submissions-title" }, "Submissions"),
      h("button", { id: "follow-latest", type: "button", class: "secondary", hidden: true, onclick: followLatest }, "Follow latest"),
    ),
    h("ol", { id: "submissions", class: "submissions" }),
    h("h3", { id: "diff-title" }, "Changes"),
    h("pre", { id: "submission-diff", class: "diff", tabindex: "0", "aria-labelledby": "diff-title" }),
  );
}

function selectSubmission(id) {
  state.selectedId = id;
  renderSubmissions();
  renderReport();
}

function followLatest() {
  state.selectedId = null;
  renderSubmissions();
  renderReport();
  const selected = document.querySelector("#submissions button[aria-pressed='true']");
  if (selected) selected.focus();
}

function statusKind(status) {
  if (status === "done") return "ok";
  if (status === "failed") return "bad";
  return "pending";
}

function submissionButton(sub, selected) {
  const verdict = sub.report ? sub.report.verdict : sub.status === "failed" ? "error" : "…";
  const verdictKind = sub.report ? (sub.report.verdict === "accepted" ? "ok" : "bad") : "muted";
  return h(
    "button",
    {
      type: "button",
      class: "submission",
      "data-id": sub.id,
      "aria-pressed": String(selected),
      onclick: () => selectSubmission(sub.id),
    },
    h("span", { class: "submission-id" }, `#${sub.id}`),
    " ",
    badge(sub.status, `status status-${sub.status} ${statusKind(sub.status)}`),
    " ",
    h("span", { class: `submission-verdict ${verdictKind}` }, verdict),
    sub.report && sub.report.tests ? h("span", { class: "muted" }, ` ${sub.report.tests.passed}/${sub.report.tests.total}`) : null,
    h("span", { class: "submission-time muted" }, fmtWhen(sub.created_at)),
  );
}

export function renderSubmissions() {
  const list = byId("submissions");
  const focused = document.activeElement && document.activeElement.closest ? document.activeElement.closest("#submissions button") : null;
  const keepFocus = focused ? focused.dataset.id : null;
  const selected = selectedSubmission();
  const items = [];
  for (let i = state.submissions.length - 1; i >= 0; i--) {
    const sub = state.submissions[i];
    items.push(h("li", null, submissionButton(sub, Boolean(selected) && sub.id === selected.id)));
  }
  if (items.length === 0) items.push(h("li", { class: "muted empty" }, "No submissions yet."));
  list.replaceChildren(...items);
  if (keepFocus) {
    const again = list.querySelector(`button[data-id="${CSS.escape(keepFocus)}"]`);
    if (again) again.focus();
  }
  byId("follow-latest").hidden = state.selectedId === null;
  renderDiff(selected);
}

function renderDiff(sub) {
  const title = byId("diff-title");
  const pre = byId("submission-diff");
  if (!sub) {
    title.textContent = "Changes";
    pre.replaceChildren(h("span", { class: "muted" }, "Nothing submitted yet."));
    return;
  }
  const previous = previousSubmission(sub);
  const steps = diffLines(previous ? previous.source : "", sub.source);
  const added = steps.filter((step) => step.op === "+").length;
  const removed = steps.filter((step) => step.op === "-").length;
  title.textContent = previous
    ? `Changes in #${sub.id} since #${previous.id} (+${added} −${removed})`
    : `#${sub.id}: first submission (${added} lines)`;
  const parts = [];
  steps.forEach((step, index) => {
    if (index > 0) parts.push("\n");
    const cls = step.op === "+" ? "add" : step.op === "-" ? "del" : "same";
    parts.push(h("span", { class: `diff-line ${cls}` }, `${step.op} ${step.line}`));
  });
  if (parts.length === 0) parts.push(h("span", { class: "muted" }, "(empty source)"));
  pre.replaceChildren(...parts);
}

export function setSubmissions(list) {
  state.submissions = (list || []).slice().sort((a, b) => a.id - b.id);
  renderSubmissions();
  renderReport();
  renderGraderSuggestion();
}
