// Small components both pages use: badges, lists of facts, the live connection and the save status.
import { fmtWhen } from "./format.js";
import { html } from "./html.js";

export function Badge({ kind, id, children }) {
  return html`<span id=${id} class=${kind ? `badge ${kind}` : "badge"}>${children}</span>`;
}

/** A definition list from [term, description] pairs; pairs that are null, or have no description, are left out. */
export function Facts({ pairs }) {
  const shown = pairs.filter((pair) => pair && pair[1] !== null && pair[1] !== undefined);
  return html`<dl class="facts">${shown.map(([term, description]) => html`<dt key=${term}>${term}</dt><dd>${description}</dd>`)}</dl>`;
}

const CONNECTION = {
  connecting: ["connecting…", ""],
  live: ["live", "ok"],
  lost: ["connection lost, reconnecting…", "bad"],
};

/** The state of the event stream, as reported by `connectEvents`, or a message of the page's own. */
export function Connection({ state, message }) {
  const [text, kind] = message ? [message, "bad"] : CONNECTION[state];
  return html`<span id="conn" class=${`badge conn ${kind}`} role="status" aria-live="polite">${text}</span>`;
}

/** The autosave's state in words; `id` lets a test read it. */
export function SaveStatus({ id, status }) {
  const [text, kind, title] = saveWords(status);
  return html`<span id=${id} class=${`save-status ${kind}`} title=${title} role="status" aria-live="polite">${text}</span>`;
}

/** [text, kind, detail] for an autosave state (or a note such as "updated from another window"). */
export function saveWords(status) {
  switch (status?.state) {
    case "waiting":
      return ["editing…", "muted", ""];
    case "saving":
      return ["saving…", "muted", ""];
    case "saved":
      return ["saved", "ok", status.at ? `saved at ${fmtWhen(status.at)}` : ""];
    case "failed":
      return [`not saved: ${status.message}${status.retrying ? "; retrying…" : ""}`, "bad", ""];
    case "note":
      return [status.message, "ok", ""];
    default:
      return ["", "muted", ""];
  }
}
