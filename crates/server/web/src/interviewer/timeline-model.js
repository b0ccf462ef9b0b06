// The candidate's timeline as plain data: the API's drafts, events and submissions merged into markers in
// time order, the code at any moment (from the saved versions), and each marker in words. Pastes and time
// away are signals with their evidence and a caveat, never a verdict. No DOM here.
import { fmtSeconds, fmtWhen, plural, subNo } from "../shared/format.js";
import { algorithmWord, growthWord, statusWord, TIMELINE_KINDS, verdictWord } from "../shared/words.js";

/** Every marker of the timeline in time order (ties: the order the server gave them, runs before submits). */
export function markers(timeline) {
  const known = (e) => e.kind !== "submission" && Object.hasOwn(TIMELINE_KINDS, e.kind);
  const fromEvents = (timeline?.events ?? []).filter(known).map((e) => ({ ...e, key: `e${e.id}` }));
  const fromSubmissions = (timeline?.submissions ?? []).map((s) => ({ ...s, key: `s${s.id}`, kind: "submission", at: s.created_at }));
  return [...fromEvents, ...fromSubmissions].map((m, order) => ({ ...m, order })).sort((a, b) => a.at - b.at || a.order - b.order);
}

/** The scrubber's step: a second. */
export const STEP_MS = 1000;

/**
 * The span the scrubber covers: from the session's start to now (or the last thing that happened), rounded
 * up to a whole step, so that the scrubber's last step reaches the end (a range input snaps to its steps).
 */
export function span(timeline) {
  const times = [...(timeline?.drafts ?? []).map((d) => d.saved_at), ...markers(timeline).map((m) => m.at + (m.seconds ?? 0) * 1000)];
  const start = Math.min(timeline?.started_at ?? Number.POSITIVE_INFINITY, ...times);
  if (!Number.isFinite(start)) return { start: 0, end: STEP_MS };
  const end = Math.max(timeline?.now ?? 0, ...times);
  return { start, end: start + Math.max(1, Math.ceil((end - start) / STEP_MS)) * STEP_MS };
}

/** The saved version of the code at moment `at`: the newest saved at or before it whose code was kept, or null. */
export function codeAt(drafts, at) {
  let found = null;
  for (const draft of drafts ?? []) {
    if (draft.saved_at > at) break;
    if (draft.source != null) found = draft;
  }
  return found;
}

/** Where a moment sits on the scrubber, as a percentage. */
export function position(at, { start, end }) {
  return Math.min(100, Math.max(0, ((at - start) / (end - start)) * 100));
}

/** What the submissions measured, in order: "O(n²) at 14:32, O(n) at 14:41" (graded ones with a class). */
export function measuredLine(timeline) {
  return (timeline?.submissions ?? [])
    .filter((s) => s.time && s.time !== "unknown")
    .map((s) => `${growthWord(s.time)} at ${fmtShort(s.created_at)}`)
    .join(", ");
}

/** A time of day without seconds, for summaries. */
export function fmtShort(epochMs) {
  return new Date(epochMs).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}

/**
 * A marker in words: `title` (what happened), `detail` (the evidence), and for signals `caveat` (why it
 * may mean nothing) and `signal: true`.
 */
export function describe(marker) {
  switch (marker.kind) {
    case "run": {
      const seen = marker.load_error ? `the code did not load: ${marker.load_error}` : `${marker.passed} of ${plural(marker.total, "example")} passed`;
      return { title: "Ran the examples", detail: `The candidate saw: ${seen}.` };
    }
    case "submission":
      return { title: `Submitted ${subNo(marker)}`, detail: submitDetail(marker) };
    case "paste":
      return {
        title: `Pasted ${plural(marker.lines, "line")}`,
        detail: `${plural(marker.chars, "character")} at once${marker.excerpt ? `, beginning “${firstLine(marker.excerpt)}”` : ""}.`,
        caveat: "A signal, not a verdict: pasting from their own editor or notes is normal. Ask about it if it matters.",
        signal: true,
      };
    case "focus_lost":
      return {
        title: `Away from the page for ${fmtSeconds(marker.seconds)}`,
        detail: `From ${fmtWhen(marker.at)} to ${fmtWhen(marker.at + marker.seconds * 1000)}.`,
        caveat: "A signal, not a verdict: reading documentation or another window is normal.",
        signal: true,
      };
    default:
      return { title: "", detail: "" };
  }
}

function submitDetail(sub) {
  if (sub.status !== "done") return `${statusWord(sub.status)}.`;
  const parts = [verdictWord(sub.verdict)];
  if (Number.isInteger(sub.score)) parts.push(`suggested ${sub.score} of 4`);
  if (sub.time && sub.time !== "unknown") parts.push(`measured ${growthWord(sub.time)}`);
  if (sub.algorithm) parts.push(`behaves as a ${algorithmWord(sub.algorithm)}`);
  return `${parts.join(", ")}.`;
}

function firstLine(text) {
  const line = text.split("\n").find((l) => l.trim()) ?? "";
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

/** The timeline with a draft version the live stream sent: it replaces the version of the same id or comes last. */
export function withDraft(timeline, draft) {
  if (!timeline || !draft) return timeline;
  const drafts = timeline.drafts.filter((d) => d.id !== draft.id);
  if (drafts.length && drafts[drafts.length - 1].id > draft.id) return timeline;
  const saved = { id: draft.id, saved_at: draft.saved_at, source: draft.source };
  return { ...timeline, drafts: [...drafts, saved], now: Math.max(timeline.now ?? 0, draft.saved_at) };
}
