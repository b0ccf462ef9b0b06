// The insights page's logic: the period, the query, and how each figure reads; and the interviewer's
// standing line.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  bucketLabel,
  count,
  decisionRows,
  failureRows,
  leanWords,
  minutes,
  pct,
  periodStart,
  scoreRows,
  separationWords,
  signed,
  sliceQuery,
} from "../src/insights/model.js";
import { standingWords } from "../src/interviewer/standing.js";

test("a period starts that many days back, and all time has no start", () => {
  const now = Date.UTC(2026, 11, 6);
  assert.equal(periodStart("30", now), now - 30 * 86_400_000);
  assert.equal(periodStart("all", now), null);
  assert.equal(sliceQuery({ problem: "dedupe", level: "mid", from: null }), "problem=dedupe&level=mid");
  assert.equal(sliceQuery({ problem: "dedupe", level: "mid", from: 12.7 }), "problem=dedupe&level=mid&from=12");
});

test("shares, counts and times read as people say them", () => {
  assert.equal(pct(0.4249), "42%");
  assert.equal(pct(0.001), "<1%");
  assert.equal(pct(0), "0%");
  assert.equal(pct(null), "—");
  assert.equal(count(1), "1 session");
  assert.equal(count(1204), "1,204 sessions");
  assert.equal(minutes(14.4), "14 min");
  assert.equal(minutes(65), "1 h 05 min");
  assert.equal(minutes(null), "—");
  assert.equal(bucketLabel({ from_minutes: 0, to_minutes: 5 }), "under 5 min");
  assert.equal(bucketLabel({ from_minutes: 5, to_minutes: 10 }), "5–10 min");
  assert.equal(bucketLabel({ from_minutes: 45, to_minutes: null }), "45 min or more");
  assert.equal(signed(2), "+2");
  assert.equal(signed(-1), "−1");
  assert.equal(signed(0), "0");
});

test("closed sets are shown in words, never as the API's identifiers", () => {
  const figures = {
    decisions: [
      { value: "no_hire", sessions: 3, share: 0.3 },
      { value: "strong_hire", sessions: 1, share: 0.1 },
    ],
    suggested: [1, 2, 3, 4].map((s) => ({ value: s, sessions: s, share: s / 10 })),
    final_scores: [1, 2, 3, 4].map((s) => ({ value: s, sessions: 1, share: 0.25 })),
    categories: [{ value: "traps", sessions: 4, share: 0.4 }],
    causes: [
      { value: "does_not_load", sessions: 1, share: 0.1 },
      { value: "wrong_answer", sessions: 2, share: 0.2 },
    ],
  };
  assert.deepEqual(
    decisionRows(figures).map((r) => r.label),
    ["no hire", "strong hire"],
  );
  assert.deepEqual(
    scoreRows(figures).map((r) => r.label),
    ["1 · no hire", "2 · maybe", "3 · hire", "4 · strong hire"],
  );
  const failures = failureRows(figures);
  assert.deepEqual(
    failures.categories.map((r) => r.label),
    ["known traps"],
  );
  assert.deepEqual(
    failures.causes.map((r) => r.label),
    ["does not load", "wrong answer"],
  );
});

test("a question's separation and an interviewer's lean in words", () => {
  assert.deepEqual(separationWords({ separation: 0.86 }), ["separates well", "ok"]);
  assert.deepEqual(separationWords({ separation: 0.7 }), ["separates somewhat", "pending"]);
  assert.deepEqual(separationWords({ separation: 0.5 }), ["tells little apart", "bad"]);
  assert.equal(separationWords({ separation: null })[0], "too few hires or no-hires to tell");
  assert.equal(leanWords({ compared: 0 }), "no session with both scores");
  assert.equal(leanWords({ compared: 5, mean_difference: 0.1 }), "in line with the suggestions");
  assert.equal(leanWords({ compared: 5, mean_difference: 0.62 }), "0.6 above the suggestions on average");
  assert.equal(leanWords({ compared: 5, mean_difference: -0.5 }), "0.5 below the suggestions on average");
});

test("the standing is said only past its threshold, with the count it rests on", () => {
  assert.equal(standingWords(null), null);
  assert.equal(standingWords({ suggested: null, count: 40, threshold: 20, better_than: null, level: "mid" }), null);
  assert.equal(
    standingWords({ suggested: 4, count: 143, threshold: 20, better_than: 62, tied_with: 30, level: "mid" }).text,
    "Better than 62% of mid-level candidates on this problem, tied with 30% (of 143 other sessions).",
  );
  const early = standingWords({ suggested: 3, count: 12, threshold: 20, better_than: null, level: "junior" });
  assert.equal(early.text, "Compared with other junior candidates on this problem once 20 have a suggested score (12 so far).");
  assert.equal(early.kind, "muted");
});
