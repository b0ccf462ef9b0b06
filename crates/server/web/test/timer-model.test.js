// The call timer: elapsed time, pausing, and where in the call plan it is.
import assert from "node:assert/strict";
import { test } from "node:test";
import { callPhase, callStartedAt, elapsedMs, parseTimer, STOPPED, toggled } from "../src/interviewer/timer-model.js";

const MIN = 60_000;

test("start, pause and resume add up the running spans", () => {
  const running = toggled(STOPPED, 1000);
  assert.equal(elapsedMs(running, 6000), 5000);
  const paused = toggled(running, 6000);
  assert.deepEqual(paused, { accumulated: 5000, startedAt: null });
  assert.equal(elapsedMs(paused, 99_999), 5000);
  assert.equal(elapsedMs(toggled(paused, 10_000), 11_000), 6000);
});

test("the phase follows the call plan, then says the call is over time", () => {
  assert.equal(callPhase(STOPPED, 0).label, "not started");
  assert.equal(callPhase({ accumulated: 0, startedAt: 0 }, 0).label, "opening");
  assert.equal(callPhase({ accumulated: 13 * MIN, startedAt: null }, 0).label, "problem");
  const over = callPhase({ accumulated: 41 * MIN, startedAt: null }, 0);
  assert.equal(over.label, "over time");
  assert.ok(over.overtime);
});

test("only something shaped like a timer is read back from storage", () => {
  assert.deepEqual(parseTimer('{"accumulated":5,"startedAt":7}'), { accumulated: 5, startedAt: 7 });
  assert.deepEqual(parseTimer('{"accumulated":5,"startedAt":"x"}'), { accumulated: 5, startedAt: null });
  assert.equal(parseTimer("not json"), STOPPED);
  assert.equal(parseTimer(null), STOPPED);
});

test("the timeline's clock starts when the call timer read 00:00, and not before it was started", () => {
  assert.equal(callStartedAt(STOPPED, 50_000), null);
  const running = toggled(STOPPED, 10_000);
  assert.equal(callStartedAt(running, 70_000), 10_000);
  const paused = toggled(running, 40_000);
  assert.equal(callStartedAt(paused, 90_000), 60_000, "a paused timer counts back from now");
});
