// The score sheet form: foundational questions, domains, flags, the decision, notes and exports.
import { fmtNumber, subNo } from "../shared/format.js";
import { html } from "../shared/html.js";
import { SaveStatus } from "../shared/ui.js";
import { DECISIONS, decisionKind, decisionWord, levelWord, scoreLabel } from "../shared/words.js";
import { Flags } from "./flags.js";
import { Foundations, ScoreSelect } from "./foundations.js";
import { DOMAINS, setDomain } from "./sheet-model.js";

/** The foundations average and what the level needs, in words. */
export function averageText(computed) {
  if (!computed) return "";
  const avg = computed.foundations_average == null ? "–" : fmtNumber(computed.foundations_average, 2);
  const t = computed.threshold;
  return t ? `Average ${avg} (needs ≥ ${t.foundations} for a hire at this level; coding ≥ ${t.coding})` : `Average ${avg}`;
}

/**
 * `sheet` is the sheet as edited here, `onEdit(sheet)` records an edit; `computed` is the server's decision;
 * `graded` the latest graded submission (its score is offered for the coding domain); `status` the autosave's.
 */
export function Sheet({ level, sheet, bank, computed, graded, status, api, onEdit }) {
  return html`<form id="sheet" class="card sheet" novalidate aria-labelledby="sheet-title" onSubmit=${(e) => e.preventDefault()}>
    <div class="panel-head">
      <h2 id="sheet-title">Score sheet</h2>
      <${SaveStatus} id="sheet-status" status=${status} />
    </div>
    <${Foundations} level=${levelWord(level)} sheet=${sheet} bank=${bank} onEdit=${onEdit} average=${averageText(computed)} />
    <fieldset id="domains" class="domains">
      <legend>Domains</legend>
      ${DOMAINS.map(({ key, label }) => html`<${Domain} key=${key} name=${key} label=${label} sheet=${sheet} graded=${graded} onEdit=${onEdit} />`)}
    </fieldset>
    <${Flags} sheet=${sheet} bank=${bank} onEdit=${onEdit} />
    <div class="decision">
      <p class="computed">
        <span class="muted">Computed: </span>
        <output id="computed-decision" aria-live="polite">
          ${computed && html`<strong class=${`decision ${decisionKind(computed.decision)}`}>${decisionWord(computed.decision)}</strong> — ${computed.reason}`}
        </output>
      </p>
      <div class="row">
        <label for="final-decision">Final decision</label>
        <select id="final-decision" value=${sheet.final_decision || ""} onChange=${(e) => onEdit({ ...sheet, final_decision: e.currentTarget.value || null })}>
          <option value="">— not decided —</option>
          ${DECISIONS.map(([value, label]) => html`<option key=${value} value=${value}>${label}</option>`)}
        </select>
      </div>
      <label for="sheet-notes">General notes</label>
      <textarea id="sheet-notes" rows="4" value=${sheet.notes} onInput=${(e) => onEdit({ ...sheet, notes: e.currentTarget.value })}></textarea>
    </div>
    <nav id="exports" class="exports" aria-label="Export">
      <span class="muted">Export: </span>
      <a class="export" href=${api("/export/json")}>JSON</a>
      <a class="export" href=${api("/export/csv")}>CSV</a>
      <a class="export" href=${api("/export/md")}>Markdown</a>
      <button id="print" type="button" class="secondary" onClick=${() => window.print()}>Print / PDF</button>
    </nav>
  </form>`;
}

function Domain({ name, label, sheet, graded, onEdit }) {
  const domain = sheet[name];
  const change = (value) => onEdit(setDomain(sheet, name, value));
  return html`<div class=${`domain domain-${name}`}>
    <div class="row">
      <label for=${`sheet-${name}-score`} class="domain-label">${label}</label>
      <${ScoreSelect} id=${`sheet-${name}-score`} value=${domain.score} onChange=${(score) => change({ score })} />
      ${name === "coding" && html`<${Suggestion} graded=${graded} current=${domain.score} onUse=${(score) => change({ score })} />`}
    </div>
    <label for=${`sheet-${name}-notes`} class="visually-hidden">${label} notes</label>
    <textarea id=${`sheet-${name}-notes`} rows="2" placeholder=${`${label} notes`} value=${domain.notes} onInput=${(e) => change({ notes: e.currentTarget.value })}></textarea>
  </div>`;
}

/** The grader's suggested coding score, with a button to take it. */
function Suggestion({ graded, current, onUse }) {
  const suggested = graded?.report?.score?.suggested;
  if (!suggested) return html`<span class="grader-suggestion"><span id="grader-suggestion" class="muted">grader: no graded submission yet</span></span>`;
  return html`<span class="grader-suggestion">
    <span id="grader-suggestion" class="muted">grader suggests ${scoreLabel(suggested)} (${subNo(graded)})</span>
    ${current !== suggested && html`<button id="use-suggestion" type="button" class="secondary" onClick=${() => onUse(suggested)}>Use it</button>`}
  </span>`;
}
