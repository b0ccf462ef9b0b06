// The score sheet's foundational questions: picker from the bank, own questions, scores and notes.

import { state } from "./state.js";
import { byId, h, scoreLabel } from "./dom.js";
import { bankQuestion, toScore } from "./sheet-model.js";
import { sheetChanged } from "./save.js";

function scoreSelect(id, value, onChange, labelText) {
  const select = h("select", { id, onchange: (event) => onChange(toScore(event.target.value)), "aria-label": labelText });
  select.append(h("option", { value: "" }, "— not scored —"));
  for (const score of [1, 2, 3, 4]) select.append(h("option", { value: String(score), selected: value === score }, scoreLabel(score)));
  select.value = value ? String(value) : "";
  return select;
}

function notesArea(id, value, onInput, labelText, rows) {
  return h("textarea", { id, rows: String(rows || 2), "aria-label": labelText, value, oninput: (event) => onInput(event.target.value) });
}

export function renderPicker() {
  const picker = byId("question-picker");
  const previous = picker.value;
  const used = new Set(state.sheet.foundations.map((q) => q.question));
  const groups = new Map();
  for (const q of state.bank.questions) {
    if (!groups.has(q.topic)) groups.set(q.topic, []);
    groups.get(q.topic).push(q);
  }
  const options = [h("option", { value: "" }, state.bank.questions.length ? "Choose a question…" : "No questions for this level")];
  for (const [topic, questions] of groups) {
    const group = h("optgroup", { label: topic || "Other" });
    for (const q of questions) {
      const text = q.question.length > 90 ? `${q.question.slice(0, 88)}…` : q.question;
      group.append(h("option", { value: q.id, disabled: used.has(q.id), title: q.question }, used.has(q.id) ? `✓ ${text}` : text));
    }
    options.push(group);
  }
  picker.replaceChildren(...options);
  picker.value = previous && !used.has(previous) ? previous : "";
}

function addQuestion(id) {
  const question = id.trim();
  if (!question) return;
  if (state.sheet.foundations.some((q) => q.question === question)) return;
  state.sheet.foundations.push({ question, score: null, notes: "" });
  renderPicker();
  renderFoundations();
  sheetChanged();
  const index = state.sheet.foundations.length - 1;
  const score = byId(`foundation-${index}-score`);
  if (score) score.focus();
}

export function addPickedQuestion() {
  const picker = byId("question-picker");
  if (!picker.value) {
    picker.focus();
    return;
  }
  addQuestion(picker.value);
}

export function addOwnQuestion() {
  const input = byId("own-question");
  const text = input.value.trim();
  if (!text) {
    input.focus();
    return;
  }
  input.value = "";
  addQuestion(text);
}

export function onOwnQuestionKey(event) {
  if (event.key === "Enter") {
    event.preventDefault();
    addOwnQuestion();
  }
}

function removeQuestion(entry) {
  state.sheet.foundations = state.sheet.foundations.filter((q) => q !== entry);
  renderPicker();
  renderFoundations();
  sheetChanged();
  byId("question-picker").focus();
}

function questionGuide(q) {
  return h(
    "details",
    { class: "guide" },
    h("summary", null, "What to listen for"),
    q.strong_answer && q.strong_answer.length ? h("div", null, h("h4", { class: "ok" }, "Strong answer"), h("ul", null, q.strong_answer.map((t) => h("li", null, t)))) : null,
    q.warning_signs && q.warning_signs.length ? h("div", null, h("h4", { class: "bad" }, "Warning signs"), h("ul", null, q.warning_signs.map((t) => h("li", null, t)))) : null,
    q.follow_up ? h("p", null, h("strong", null, "Follow-up: "), q.follow_up) : null,
  );
}

function foundationItem(entry, index) {
  const q = bankQuestion(entry.question);
  const scoreId = `foundation-${index}-score`;
  const notesId = `foundation-${index}-notes`;
  const text = q ? q.question : entry.question;
  return h(
    "li",
    { class: "question-item", "data-question": entry.question },
    h("p", { class: "question-text" }, q ? h("span", { class: "badge topic" }, q.topic) : h("span", { class: "badge topic" }, "own"), " ", text),
    q ? questionGuide(q) : null,
    h(
      "div",
      { class: "row" },
      h("label", { htmlFor: scoreId }, "Score"),
      scoreSelect(scoreId, entry.score, (score) => { entry.score = score; sheetChanged(); }),
      h("button", { type: "button", class: "secondary remove", "aria-label": `Remove question ${index + 1}`, onclick: () => removeQuestion(entry) }, "Remove"),
    ),
    h("label", { htmlFor: notesId, class: "visually-hidden" }, `Notes for question ${index + 1}`),
    notesArea(notesId, entry.notes, (notes) => { entry.notes = notes; sheetChanged(); }, null, 2),
  );
}

export function renderFoundations() {
  const list = byId("foundations-list");
  const items = state.sheet.foundations.map(foundationItem);
  if (items.length === 0) items.push(h("li", { class: "muted empty" }, "No questions added yet."));
  list.replaceChildren(...items);
}
