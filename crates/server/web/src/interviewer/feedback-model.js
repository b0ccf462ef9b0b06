// The feedback draft as data: the text in the box, whether the interviewer changed it, and the newest draft
// the server wrote from the sheet. A new draft replaces the text only while it is untouched.

export const emptyDraft = { text: "", edited: false, latest: "" };

/** The server's draft arrived (after a load, a sheet save or a new report). */
export function drafted(state, text) {
  return state.edited ? { ...state, latest: text } : { text, edited: false, latest: text };
}

/** The interviewer typed. */
export function typed(state, text) {
  return { ...state, text, edited: text !== state.latest };
}

/** The interviewer asked for the newest draft again, dropping their edits. */
export function redraft(state) {
  return { text: state.latest, edited: false, latest: state.latest };
}

/** Whether the sheet has moved on since the interviewer began editing. */
export const stale = (state) => state.edited && state.latest !== "" && state.text !== state.latest;

/**
 * The interviewer's own notes on the sheet, to read beside the draft and never part of it:
 * [{ label, notes }] for every question, domain and the general notes that hold any.
 */
export function privateNotes(sheet, bank, domains) {
  if (!sheet) return [];
  const question = (id) => bank?.questions?.find((q) => q.id === id)?.question ?? id;
  const rows = [
    ...(sheet.foundations ?? []).map((q) => ({ label: question(q.question), notes: q.notes })),
    ...domains.map(({ key, label }) => ({ label, notes: sheet[key]?.notes })),
    { label: "General notes", notes: sheet.notes },
  ];
  return rows.filter((r) => r.notes?.trim()).map((r) => ({ label: r.label, notes: r.notes.trim() }));
}
