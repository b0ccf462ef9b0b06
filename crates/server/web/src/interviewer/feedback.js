// The feedback for the candidate: a draft the server writes from the score sheet and the measured result,
// for the interviewer to edit and copy. The interviewer's own notes are listed beside it, to rewrite in
// their own words: they are never in the text that Copy copies or the download holds.
import { CopyButton } from "../shared/copy-button.js";
import { html, useEffect, useState } from "../shared/html.js";
import { requestText } from "../shared/request.js";
import { drafted, emptyDraft, privateNotes, redraft, stale, typed } from "./feedback-model.js";
import { DOMAINS } from "./sheet-model.js";

/** `version` changes whenever the draft may read differently (the sheet saved, a new report); `sheet` and
 * `bank` give the interviewer's notes. */
export function FeedbackDraft({ api, version, sheet, bank }) {
  const notes = privateNotes(sheet, bank, DOMAINS);
  const [draft, setDraft] = useState(emptyDraft);
  const [error, setError] = useState("");
  useEffect(() => {
    let current = true;
    requestText(api("/export/feedback"))
      .then((text) => {
        if (!current) return;
        setDraft((state) => drafted(state, text));
        setError("");
      })
      .catch((e) => current && setError(`The draft could not be written: ${e.message}`));
    return () => {
      current = false;
    };
  }, [api, version]);
  return html`<section id="feedback" class="card feedback" aria-labelledby="feedback-title">
    <div class="panel-head">
      <h2 id="feedback-title">Feedback for the candidate</h2>
      <span class="muted">Drafted from the score sheet and the last graded submission. Edit it, then send it within a day.</span>
    </div>
    ${error && html`<p class="bad" role="alert">${error}</p>`}
    <label for="feedback-text" class="visually-hidden">Feedback draft</label>
    <textarea id="feedback-text" rows="14" value=${draft.text} onInput=${(e) => setDraft((state) => typed(state, e.currentTarget.value))}></textarea>
    <div class="feedback-actions">
      <${CopyButton} id="copy-feedback" text=${draft.text} label="Copy feedback" className="" />
      ${stale(draft) && html`<button id="redraft" type="button" class="secondary" onClick=${() => setDraft(redraft)}>Draft again from the sheet (drops your edits)</button>`}
      <a class="export" href=${api("/export/feedback")}>Download as text</a>
    </div>
    ${
      notes.length > 0 &&
      html`<div id="feedback-notes" class="feedback-notes">
      <h3>Your notes <span class="muted">(for you only: not in the draft, not copied)</span></h3>
      <ul>${notes.map((n) => html`<li key=${n.label}><strong>${n.label}:</strong> ${n.notes}</li>`)}</ul>
    </div>`
    }
  </section>`;
}
