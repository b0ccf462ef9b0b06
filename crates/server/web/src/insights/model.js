// The insights page's logic without the page: the period chosen, the API paths, and how each figure
// reads (shares, means, the separation of a question, an interviewer's lean).
import { categoryWord, failureWord, outcomeWord, SCORES } from "../shared/words.js";

/** The periods offered, as [id, words, days back (null: all time)]. */
export const PERIODS = [
  ["30", "last 30 days", 30],
  ["90", "last 90 days", 90],
  ["365", "last 12 months", 365],
  ["all", "all time", null],
];

/** The `from` time (epoch ms) of a period, or null for all time. */
export function periodStart(period, now = Date.now()) {
  const days = PERIODS.find(([id]) => id === period)?.[2];
  return days ? now - days * 86_400_000 : null;
}

/** The query string of a slice: problem, level, and `from` when the period is bounded. */
export function sliceQuery({ problem, level, from }) {
  const q = new URLSearchParams({ problem, level });
  if (from !== null && from !== undefined) q.set("from", String(Math.floor(from)));
  return q.toString();
}

/** A share 0..1 as a whole percentage: "42%", "<1%" for a small non-zero share. */
export function pct(share) {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}

/** A count with its noun: "1 session", "1,204 sessions". */
export function count(n, noun = "session") {
  return `${Number(n).toLocaleString("en-US")} ${n === 1 ? noun : `${noun}s`}`;
}

/** Minutes as people say them: "14 min", "1 h 05 min". */
export function minutes(m) {
  if (m === null || m === undefined) return "—";
  const whole = Math.round(m);
  if (whole < 60) return `${whole} min`;
  return `${Math.floor(whole / 60)} h ${String(whole % 60).padStart(2, "0")} min`;
}

/** Rows for the decisions chart: every decision with its sessions and share. */
export function decisionRows(figures) {
  return figures.decisions.map((d) => ({ key: d.value, label: outcomeWord(d.value), value: d.sessions, share: d.share, kind: d.value }));
}

/** Rows for the scores chart: per score 1-4, the suggested and the interviewers' final shares. */
export function scoreRows(figures) {
  return figures.suggested.map((s, i) => ({
    score: s.value,
    label: `${s.value} · ${SCORES[s.value]}`,
    suggested: s,
    final: figures.final_scores[i],
  }));
}

/** Rows for the failures charts: hidden-test categories and causes, most first, in words. */
export function failureRows(figures) {
  return {
    categories: figures.categories.map((c) => ({ key: c.value, label: categoryWord(c.value), value: c.sessions, share: c.share })),
    causes: figures.causes.map((c) => ({ key: c.value, label: failureWord(c.value), value: c.sessions, share: c.share })),
  };
}

/** A bucket of the time to the first passing submission, in words: "under 5 min", "5–10 min", "45 min or more". */
export function bucketLabel(bucket) {
  if (bucket.from_minutes === 0) return `under ${bucket.to_minutes} min`;
  if (bucket.to_minutes === null || bucket.to_minutes === undefined) return `${bucket.from_minutes} min or more`;
  return `${bucket.from_minutes}–${bucket.to_minutes} min`;
}

/**
 * How well a question separates hires from no-hires, from the chance a hire outscores a no-hire (0.5: not
 * at all): [words, kind].
 */
export function separationWords(q) {
  if (q.scores && topScoreShare(q) >= 0.85) return ["nearly everyone scores 4: tells nothing", "bad"];
  if (q.separation === null || q.separation === undefined) return ["too few hires or no-hires to tell", "muted"];
  // Judged on the percentage shown, so the words never disagree with the figure beside them.
  const shown = Math.round(q.separation * 100);
  if (shown >= 80) return ["separates well", "ok"];
  if (shown >= 65) return ["separates somewhat", "pending"];
  return ["tells little apart", "bad"];
}

/** The share of a question's scores that are 4: a question nearly everyone scores 4 on says little. */
export function topScoreShare(q) {
  const scored = q.scores.reduce((a, b) => a + b, 0);
  return scored ? q.scores[3] / scored : 0;
}

/** A mean score to one decimal, or a dash. */
export const mean = (x) => (x === null || x === undefined ? "—" : x.toFixed(1));

/** An interviewer's name, or what stands for none. */
export const interviewerName = (name) => name || "no name given";

/** Interviewers by name, those without one last. */
export function byName(interviewers) {
  return [...interviewers].sort((a, b) => (a.interviewer === "") - (b.interviewer === "") || a.interviewer.localeCompare(b.interviewer));
}

/** How an interviewer's problem scores lean against the suggestions, in words. */
export function leanWords(i) {
  if (!i.compared) return "no session with both scores";
  const d = i.mean_difference;
  if (Math.abs(d) < 0.15) return "in line with the suggestions";
  return `${Math.abs(d).toFixed(1)} ${d > 0 ? "above" : "below"} the suggestions on average`;
}

/** A difference of scores with its sign: "+2", "−1", "0". */
export function signed(n) {
  if (n > 0) return `+${n}`;
  if (n < 0) return `−${-n}`;
  return "0";
}
