// The parts of the report that compute: plot scales, trace windows and the complexity notes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { complexityNotes } from "../src/interviewer/complexity.js";
import { spacedTicks, timeRange, windowTicks } from "../src/interviewer/ideal-limiter.js";
import { decadeRange, decadeTicks, logScale } from "../src/interviewer/plot-scale.js";

test("log axes cover whole decades, with at most about six ticks", () => {
  assert.deepEqual(decadeRange([20, 3000]), [1, 4]);
  assert.deepEqual(decadeRange([0.5, 1]), [-1, 0]);
  assert.deepEqual(decadeRange([2e-7, 0.03]), [-7, -1]);
  assert.deepEqual(decadeTicks(0, 4), [0, 1, 2, 3, 4]);
  assert.deepEqual(decadeTicks(0, 12), [0, 2, 4, 6, 8, 10, 12]);
  const x = logScale([0, 2], 10, 100);
  assert.equal(x(1), 10);
  assert.equal(x(10), 60);
  assert.equal(logScale([0, 2], 10, 100, true)(100), 10);
});

test("a trace's plot shows its requests with a margin, and the window boundaries within it", () => {
  assert.deepEqual(windowTicks([0, 2.5], 1), [0, 1, 2]);
  assert.deepEqual(windowTicks([0, 0.3], 0.1), [0, 0.1, 0.2, 0.3]);
  assert.deepEqual(windowTicks([0.97, 1.03], 1), [1]);
  assert.deepEqual(timeRange([0, 2], 1), [0, 2.16]);
  assert.deepEqual(
    spacedTicks([1, 0.99, 1.01, 1.5], (t) => t * 100, 20),
    [1, 1.5],
  );
});

test("the complexity notes say how far from the reference and why measuring stopped, never in fuel", () => {
  const notes = complexityNotes({
    time: "O(n^2)",
    extrapolation: { ratio: 42.04, n: 100000, native_seconds: 3 },
    stopped_at: 4096,
    wrong_answers: 1,
  });
  assert.equal(notes.length, 3);
  assert.equal(notes[0].kind, "bad");
  assert.match(notes[0].strong, /about 42× the reference at n = 100,000/);
  for (const note of notes) assert.doesNotMatch(`${note.strong ?? ""}${note.text}`, /fuel/i);
  assert.equal(complexityNotes({ time: "O(2^n)" })[0].id, "extrapolation");
  assert.equal(complexityNotes({ time: "O(n)", budget_exhausted: true, largest_n: 64 })[0].kind, "muted");
});
