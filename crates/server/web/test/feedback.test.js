// The feedback draft's box: a new draft replaces untouched text only; edits survive until redrafted.
import assert from "node:assert/strict";
import { test } from "node:test";
import { drafted, emptyDraft, redraft, stale, typed } from "../src/interviewer/feedback-model.js";

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
