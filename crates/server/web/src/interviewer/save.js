// Saving the score sheet: debounced PUT with retries, the save status, and a flush when leaving.

import { state } from "./state.js";
import { byId, fmtWhen } from "./dom.js";
import { api, request } from "./api.js";
import { normalizeSheet } from "./sheet-model.js";
import { renderComputed } from "./decision.js";

const SAVE_DELAY_MS = 600;
const SAVE_RETRY_MS = 3000;

export const saver = { timer: null, inFlight: false, again: false, lastActivity: 0 };

export function setSheetStatus(text, kind, detail) {
  const status = byId("sheet-status");
  if (!status) return;
  status.textContent = text;
  status.title = detail || "";
  status.classList.toggle("ok", kind === "ok");
  status.classList.toggle("bad", kind === "bad");
}

export function sheetChanged() {
  setSheetStatus("saving…");
  clearTimeout(saver.timer);
  saver.timer = setTimeout(saveSheet, SAVE_DELAY_MS);
}

export function savePending() {
  return saver.timer !== null || saver.inFlight;
}

async function saveSheet(options) {
  clearTimeout(saver.timer);
  saver.timer = null;
  if (saver.inFlight) {
    saver.again = true;
    return;
  }
  saver.inFlight = true;
  saver.lastActivity = Date.now();
  const body = normalizeSheet(state.sheet);
  try {
    const result = await request(api("/sheet"), { method: "PUT", body, keepalive: Boolean(options && options.keepalive) });
    state.computed = result.computed;
    renderComputed();
    if (!saver.again && saver.timer === null) setSheetStatus("saved", "ok", `saved at ${fmtWhen(Date.now())}`);
  } catch (err) {
    const retry = err.status === 0 || err.status >= 500 || err.status === 429;
    setSheetStatus(`not saved: ${err.message}${retry ? "; retrying…" : ""}`, "bad");
    if (retry && !saver.again) saver.timer = setTimeout(saveSheet, SAVE_RETRY_MS);
  } finally {
    saver.inFlight = false;
    saver.lastActivity = Date.now();
    if (saver.again) {
      saver.again = false;
      saveSheet();
    }
  }
}

/** Sends a pending change straight away when the page is being left. */
export function flushSheet() {
  if (saver.timer !== null) saveSheet({ keepalive: true });
}
