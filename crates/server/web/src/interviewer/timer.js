// The call timer in the header, kept in the browser's storage per session, and the call plan it follows.
import { fmtClock } from "../shared/format.js";
import { html, useEffect, useState } from "../shared/html.js";
import { CALL_PLAN, callPhase, callStartedAt, elapsedMs, parseTimer, STOPPED, toggled } from "./timer-model.js";

function load(key) {
  try {
    return parseTimer(localStorage.getItem(key));
  } catch {
    return STOPPED; // no storage (private mode): the timer starts from zero
  }
}

function store(key, timer) {
  try {
    localStorage.setItem(key, JSON.stringify(timer));
  } catch {
    // Not fatal: the timer still runs on this page.
  }
}

/** When the session's call timer read 00:00 (epoch ms), or null before it was started: the timeline's clock. */
export function readCallStart(token) {
  return callStartedAt(load(`screenjudge:timer:${token}`), Date.now());
}

export function Timer({ token }) {
  const key = `screenjudge:timer:${token}`;
  const [timer, setTimer] = useState(() => load(key));
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(tick);
  }, []);
  const change = (next) => {
    store(key, next);
    setTimer(next);
    setNow(Date.now());
  };
  const reset = () => {
    if (elapsedMs(timer, Date.now()) > 0 && !window.confirm("Reset the call timer to 00:00?")) return;
    change(STOPPED);
  };
  const ms = elapsedMs(timer, now);
  const running = timer.startedAt !== null;
  const phase = callPhase(timer, now);
  return html`
    <div id="timer" class=${running ? "timer running" : "timer"} role="group" aria-label="Call timer">
      <div class="timer-controls">
        <button id="timer-toggle" type="button" aria-pressed=${String(running)} onClick=${() => change(toggled(timer, Date.now()))}>
          ${running ? "Pause" : ms > 0 ? "Resume" : "Start"}
        </button>
        <span id="timer-elapsed" class="timer-elapsed" role="timer">${fmtClock(ms)}</span>
        <button id="timer-reset" type="button" class="secondary" onClick=${reset}>Reset</button>
        <span id="timer-section" class=${phase.overtime ? "timer-section bad" : "timer-section"}>${phase.label}</span>
      </div>
      <ol id="call-plan" class="call-plan" aria-label="Call plan">
        ${CALL_PLAN.map((part) => {
          const current = phase.part?.id === part.id;
          return html`<li key=${part.id} class=${current ? "current" : ""} aria-current=${current ? "step" : undefined}>
            <span class="plan-name">${part.name}</span> <span class="plan-span muted">${part.from}–${part.to}</span>
          </li>`;
        })}
      </ol>
    </div>
  `;
}
