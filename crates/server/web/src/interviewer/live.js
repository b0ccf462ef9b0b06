// Live updates: the event stream, and catching up on drafts, submissions and the sheet after it.

import { state } from "./state.js";
import { api, request } from "./api.js";
import { setConnection } from "./header.js";
import { applyDraft, renderDraftMeta, showDraft } from "./code.js";
import { renderSubmissions, setSubmissions } from "./submissions.js";
import { renderReport } from "./report.js";
import { normalizeSheet } from "./sheet-model.js";
import { savePending, saver, setSheetStatus } from "./save.js";
import { replaceSheet } from "./sheet.js";

const RECONNECT_MS = 3000;

const live = { source: null, refreshing: false, refreshAgain: false };

export function connectEvents() {
  const source = new EventSource(api("/events"));
  live.source = source;
  // Catch up on every open, the first included: anything that happened between the page's first
  // fetch and the stream's start (or while it was down) was never sent to this page.
  source.onopen = () => {
    setConnection("live", "ok");
    refreshView();
  };
  source.onerror = () => {
    setConnection("reconnecting…", "bad");
    if (source.readyState === EventSource.CLOSED) {
      source.close();
      setTimeout(connectEvents, RECONNECT_MS);
    }
  };
  source.onmessage = (event) => {
    let message;
    try {
      message = JSON.parse(event.data);
    } catch (err) {
      return;
    }
    handleEvent(message);
  };
}

function handleEvent(message) {
  if (!message || typeof message !== "object") return;
  if (message.type === "draft") applyDraft(message);
  else if (message.type === "submission") onSubmissionEvent(message);
  else if (message.type === "sheet") onSheetEvent();
}

function onSubmissionEvent(message) {
  const known = state.submissions.find((sub) => sub.id === message.id);
  if (known && known.status === "queued" && message.status === "running") {
    known.status = message.status;
    renderSubmissions();
    renderReport();
  }
  refreshSubmissions();
}

/** Re-fetches the submissions; calls that arrive while one is running are folded into one more. */
async function refreshSubmissions() {
  if (live.refreshing) {
    live.refreshAgain = true;
    return;
  }
  live.refreshing = true;
  try {
    const data = await request(api("/submissions"));
    setSubmissions(data.submissions);
  } catch (err) {
    setConnection(`refresh failed: ${err.message}`, "bad");
  } finally {
    live.refreshing = false;
    if (live.refreshAgain) {
      live.refreshAgain = false;
      refreshSubmissions();
    }
  }
}

/** A sheet was saved: ours (ignored) or another tab's (loaded, unless we have unsaved changes). */
async function onSheetEvent() {
  if (savePending() || Date.now() - saver.lastActivity < 2000) return;
  try {
    const view = await request(api(""));
    applyRemoteSheet(view);
  } catch (err) {
    // The next event or reconnect will try again.
  }
}

function applyRemoteSheet(view) {
  if (savePending()) return;
  const remote = normalizeSheet(view.sheet);
  if (JSON.stringify(remote) !== JSON.stringify(normalizeSheet(state.sheet))) {
    replaceSheet(remote, view.computed);
    setSheetStatus("updated from another window", "ok");
  }
}

/** After a reconnect: catch up on everything that may have been missed. */
async function refreshView() {
  try {
    const view = await request(api(""));
    state.view = view;
    if (view.draft && (!state.draft || view.draft.id > state.draft.id)) {
      const previous = state.draft ? state.draft.source : null;
      state.draft = view.draft;
      showDraft(state.draft, previous);
    }
    state.draftsSaved = Math.max(state.draftsSaved, view.drafts_saved || 0);
    renderDraftMeta();
    setSubmissions(view.submissions);
    applyRemoteSheet(view);
  } catch (err) {
    setConnection(`refresh failed: ${err.message}`, "bad");
  }
}
