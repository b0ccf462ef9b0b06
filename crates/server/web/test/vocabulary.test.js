// The pages say what the Rust types say: every word and calibration the pages use is the one in
// vocabulary.json, which a Rust test (the server's `vocabulary`) keeps equal to the types' own words.
import assert from "node:assert/strict";
import { test } from "node:test";
import { NATIVE_BYTES_PER_GUEST_BYTE, nativeBytes } from "../src/shared/native-memory.js";
import { FUEL_PER_NATIVE_SECOND, nativeSeconds } from "../src/shared/native-time.js";
import VOCABULARY from "../src/shared/vocabulary.json" with { type: "json" };
import {
  algorithmWord,
  CLASS_ORDER,
  categoryWord,
  DECISIONS,
  decisionWord,
  failureWord,
  growthWord,
  LEVELS,
  levelWord,
  SCORES,
  stageWord,
  statusWord,
  timelineKindWord,
  verdictWord,
} from "../src/shared/words.js";

test("every value of every set reads as the Rust type's words", () => {
  const sets = {
    verdicts: verdictWord,
    causes: failureWord,
    statuses: statusWord,
    stages: stageWord,
    algorithms: algorithmWord,
    growth_classes: growthWord,
    decisions: decisionWord,
    levels: levelWord,
    categories: categoryWord,
    timeline_marks: timelineKindWord,
  };
  for (const [set, say] of Object.entries(sets)) {
    assert.ok(VOCABULARY[set].length > 0, set);
    for (const { id, words } of VOCABULARY[set]) assert.equal(say(id), words, `${set}: ${id}`);
  }
});

test("scores 1 to 4 stand for the Rust decisions' words", () => {
  assert.deepEqual(
    VOCABULARY.scores.map(({ id, words }) => [id, words]),
    Object.entries(SCORES),
  );
  assert.equal(SCORES[4], "strong hire");
});

test("the sets' orders are the Rust types' orders", () => {
  assert.deepEqual(CLASS_ORDER, ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)", "O(2^n)"]);
  assert.deepEqual(LEVELS, ["junior", "mid", "senior"]);
  assert.deepEqual(
    DECISIONS.map(([value]) => value),
    ["strong_hire", "hire", "maybe", "no_hire"],
  );
});

test("fuel and guest bytes are read with the grader's calibrations", () => {
  assert.equal(FUEL_PER_NATIVE_SECOND, VOCABULARY.calibration.fuel_per_native_second);
  assert.equal(NATIVE_BYTES_PER_GUEST_BYTE, VOCABULARY.calibration.native_bytes_per_guest_byte);
  assert.equal(nativeSeconds(VOCABULARY.calibration.fuel_per_native_second), 1);
  assert.equal(nativeBytes(10), 10 * VOCABULARY.calibration.native_bytes_per_guest_byte);
});
