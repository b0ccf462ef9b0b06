// The start page's logic without the page: the operator token kept in the browser, the new-session form's
// checks, and how a session's row reads (decision, creation time).
import { decisionWord } from "../shared/words.js";

/** Where the operator token is kept (localStorage). */
export const TOKEN_KEY = "screenjudge.operator-token";

export function loadToken(storage) {
  try {
    return storage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

export function saveToken(storage, token) {
  try {
    storage.setItem(TOKEN_KEY, token);
  } catch {
    // A browser that keeps nothing: the operator signs in again next time.
  }
}

export function forgetToken(storage) {
  try {
    storage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was kept.
  }
}

/** Why signing in (or a later request) failed, in words. */
export function signInMessage(error) {
  if (error.status === 401) return "That operator token is not right. Check it (it was printed when the service first started) and try again.";
  if (error.status === 0) return "The service cannot be reached. Check your connection and try again.";
  return `Signing in failed: ${error.message}`;
}

/** The form's problem, or null when it can be sent: a name of 1 to 200 characters, a level, a problem, and
 * an interviewer's name (optional) of at most 200 bytes. */
export function checkNewSession({ name, level, problem, interviewer }) {
  const trimmed = (name || "").trim();
  if (!trimmed) return "Write the candidate's name.";
  if (trimmed.length > 200) return "The name is too long (200 characters at most).";
  // The service counts bytes.
  if (new TextEncoder().encode((interviewer || "").trim()).length > 200) return "The interviewer's name is too long.";
  if (!level) return "Choose a level.";
  if (!problem) return "Choose a problem.";
  return null;
}

/** [text, kind] for a session's decision: the interviewer's, else the one the scores suggest, else none. */
export function decisionText(session) {
  if (session.final_decision) return [decisionWord(session.final_decision), "recorded"];
  if (session.computed_decision && session.computed_decision !== "incomplete") {
    return [`${decisionWord(session.computed_decision)} (from the scores)`, "suggested"];
  }
  return ["not decided", "none"];
}

const pad = (n) => String(n).padStart(2, "0");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A creation time (epoch ms) against `now`, in local time: "today 17:20", "yesterday 09:05", "3 Nov 2026 14:00". */
export function createdText(ms, now = Date.now()) {
  const when = new Date(ms);
  const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
  const dayStart = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((dayStart(new Date(now)) - dayStart(when)) / 86_400_000);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `yesterday ${time}`;
  return `${when.getDate()} ${MONTHS[when.getMonth()]} ${when.getFullYear()} ${time}`;
}

/** The sessions shown so far and a page of older ones, newest first, each once. */
export function withOlder(shown, older) {
  const seen = new Set(shown.map((s) => s.id));
  return shown.concat(older.filter((s) => !seen.has(s.id)));
}
