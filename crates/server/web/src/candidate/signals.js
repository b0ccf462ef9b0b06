// What the candidate's page tells the interviewer's timeline: a paste of several lines into the editor,
// and time away from the page (hidden, or another window in front) beyond a few seconds. The rules are
// pure functions; `watchSignals` wires them to the page's events.

/** A paste is reported from this many lines. */
export const PASTE_MIN_LINES = 3;
/** Time away is reported from this long on (the server refuses shorter). */
export const AWAY_MIN_MS = 3000;
/** Characters of a paste sent with it. */
export const EXCERPT_CHARS = 200;

/** The report for pasted `text`, or null when it is too short to mention. */
export function pasteReport(text) {
  const pasted = String(text ?? "");
  const lines = pasted.replace(/\n$/, "").split("\n").length;
  if (!pasted || lines < PASTE_MIN_LINES) return null;
  return { kind: "paste", lines, chars: pasted.length, excerpt: [...pasted].slice(0, EXCERPT_CHARS).join("") };
}

/**
 * Tracks time away: `left()` when the page is hidden or loses focus, `back()` when it is visible and in
 * focus again; `back()` returns the report, or null when the absence was short (or never began).
 */
export function awayTracker({ now = () => performance.now(), minMs = AWAY_MIN_MS } = {}) {
  let since = null;
  return {
    left() {
      since ??= now();
    },
    back() {
      if (since === null) return null;
      const away = Math.round(now() - since);
      since = null;
      return away >= minMs ? { kind: "focus_lost", away_ms: away } : null;
    },
  };
}

/** Listens for pastes inside `editor` (an element) and for time away; `send(report)` reports. Returns a stop. */
export function watchSignals({ editor, send }) {
  const away = awayTracker();
  const onPaste = (event) => {
    const report = pasteReport(event.clipboardData?.getData("text/plain"));
    if (report) send(report);
  };
  const left = () => away.left();
  const back = () => {
    if (document.visibilityState !== "visible") return;
    const report = away.back();
    if (report) send(report);
  };
  const visibility = () => (document.visibilityState === "hidden" ? left() : back());
  editor.addEventListener("paste", onPaste, true);
  addEventListener("blur", left);
  addEventListener("focus", back);
  document.addEventListener("visibilitychange", visibility);
  return () => {
    editor.removeEventListener("paste", onPaste, true);
    removeEventListener("blur", left);
    removeEventListener("focus", back);
    document.removeEventListener("visibilitychange", visibility);
  };
}
