// The score sheet form: domains, final decision, notes, exports, and filling it from the model.

import { state } from "./state.js";
import { byId, h, scoreLabel } from "./dom.js";
import { api } from "./api.js";
import { normalizeSheet, toScore } from "./sheet-model.js";
import { sheetChanged } from "./save.js";
import { addOwnQuestion, addPickedQuestion, onOwnQuestionKey, renderFoundations, renderPicker } from "./foundations.js";
import { renderFlags } from "./flags.js";
import { renderComputed, renderGraderSuggestion } from "./decision.js";

const DECISIONS = [
  ["strong_hire", "strong hire"],
  ["hire", "hire"],
  ["maybe", "maybe"],
  ["no_hire", "no hire"],
];

const DOMAINS = [
  { key: "coding", label: "Coding problem" },
  { key: "experience", label: "Real-world experience" },
  { key: "communication", label: "Communication" },
];

export function buildSheet(view) {
  const level = view.session.level;
  return h(
    "form",
    { id: "sheet", class: "card sheet", novalidate: true, "aria-labelledby": "sheet-title", onsubmit: (event) => event.preventDefault() },
    h("div", { class: "panel-head" }, h("h2", { id: "sheet-title" }, "Score sheet"), h("span", { id: "sheet-status", class: "sheet-status muted", role: "status", "aria-live": "polite" }, "")),
    h(
      "fieldset",
      { id: "foundations", class: "foundations" },
      h("legend", null, `Foundational questions (${level})`),
      h(
        "div",
        { class: "row picker-row" },
        h("label", { htmlFor: "question-picker" }, "Question bank"),
        h("select", { id: "question-picker" }),
        h("button", { id: "add-question", type: "button", onclick: addPickedQuestion }, "Add"),
      ),
      h(
        "div",
        { class: "row picker-row" },
        h("label", { htmlFor: "own-question" }, "Your own"),
        h("input", { id: "own-question", type: "text", placeholder: "a question of your own", onkeydown: onOwnQuestionKey }),
        h("button", { id: "add-own-question", type: "button", class: "secondary", onclick: addOwnQuestion }, "Add"),
      ),
      h("ol", { id: "foundations-list", class: "foundations-list" }),
      h("p", { id: "foundations-average", class: "muted" }),
    ),
    h("fieldset", { id: "domains", class: "domains" }, h("legend", null, "Domains"), DOMAINS.map(domainRow)),
    h("fieldset", { id: "flags", class: "flags" }, h("legend", null, "Flags"), h("div", { id: "flag-lists", class: "flag-lists" })),
    h(
      "div",
      { class: "decision" },
      h("p", { class: "computed" }, h("span", { class: "muted" }, "Computed: "), h("output", { id: "computed-decision", "aria-live": "polite" })),
      h(
        "div",
        { class: "row" },
        h("label", { htmlFor: "final-decision" }, "Final decision"),
        h("select", { id: "final-decision", onchange: onFinalDecision }, h("option", { value: "" }, "— not decided —"), DECISIONS.map(([value, label]) => h("option", { value }, label))),
      ),
      h("label", { htmlFor: "sheet-notes" }, "General notes"),
      h("textarea", { id: "sheet-notes", rows: "4", oninput: (event) => { state.sheet.notes = event.target.value; sheetChanged(); } }),
    ),
    h(
      "nav",
      { id: "exports", class: "exports", "aria-label": "Export" },
      h("span", { class: "muted" }, "Export: "),
      h("a", { class: "export", href: api("/export/json") }, "JSON"),
      " ",
      h("a", { class: "export", href: api("/export/csv") }, "CSV"),
      " ",
      h("a", { class: "export", href: api("/export/md") }, "Markdown"),
      " ",
      h("button", { id: "print", type: "button", class: "secondary", onclick: () => window.print() }, "Print / PDF"),
    ),
  );
}

function domainRow({ key, label }) {
  const scoreId = `sheet-${key}-score`;
  const notesId = `sheet-${key}-notes`;
  return h(
    "div",
    { class: `domain domain-${key}` },
    h(
      "div",
      { class: "row" },
      h("label", { htmlFor: scoreId, class: "domain-label" }, label),
      h("select", { id: scoreId, onchange: (event) => onDomainScore(key, event.target.value) }, h("option", { value: "" }, "— not scored —"), [1, 2, 3, 4].map((n) => h("option", { value: String(n) }, scoreLabel(n)))),
      key === "coding"
        ? h("span", { class: "grader-suggestion" }, h("span", { id: "grader-suggestion", class: "muted" }), " ", h("button", { id: "use-suggestion", type: "button", class: "secondary", hidden: true, onclick: useSuggestion }, "Use it"))
        : null,
    ),
    h("label", { htmlFor: notesId, class: "visually-hidden" }, `${label} notes`),
    h("textarea", { id: notesId, rows: "2", placeholder: `${label} notes`, oninput: (event) => { state.sheet[key].notes = event.target.value; sheetChanged(); } }),
  );
}

function onDomainScore(key, value) {
  state.sheet[key].score = toScore(value);
  sheetChanged();
}

function onFinalDecision(event) {
  state.sheet.final_decision = event.target.value || null;
  sheetChanged();
}

/** Puts the model's values into the sheet's fixed controls and rebuilds the lists. */
export function renderSheet() {
  const sheet = state.sheet;
  for (const { key } of DOMAINS) {
    byId(`sheet-${key}-score`).value = sheet[key].score ? String(sheet[key].score) : "";
    byId(`sheet-${key}-notes`).value = sheet[key].notes;
  }
  byId("final-decision").value = sheet.final_decision || "";
  byId("sheet-notes").value = sheet.notes;
  renderPicker();
  renderFoundations();
  renderFlags();
  renderComputed();
  renderGraderSuggestion();
}

function useSuggestion() {
  const score = toScore(byId("use-suggestion").dataset.score);
  if (!score) return;
  state.sheet.coding.score = score;
  byId("sheet-coding-score").value = String(score);
  renderGraderSuggestion();
  sheetChanged();
  byId("sheet-coding-score").focus();
}

/** Replaces the sheet with one saved elsewhere, keeping focus on the control that had it. */
export function replaceSheet(sheet, computed) {
  const focused = document.activeElement && document.activeElement.id;
  state.sheet = normalizeSheet(sheet);
  state.computed = computed;
  renderSheet();
  if (focused && byId(focused)) byId(focused).focus();
}
