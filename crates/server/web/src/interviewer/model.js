// The interviewer page's data and how each event changes it: a reducer over plain objects (no DOM), and
// the queries the components ask of it (which submission is selected, previous, latest graded).
import { normalizeSheet, sameSheet } from "./sheet-model.js";

const EMPTY_BANK = { questions: [], red_flags: [], green_flags: [] };

/** The state after the first GET of the session and of the question bank. */
export function initialState(view, bank) {
  return {
    view,
    bank: { ...EMPTY_BANK, ...bank },
    draft: view.draft ?? null,
    previousDraft: null,
    draftsSaved: view.drafts_saved ?? 0,
    submissions: sortById(view.submissions),
    selectedId: null,
    overlayId: null,
    sheet: normalizeSheet(view.sheet),
    computed: view.computed ?? null,
    timelineTick: 0,
  };
}

function sortById(list) {
  return (list ?? []).slice().sort((a, b) => a.id - b.id);
}

/** A draft that is newer than the shown one: a new version, or the shown version saved again (saves a few
 * seconds apart share one version, so its id stays and its time moves on). */
function withDraft(state, draft, counted) {
  const shown = state.draft;
  if (!draft || (shown && (draft.id < shown.id || (draft.id === shown.id && draft.saved_at <= shown.saved_at)))) return state;
  const fresh = !shown || draft.id > shown.id;
  return { ...state, draft, previousDraft: shown, draftsSaved: state.draftsSaved + (fresh ? counted : 0) };
}

/** Actions: draft, submissions, running, select, overlay, edit, computed, remote (another window's sheet), caughtUp,
 * timeline (a paste, time away or a Run joined the timeline). */
export function reduce(state, action) {
  switch (action.type) {
    case "draft":
      return withDraft(state, { id: action.id, source: action.source, saved_at: action.saved_at }, 1);
    case "submissions":
      return { ...state, submissions: sortById(action.submissions) };
    case "running":
      return {
        ...state,
        submissions: state.submissions.map((s) => (s.id === action.id && s.status === "queued" ? { ...s, status: "running" } : s)),
      };
    case "select":
      return { ...state, selectedId: action.id };
    case "overlay":
      return { ...state, overlayId: action.id };
    case "edit":
      return { ...state, sheet: action.sheet };
    case "computed":
      return { ...state, computed: action.computed };
    case "timeline":
      return { ...state, timelineTick: (state.timelineTick ?? 0) + 1 };
    case "remote":
      if (sameSheet(state.sheet, action.sheet)) return state;
      return { ...state, sheet: normalizeSheet(action.sheet), computed: action.computed };
    case "caughtUp": {
      const view = action.view;
      const next = withDraft({ ...state, view }, view.draft, 0);
      return { ...next, draftsSaved: Math.max(next.draftsSaved, view.drafts_saved ?? 0), submissions: sortById(view.submissions) };
    }
    default:
      return state;
  }
}

const isFinished = (sub) => sub.status === "done" || sub.status === "failed";

function findLast(list, test) {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return list[i];
  return null;
}

/** The latest submission with a report, whose score the sheet can use. */
export function latestGraded(state) {
  return findLast(state.submissions, (sub) => sub.status === "done" && sub.report);
}

/** The submission the report shows: the one picked, else the latest finished, else the latest. */
export function selectedSubmission(state) {
  const picked = state.selectedId === null ? null : state.submissions.find((sub) => sub.id === state.selectedId);
  return picked ?? findLast(state.submissions, isFinished) ?? state.submissions[state.submissions.length - 1] ?? null;
}

export function previousSubmission(state, sub) {
  const index = state.submissions.findIndex((other) => other.id === sub.id);
  return index > 0 ? state.submissions[index - 1] : null;
}

const hasGrowth = (sub) => Boolean(sub.report?.complexity?.points?.length);

/** The other submissions whose measured growth can be drawn over `sub`'s, newest first. */
export function overlayChoices(state, sub) {
  return state.submissions.filter((other) => other.id !== sub?.id && hasGrowth(other)).reverse();
}

/** The submission picked to overlay on `sub`'s growth plot, if it still can be. */
export function overlaySubmission(state, sub) {
  return overlayChoices(state, sub).find((other) => other.id === state.overlayId) ?? null;
}

/** A key that changes whenever the timeline should be fetched again (drafts arrive with the live stream). */
export function timelineKey(state) {
  const subs = state.submissions.map((s) => `${s.id}${s.status}`).join(",");
  return `${state.timelineTick ?? 0}|${subs}`;
}
