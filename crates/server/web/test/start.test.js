// The start page's logic: the kept token, the form's checks, and how a session's row reads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { stageWord } from "../src/shared/words.js";
import { checkNewSession, createdText, decisionText, forgetToken, loadToken, saveToken, signInMessage, TOKEN_KEY, withOlder } from "../src/start/model.js";

function memoryStorage() {
  const kept = new Map();
  return {
    getItem: (k) => (kept.has(k) ? kept.get(k) : null),
    setItem: (k, v) => kept.set(k, String(v)),
    removeItem: (k) => kept.delete(k),
    kept,
  };
}

test("the operator token is kept until sign-out, and a browser that keeps nothing is no failure", () => {
  const storage = memoryStorage();
  assert.equal(loadToken(storage), "");
  saveToken(storage, "secret");
  assert.equal(storage.kept.get(TOKEN_KEY), "secret");
  assert.equal(loadToken(storage), "secret");
  forgetToken(storage);
  assert.equal(loadToken(storage), "");
  const refusing = {
    getItem() {
      throw new Error("denied");
    },
    setItem() {
      throw new Error("denied");
    },
    removeItem() {
      throw new Error("denied");
    },
  };
  saveToken(refusing, "x");
  forgetToken(refusing);
  assert.equal(loadToken(refusing), "");
});

test("a wrong token, an unreachable service and other failures read differently", () => {
  assert.match(signInMessage({ status: 401, message: "a valid operator token is required" }), /not right/);
  assert.match(signInMessage({ status: 0, message: "x" }), /cannot be reached/);
  assert.equal(signInMessage({ status: 503, message: "storage is unavailable" }), "Signing in failed: storage is unavailable");
});

test("a session needs a name of at most 200 characters, a level and a problem", () => {
  assert.equal(checkNewSession({ name: "  ", level: "mid", problem: "dedupe" }), "Write the candidate's name.");
  assert.match(checkNewSession({ name: "x".repeat(201), level: "mid", problem: "dedupe" }), /too long/);
  assert.equal(checkNewSession({ name: "Ada", level: "mid", problem: "" }), "Choose a problem.");
  assert.equal(checkNewSession({ name: "Ada", level: "mid", problem: "dedupe" }), null);
  assert.equal(checkNewSession({ name: "Ada", level: "mid", problem: "dedupe", interviewer: "Mei Lin" }), null);
  assert.match(checkNewSession({ name: "Ada", level: "mid", problem: "dedupe", interviewer: "é".repeat(101) }), /too long/);
});

test("the decision is the interviewer's, else the scores' suggestion, else none; never an identifier", () => {
  assert.deepEqual(decisionText({ final_decision: "no_hire", computed_decision: "hire" }), ["no hire", "recorded"]);
  assert.deepEqual(decisionText({ final_decision: null, computed_decision: "strong_hire" }), ["strong hire (from the scores)", "suggested"]);
  assert.deepEqual(decisionText({ final_decision: null, computed_decision: "incomplete" }), ["not decided", "none"]);
  assert.equal(stageWord("not_started"), "not started");
  assert.equal(stageWord("grading"), "being graded");
});

test("creation times read as today, yesterday, or a date", () => {
  const now = new Date(2026, 11, 1, 17, 30).getTime();
  assert.equal(createdText(new Date(2026, 11, 1, 9, 5).getTime(), now), "today 09:05");
  assert.equal(createdText(new Date(2026, 10, 30, 23, 59).getTime(), now), "yesterday 23:59");
  assert.equal(createdText(new Date(2026, 10, 3, 14, 0).getTime(), now), "3 Nov 2026 14:00");
});

test("older pages add the sessions not shown yet, in order", () => {
  const shown = [{ id: 9 }, { id: 8 }];
  assert.deepEqual(
    withOlder(shown, [{ id: 8 }, { id: 7 }]).map((s) => s.id),
    [9, 8, 7],
  );
});
