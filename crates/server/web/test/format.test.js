// Formatting of numbers, sizes, durations and clocks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fmtBytes, fmtClock, fmtInt, fmtPercent, fmtPow10, fmtRoughly, fmtSeconds, plural, subNo } from "../src/shared/format.js";

test("integers and shares read as people write them", () => {
  assert.equal(fmtInt(1234567.8), "1,234,568");
  assert.equal(fmtPercent(0.456), "46%");
  assert.equal(fmtPercent(undefined), "0%");
  assert.equal(plural(1, "line"), "1 line");
  assert.equal(plural(3, "line"), "3 lines");
});

test("sizes take the largest unit that keeps a short number", () => {
  assert.equal(fmtBytes(950), "950 B");
  assert.equal(fmtBytes(12_345), "12.3 kB");
  assert.equal(fmtBytes(4_100_000), "4.1 MB");
});

test("powers of ten label axes with SI prefixes", () => {
  assert.equal(fmtPow10(0), "1");
  assert.equal(fmtPow10(4), "10k");
  assert.equal(fmtPow10(6, "B"), "1 MB");
  assert.equal(fmtPow10(-1), "1e-1");
});

test("durations pick their unit; the clock keeps counting minutes past an hour", () => {
  assert.equal(fmtSeconds(0.0001), "under a millisecond");
  assert.equal(fmtSeconds(0.25), "250 ms");
  assert.equal(fmtSeconds(12.34), "12.3 s");
  assert.equal(fmtSeconds(600), "10 min");
  assert.equal(fmtSeconds(Number.POSITIVE_INFINITY), "forever");
  assert.equal(fmtClock(0), "00:00");
  assert.equal(fmtClock(61_500), "01:01");
  assert.equal(fmtClock(3_725_000), "62:05");
});

test("a submission is numbered within its session, by id only when no number came", () => {
  assert.equal(subNo({ id: 57, number: 1 }), "#1");
  assert.equal(subNo({ id: 57 }), "#57");
});

test("large counts read to two figures, as the grader writes them", () => {
  assert.equal(fmtRoughly(2128225), "2,100,000");
  assert.equal(fmtRoughly(61234), "61,000");
  assert.equal(fmtRoughly(42), "42");
});
