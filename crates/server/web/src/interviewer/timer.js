// The call timer, kept in localStorage, and the call plan it follows.

import { byId, fmtClock, h } from "./dom.js";
import { TOKEN } from "./api.js";

/** The call plan, in minutes from the start of the call. */
const CALL_PLAN = [
  { id: "opening", name: "opening", from: 0, to: 2 },
  { id: "foundations", name: "foundations", from: 2, to: 12 },
  { id: "problem", name: "problem", from: 12, to: 30 },
  { id: "experience", name: "experience", from: 30, to: 38 },
  { id: "close", name: "close", from: 38, to: 40 },
];

const timer = { accumulated: 0, startedAt: null };

function timerKey() {
  return `screenjudge:timer:${TOKEN}`;
}

export function loadTimer() {
  try {
    const saved = JSON.parse(localStorage.getItem(timerKey()) || "null");
    if (saved && typeof saved.accumulated === "number") {
      timer.accumulated = saved.accumulated;
      timer.startedAt = typeof saved.startedAt === "number" ? saved.startedAt : null;
    }
  } catch (err) {
    // No storage (private mode): the timer simply starts from zero.
  }
}

function saveTimer() {
  try {
    localStorage.setItem(timerKey(), JSON.stringify(timer));
  } catch (err) {
    // Not fatal.
  }
}

function elapsedMs() {
  return timer.accumulated + (timer.startedAt === null ? 0 : Date.now() - timer.startedAt);
}

function toggleTimer() {
  if (timer.startedAt === null) {
    timer.startedAt = Date.now();
  } else {
    timer.accumulated += Date.now() - timer.startedAt;
    timer.startedAt = null;
  }
  saveTimer();
  renderTimer();
}

function resetTimer() {
  if (elapsedMs() > 0 && !window.confirm("Reset the call timer to 00:00?")) return;
  timer.accumulated = 0;
  timer.startedAt = null;
  saveTimer();
  renderTimer();
}

function planSectionAt(ms) {
  const minutes = ms / 60000;
  return CALL_PLAN.find((part) => minutes >= part.from && minutes < part.to) || null;
}

export function buildTimer() {
  const plan = h("ol", { id: "call-plan", class: "call-plan", "aria-label": "Call plan" });
  for (const part of CALL_PLAN) {
    plan.append(
      h(
        "li",
        { "data-section": part.id },
        h("span", { class: "plan-name" }, part.name),
        " ",
        h("span", { class: "plan-span muted" }, `${part.from}–${part.to}`),
      ),
    );
  }
  return h(
    "div",
    { id: "timer", class: "timer", role: "group", "aria-label": "Call timer" },
    h(
      "div",
      { class: "timer-controls" },
      h("button", { id: "timer-toggle", type: "button", onclick: toggleTimer }, "Start"),
      h("span", { id: "timer-elapsed", class: "timer-elapsed", role: "timer" }, "00:00"),
      h("button", { id: "timer-reset", type: "button", class: "secondary", onclick: resetTimer }, "Reset"),
      h("span", { id: "timer-section", class: "timer-section" }, "not started"),
    ),
    plan,
  );
}

export function renderTimer() {
  const ms = elapsedMs();
  const running = timer.startedAt !== null;
  byId("timer-elapsed").textContent = fmtClock(ms);
  const toggle = byId("timer-toggle");
  toggle.textContent = running ? "Pause" : ms > 0 ? "Resume" : "Start";
  toggle.setAttribute("aria-pressed", String(running));
  const current = ms > 0 || running ? planSectionAt(ms) : null;
  const overtime = ms >= CALL_PLAN[CALL_PLAN.length - 1].to * 60000;
  const label = byId("timer-section");
  label.textContent = current ? current.name : overtime ? "over time" : "not started";
  label.classList.toggle("bad", overtime);
  byId("timer").classList.toggle("running", running);
  for (const item of byId("call-plan").children) {
    const isCurrent = Boolean(current) && item.dataset.section === current.id;
    item.classList.toggle("current", isCurrent);
    if (isCurrent) item.setAttribute("aria-current", "step");
    else item.removeAttribute("aria-current");
  }
}
