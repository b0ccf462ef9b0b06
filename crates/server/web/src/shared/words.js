// The closed sets of values the API sends (verdicts, failure kinds, statuses, algorithms, timeline events,
// growth classes, decisions, levels, scores, hidden-test categories), each with the plain words the pages show. The one place the pages learn them.
// The sets and their words come from the Rust types, through vocabulary.json (the server's `vocabulary`, which a
// Rust test keeps equal to this file).
import VOCABULARY from "./vocabulary.json" with { type: "json" };

const word = (table, value) => table[value] ?? String(value ?? "").replaceAll("_", " ");

/** A set of the vocabulary as { id: words }, in its order. */
const table = (set) => Object.fromEntries(VOCABULARY[set].map(({ id, words }) => [id, words]));

/** The verdicts in the words every view says (the grader's `Verdict::words`). */
export const VERDICTS = table("verdicts");

export const verdictWord = (verdict) => word(VERDICTS, verdict);
export const verdictKind = (verdict) => (verdict === "accepted" ? "ok" : "bad");

/** Why one test failed, in the grader's words (`FailureKind::words`), and code that does not load. */
const FAILURE_KINDS = table("causes");

export const failureWord = (kind) => word(FAILURE_KINDS, kind);

const STATUSES = table("statuses");

export const statusWord = (status) => word(STATUSES, status);

/** A submission's status in words, with its place in the queue while it waits (0: it is next). */
export function statusLine(sub) {
  const place = sub?.queue_position;
  if (sub?.status !== "queued" || !Number.isInteger(place)) return statusWord(sub?.status);
  return place === 0 ? "queued, next in line" : `queued, ${place} ahead`;
}
export const isBusy = (status) => status === "queued" || status === "running";
export const statusKind = (status) => (status === "done" ? "ok" : status === "failed" ? "bad" : "pending");

const STAGES = table("stages");

/** How far a session has come, in words. */
export const stageWord = (stage) => word(STAGES, stage);
export const stageKind = (stage) => ({ coding: "pending", grading: "pending", submitted: "ok" })[stage] ?? "muted";

const ALGORITHMS = table("algorithms");

export const algorithmWord = (algorithm) => word(ALGORITHMS, algorithm);

/** What the candidate's timeline marks: the API's event kinds, and submissions; as its legend names them. */
export const TIMELINE_KINDS = table("timeline_marks");

export const timelineKindWord = (kind) => word(TIMELINE_KINDS, kind);

const GROWTH_CLASSES = table("growth_classes");

/** Time classes from cheapest to dearest, to compare a measured class with the optimal one. */
export const CLASS_ORDER = Object.keys(GROWTH_CLASSES);

/** "O(n^2)" → "O(n²)", "O(2^n)" → "O(2ⁿ)"; "unknown" → "not measured"; any other label as it is. */
export function growthWord(cls) {
  if (!cls || cls === "unknown") return "not measured";
  return GROWTH_CLASSES[cls] ?? cls;
}

/** "ok" when the measured class is no dearer than the optimal one, "bad" when dearer, "" when unknown. */
export function growthKind(measured, optimal) {
  const rank = CLASS_ORDER.indexOf(measured);
  const best = CLASS_ORDER.indexOf(optimal);
  if (rank < 0 || best < 0) return "";
  return rank <= best ? "ok" : "bad";
}

const ALL_DECISIONS = table("decisions");

/** The final decisions an interviewer can record, in the order offered (the computed "incomplete" is not one). */
export const DECISIONS = Object.entries(ALL_DECISIONS).filter(([value]) => value !== "incomplete");

export const decisionWord = (decision) => word(ALL_DECISIONS, decision);
/** A session's decision looking back: one never scored in full is "not decided". */
export const outcomeWord = (decision) => (decision === "incomplete" ? "not decided" : decisionWord(decision));
export const decisionKind = (decision) => ({ strong_hire: "ok", hire: "ok", maybe: "pending", no_hire: "bad" })[decision] ?? "muted";

const LEVEL_WORDS = table("levels");

/** The levels, in order. */
export const LEVELS = Object.keys(LEVEL_WORDS);

export const levelWord = (level) => word(LEVEL_WORDS, level);

/** Scores 1 to 4 and what each means. */
export const SCORES = table("scores");

export const scoreLabel = (score) => (SCORES[score] ? `${score} — ${SCORES[score]}` : String(score));
/** "4 · strong hire": what a badge keyed on the suggested score says. */
export const scoreWord = (score) => (SCORES[score] ? `${score} · ${SCORES[score]}` : "no score");
export const scoreKind = (score) => (score >= 3 ? "ok" : score === 2 ? "pending" : "bad");
/** The badge's colour by score: 4 and 3 are greens of their own, 2 amber, 1 red. */
export const scoreClass = (score) => (SCORES[score] ? `score-${score}` : "muted");

/** A sentence from the grader with its growth classes written as people write them: "O(n^2)" → "O(n²)",
 * and without the backticks its code names carry ("exactly `limit`" → "exactly limit").
 * Ratios too: "2.0x the limit" → "2× the limit", "1.27x" → "1.3×". */
export const prose = (text) =>
  text == null
    ? text
    : String(text)
        .replace(/`([^`]*)`/g, "$1")
        .replace(/O\([^()]*\)/g, (cls) => growthWord(cls))
        .replace(/\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)x\b/g, (_, ratio) => ratioWord(Number(ratio.replaceAll(",", ""))));

/** A ratio rounded as people say it: "0.9×", "2×", "42×", "61,000×". */
export function ratioWord(r) {
  if (!Number.isFinite(r)) return "—";
  if (r < 10) return `${Number(r.toFixed(1)).toLocaleString("en-US")}×`;
  if (r < 1000) return `${Math.round(r).toLocaleString("en-US")}×`;
  const magnitude = 10 ** (Math.floor(Math.log10(r)) - 1);
  return `${(Math.round(r / magnitude) * magnitude).toLocaleString("en-US")}×`;
}

/** Categories of hidden tests, as the report's table and the insights name them. */
const CATEGORIES = table("categories");

export const categoryWord = (category) => word(CATEGORIES, category);

/** The grader's calibrations: guest fuel per native second, native bytes per guest byte. */
export const CALIBRATION = VOCABULARY.calibration;
