// interviewer.js — the interviewer's page of screenjudge, served at /i/{token}.
//
// Shows the candidate's code as they type it, every submission with a diff against the one before and
// the grader's full report (tests, failing cases, measured complexity with plots, the rate limiter's
// analysis, the suggested score and follow-up questions), a call timer that follows the call plan, and
// the score sheet, which saves itself a moment after every change.
//
// Every piece of text that comes from the server is put on the page with textContent (never innerHTML),
// so nothing the candidate writes can turn into markup.
//
// The page is built from the modules in interviewer/; this file assembles it and starts it.

import { state } from "./interviewer/state.js";
import { byId, h } from "./interviewer/dom.js";
import { TOKEN, api, request } from "./interviewer/api.js";
import { buildHeader } from "./interviewer/header.js";
import { loadTimer, renderTimer } from "./interviewer/timer.js";
import { buildCodePanel, buildProblemPanel, showDraft } from "./interviewer/code.js";
import { buildSubmissionsPanel, setSubmissions } from "./interviewer/submissions.js";
import { buildReportPanel } from "./interviewer/report.js";
import { normalizeSheet } from "./interviewer/sheet-model.js";
import { flushSheet, savePending, setSheetStatus } from "./interviewer/save.js";
import { buildSheet, renderSheet } from "./interviewer/sheet.js";
import { connectEvents } from "./interviewer/live.js";
import { afterPrint, beforePrint } from "./interviewer/print.js";

function buildPage(view) {
  const app = byId("app");
  app.replaceChildren(
    h("a", { class: "skip-link", href: "#sheet" }, "Skip to the score sheet"),
    buildHeader(view),
    h(
      "main",
      { class: "layout" },
      h("div", { class: "column column-left" }, buildProblemPanel(view.problem), buildCodePanel(), buildSubmissionsPanel()),
      h("div", { class: "column column-right" }, buildReportPanel()),
      h("div", { class: "column column-sheet" }, buildSheet(view)),
    ),
  );
}

function showFatal(message) {
  byId("app").replaceChildren(
    h("div", { class: "card fatal", role: "alert" }, h("h1", null, "screenjudge"), h("p", { class: "bad" }, message)),
  );
}

async function loadBank(level) {
  try {
    const bank = await request(`/api/questions?level=${encodeURIComponent(level)}`);
    state.bank = { questions: bank.questions || [], red_flags: bank.red_flags || [], green_flags: bank.green_flags || [] };
  } catch (err) {
    state.bank = { questions: [], red_flags: [], green_flags: [] };
  }
}

async function start() {
  if (!TOKEN) {
    showFatal("This link has no session token.");
    return;
  }
  let view;
  try {
    view = await request(api(""));
  } catch (err) {
    showFatal(err.status === 404 ? "This interviewer link is not valid." : `The session could not be loaded: ${err.message}`);
    return;
  }
  await loadBank(view.session.level);
  state.view = view;
  state.draft = view.draft || null;
  state.draftsSaved = view.drafts_saved || 0;
  state.sheet = normalizeSheet(view.sheet);
  state.computed = view.computed;
  document.title = `screenjudge: ${view.session.candidate_name} (interviewer)`;

  buildPage(view);
  loadTimer();
  renderTimer();
  setInterval(renderTimer, 500);
  showDraft(state.draft, null);
  setSubmissions(view.submissions);
  renderSheet();
  setSheetStatus("saved", "ok");
  connectEvents();

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  window.addEventListener("pagehide", flushSheet);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") flushSheet();
  });
  window.addEventListener("beforeunload", (event) => {
    if (savePending()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

start();
