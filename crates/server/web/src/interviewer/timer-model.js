// The call timer as data: the call plan, the elapsed time, starting and pausing (kept by the caller).

/** The call plan, in minutes from the start of the call. */
export const CALL_PLAN = [
  { id: "opening", name: "opening", from: 0, to: 2 },
  { id: "foundations", name: "foundations", from: 2, to: 12 },
  { id: "problem", name: "problem", from: 12, to: 30 },
  { id: "experience", name: "experience", from: 30, to: 38 },
  { id: "close", name: "close", from: 38, to: 40 },
];

export const STOPPED = { accumulated: 0, startedAt: null };

export function elapsedMs(timer, now) {
  return timer.accumulated + (timer.startedAt === null ? 0 : now - timer.startedAt);
}

/**
 * The moment the call timer read 00:00, as its elapsed time counts back from `now` (pauses included in
 * that count, so a moment before a pause reads as the timer then showed it only when it never paused);
 * null while the timer has not been started.
 */
export function callStartedAt(timer, now) {
  const ms = elapsedMs(timer, now);
  if (ms === 0 && timer.startedAt === null) return null;
  return now - ms;
}

/** Starts a stopped timer, pauses a running one. */
export function toggled(timer, now) {
  if (timer.startedAt === null) return { accumulated: timer.accumulated, startedAt: now };
  return { accumulated: timer.accumulated + now - timer.startedAt, startedAt: null };
}

/** Where the call is: the plan's part, "over time" past its end, or "not started". */
export function callPhase(timer, now) {
  const ms = elapsedMs(timer, now);
  const running = timer.startedAt !== null;
  if (ms === 0 && !running) return { part: null, label: "not started", overtime: false };
  const minutes = ms / 60000;
  const part = CALL_PLAN.find((p) => minutes >= p.from && minutes < p.to) ?? null;
  return part ? { part, label: part.name, overtime: false } : { part: null, label: "over time", overtime: true };
}

/** A timer read back from storage, or a stopped one when what was stored does not look like one. */
export function parseTimer(text) {
  try {
    const saved = JSON.parse(text || "null");
    if (saved && typeof saved.accumulated === "number") {
      return { accumulated: saved.accumulated, startedAt: typeof saved.startedAt === "number" ? saved.startedAt : null };
    }
  } catch {
    // Not a timer: start from zero.
  }
  return STOPPED;
}
