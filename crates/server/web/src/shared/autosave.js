// Saving as one types: a pause after the last change, one save at a time (an older value can never land
// after a newer one), a value already saved is not sent again, failures that may pass are retried, and
// what is pending goes out in a request that outlives the page when the page is left.
import { retryable } from "./request.js";

/**
 * `save(value, { keepalive })` sends a value and `onSaved(result)` hears each answer;
 * `onState({ state, message, retrying, at })` hears "waiting" (changed, not yet sent), "saving", "saved" and "failed".
 */
export function createAutosave({ save, onState, onSaved = () => {}, saved = undefined, same = Object.is, delayMs = 600, retryMs = 3000 }) {
  let latest = saved;
  let savedValue = saved;
  let timer = null;
  let inFlight = false;
  let again = false;
  let lastActivity = 0;

  async function run(keepalive = false) {
    clearTimeout(timer);
    timer = null;
    if (inFlight) {
      again = true;
      return;
    }
    const value = latest;
    if (same(value, savedValue)) {
      onState({ state: "saved", at: Date.now() });
      return;
    }
    inFlight = true;
    lastActivity = Date.now();
    onState({ state: "saving" });
    try {
      const result = await save(value, { keepalive });
      savedValue = value;
      onSaved(result);
      if (!again && timer === null) onState({ state: "saved", at: Date.now() });
    } catch (error) {
      const retrying = retryable(error);
      onState({ state: "failed", message: error.message, retrying });
      if (retrying && !again) timer = setTimeout(run, retryMs);
    } finally {
      inFlight = false;
      lastActivity = Date.now();
      if (again) {
        again = false;
        run();
      }
    }
  }

  return {
    /** A new value to save after the pause. */
    changed(value) {
      latest = value;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
      onState({ state: "waiting" });
    },
    /** Sends what is pending now, in a request that outlives the page. */
    flush() {
      if (timer !== null) run(true);
    },
    /** The value last changed or known. */
    latest: () => latest,
    /** Whether a change has not reached the server yet. */
    pending: () => timer !== null || inFlight,
    /** Milliseconds since a save last started or ended. */
    quietFor: () => Date.now() - lastActivity,
    /** A value now known to be on the server (loaded from it), so it needs no save. */
    known(value) {
      latest = value;
      savedValue = value;
    },
  };
}

/** Calls `flush` when the page is hidden or left: the last change must not be lost. */
export function flushOnLeave(flush) {
  addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flush();
  });
}
