// The score sheet's foundational questions: picked from the bank or written by the interviewer, each scored with notes.
import { html, useRef, useState } from "../shared/html.js";
import { SCORES, scoreLabel } from "../shared/words.js";
import { addQuestion, bankQuestion, questionsByTopic, removeQuestion, setQuestion, toScore } from "./sheet-model.js";

/** A score from 1 to 4, or none. */
export function ScoreSelect({ id, value, onChange, label }) {
  return html`<select id=${id} aria-label=${label} value=${value ? String(value) : ""} onChange=${(e) => onChange(toScore(e.currentTarget.value))}>
    <option value="">— not scored —</option>
    ${Object.keys(SCORES).map((n) => html`<option key=${n} value=${n}>${scoreLabel(n)}</option>`)}
  </select>`;
}

const shorten = (text) => (text.length > 90 ? `${text.slice(0, 88)}…` : text);

export function Foundations({ level, sheet, bank, onEdit, average }) {
  const [picked, setPicked] = useState("");
  const [own, setOwn] = useState("");
  const pickerRef = useRef(null);
  const ownRef = useRef(null);
  const used = new Set(sheet.foundations.map((q) => q.question));
  const addPicked = () => {
    if (!picked || used.has(picked)) return pickerRef.current.focus();
    onEdit(addQuestion(sheet, picked));
    setPicked("");
  };
  const addOwn = () => {
    if (!own.trim()) return ownRef.current.focus();
    onEdit(addQuestion(sheet, own));
    setOwn("");
  };
  const onOwnKey = (event) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    addOwn();
  };
  return html`<fieldset id="foundations" class="foundations">
    <legend>Foundational questions (${level})</legend>
    <div class="row picker-row">
      <label for="question-picker">Question bank</label>
      <select id="question-picker" ref=${pickerRef} value=${used.has(picked) ? "" : picked} onChange=${(e) => setPicked(e.currentTarget.value)}>
        <option value="">${bank.questions.length ? "Choose a question…" : "No questions for this level"}</option>
        ${questionsByTopic(bank).map(
          ([topic, questions]) => html`<optgroup key=${topic} label=${topic}>
            ${questions.map((q) => html`<option key=${q.id} value=${q.id} disabled=${used.has(q.id)} title=${q.question}>${used.has(q.id) ? "✓ " : ""}${shorten(q.question)}</option>`)}
          </optgroup>`,
        )}
      </select>
      <button id="add-question" type="button" onClick=${addPicked}>Add</button>
    </div>
    <div class="row picker-row">
      <label for="own-question">Your own</label>
      <input id="own-question" ref=${ownRef} type="text" placeholder="a question of your own" value=${own}
        onInput=${(e) => setOwn(e.currentTarget.value)}
        onKeyDown=${onOwnKey} />
      <button id="add-own-question" type="button" class="secondary" onClick=${addOwn}>Add</button>
    </div>
    <ol id="foundations-list" class="foundations-list">
      ${sheet.foundations.map(
        (entry, index) => html`<${Question} key=${entry.question} entry=${entry} index=${index} question=${bankQuestion(bank, entry.question)}
          onChange=${(change) => onEdit(setQuestion(sheet, index, change))} onRemove=${() => onEdit(removeQuestion(sheet, index))} />`,
      )}
      ${sheet.foundations.length === 0 && html`<li class="muted empty">No questions added yet.</li>`}
    </ol>
    <p id="foundations-average" class="muted">${average}</p>
  </fieldset>`;
}

function Guide({ q }) {
  return html`<details class="guide">
    <summary>What to listen for</summary>
    ${q.strong_answer?.length > 0 && html`<div><h4 class="ok">Strong answer</h4><ul>${q.strong_answer.map((t) => html`<li key=${t}>${t}</li>`)}</ul></div>`}
    ${q.warning_signs?.length > 0 && html`<div><h4 class="bad">Warning signs</h4><ul>${q.warning_signs.map((t) => html`<li key=${t}>${t}</li>`)}</ul></div>`}
    ${q.follow_up && html`<p><strong>Follow-up: </strong>${q.follow_up}</p>`}
  </details>`;
}

function Question({ entry, index, question: q, onChange, onRemove }) {
  const scoreId = `foundation-${index}-score`;
  const notesId = `foundation-${index}-notes`;
  return html`<li class="question-item">
    <p class="question-text"><span class="badge topic">${q ? q.topic : "own"}</span> ${q ? q.question : entry.question}</p>
    ${q && html`<${Guide} q=${q} />`}
    <div class="row">
      <label for=${scoreId}>Score</label>
      <${ScoreSelect} id=${scoreId} value=${entry.score} onChange=${(score) => onChange({ score })} />
      <button type="button" class="secondary remove" aria-label=${`Remove question ${index + 1}`} onClick=${onRemove}>Remove</button>
    </div>
    <label for=${notesId} class="visually-hidden">Notes for question ${index + 1}</label>
    <textarea id=${notesId} rows="2" value=${entry.notes} onInput=${(e) => onChange({ notes: e.currentTarget.value })}></textarea>
  </li>`;
}
