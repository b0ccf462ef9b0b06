// Which submission is finished, graded, selected or previous: queries over state.submissions.

import { state } from "./state.js";

function isFinished(sub) {
  return sub.status === "done" || sub.status === "failed";
}

function latestFinished() {
  for (let i = state.submissions.length - 1; i >= 0; i--) {
    if (isFinished(state.submissions[i])) return state.submissions[i];
  }
  return null;
}

export function latestGraded() {
  for (let i = state.submissions.length - 1; i >= 0; i--) {
    const sub = state.submissions[i];
    if (sub.status === "done" && sub.report) return sub;
  }
  return null;
}

/** The submission the report shows: the one picked, else the latest finished, else the latest. */
export function selectedSubmission() {
  if (state.selectedId !== null) {
    const picked = state.submissions.find((sub) => sub.id === state.selectedId);
    if (picked) return picked;
  }
  return latestFinished() || state.submissions[state.submissions.length - 1] || null;
}

export function previousSubmission(sub) {
  const index = state.submissions.findIndex((other) => other.id === sub.id);
  return index > 0 ? state.submissions[index - 1] : null;
}
