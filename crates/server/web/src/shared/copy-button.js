// A button that copies a text (a link, a draft) and says whether it worked.
import { copyText } from "./clipboard.js";
import { html, useEffect, useState } from "./html.js";

/** `text` is what is copied; `label` what the button says until then. */
export function CopyButton({ id, text, label = "Copy", className = "secondary" }) {
  const [state, setState] = useState("idle");
  useEffect(() => {
    if (state === "idle") return undefined;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === "copied" ? "Copied" : state === "failed" ? "Select and copy by hand" : label;
  return html`<button id=${id} type="button" class=${`copy-button ${className} ${state}`} title=${text}
    onClick=${async () => setState((await copyText(text)) ? "copied" : "failed")}>${shown}</button>`;
}
