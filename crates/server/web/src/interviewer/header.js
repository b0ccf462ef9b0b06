// The page header: candidate, level, problem, connection badge and the call timer.

import { byId, h } from "./dom.js";
import { buildTimer } from "./timer.js";

export function buildHeader(view) {
  const { session, problem } = view;
  return h(
    "header",
    { class: "page-header card" },
    h(
      "div",
      { class: "identity" },
      h("h1", { id: "candidate-name" }, session.candidate_name),
      h(
        "p",
        { class: "muted" },
        h("span", { id: "session-level", class: "badge" }, session.level),
        " ",
        h("span", { id: "problem-title" }, problem.title),
      ),
    ),
    h("span", { id: "conn", class: "badge conn", role: "status", "aria-live": "polite" }, "connecting…"),
    buildTimer(),
  );
}

export function setConnection(text, kind) {
  const conn = byId("conn");
  if (!conn) return;
  conn.textContent = text;
  conn.classList.toggle("ok", kind === "ok");
  conn.classList.toggle("bad", kind === "bad");
}
