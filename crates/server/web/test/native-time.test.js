// Fuel becomes estimated native CPython time; ratios and times are rounded as people say them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fmtMicros, fmtRatio, fmtSecondsDecade, fmtTime, nativeSeconds } from "../src/shared/native-time.js";

test("fuel is divided by the grader's calibration", () => {
  assert.equal(nativeSeconds(1.6e10), 1);
  assert.equal(nativeSeconds(16_000), 1e-6);
});

test("times take two significant figures in the unit that reads well", () => {
  assert.equal(fmtTime(4e-8), "40 ns");
  assert.equal(fmtTime(3.2e-6), "3.2 µs");
  assert.equal(fmtTime(0.0123), "12 ms");
  assert.equal(fmtTime(1.53), "1.5 s");
  assert.equal(fmtTime(576), "9.6 min");
  assert.equal(fmtMicros(6613 / 1.6e10), "0.41 µs");
});

test("axis decades and ratios", () => {
  assert.equal(fmtSecondsDecade(-6), "1 µs");
  assert.equal(fmtSecondsDecade(-4), "100 µs");
  assert.equal(fmtSecondsDecade(-3), "1 ms");
  assert.equal(fmtSecondsDecade(1), "10 s");
  assert.equal(fmtRatio(0.94), "0.9×");
  assert.equal(fmtRatio(42.04), "42×");
  assert.equal(fmtRatio(60562.6), "61,000×");
});
