// The feedback draft's box: a new draft replaces untouched text only; edits survive until redrafted.
import assert from "node:assert/strict";
import { test } from "node:test";
import { drafted, emptyDraft, privateNotes, redraft, stale, typed } from "../src/interviewer/feedback-model.js";
import { DOMAINS } from "../src/interviewer/sheet-model.js";

test("a new draft replaces the text while the interviewer has not edited it", () => {
  const first = drafted(emptyDraft, "Hi Ada");
  assert.deepEqual(first, { text: "Hi Ada", edited: false, latest: "Hi Ada" });
  assert.equal(drafted(first, "Hi Ada, again").text, "Hi Ada, again");
});

test("edits survive new drafts, which are offered instead", () => {
  const edited = typed(drafted(emptyDraft, "Hi Ada"), "Dear Ada");
  assert.ok(edited.edited);
  assert.ok(!stale(edited) || edited.latest !== edited.text);
  const moved = drafted(edited, "Hi Ada, with scores");
  assert.equal(moved.text, "Dear Ada");
  assert.ok(stale(moved));
  assert.deepEqual(redraft(moved), { text: "Hi Ada, with scores", edited: false, latest: "Hi Ada, with scores" });
  assert.ok(!typed(moved, "Hi Ada, with scores").edited, "typing the draft back is no edit");
});

test("a text export comes back as text, a failure with the server's message", async (t) => {
  const { requestText } = await import("../src/shared/request.js");
  t.mock.method(globalThis, "fetch", async () => new Response("Hi Ada,\n", { status: 200 }));
  assert.equal(await requestText("/api/i/1-x/export/feedback"), "Hi Ada,\n");
  t.mock.method(globalThis, "fetch", async () => new Response('{"error":{"code":"not_found","message":"session not found"}}', { status: 404 }));
  await assert.rejects(requestText("/api/i/1-x/export/feedback"), (e) => e.status === 404 && e.message === "session not found");
});

test("the interviewer's notes are listed apart from the draft, by what they are about", () => {
  const sheet = {
    foundations: [
      { question: "gil", score: 3, notes: " knew the GIL " },
      { question: "Own question", score: 2, notes: "" },
    ],
    coding: { score: 3, notes: "fast once hinted" },
    experience: { score: null, notes: "" },
    communication: { score: 4, notes: "" },
    notes: "hire, I think",
  };
  const bank = { questions: [{ id: "gil", question: "What does the GIL protect?" }] };
  assert.deepEqual(privateNotes(sheet, bank, DOMAINS), [
    { label: "What does the GIL protect?", notes: "knew the GIL" },
    { label: "Coding problem", notes: "fast once hinted" },
    { label: "General notes", notes: "hire, I think" },
  ]);
  assert.deepEqual(privateNotes(null, bank, DOMAINS), []);
});
