// A titled section of the report, the one frame every report block renders in.
import { html } from "../shared/html.js";

export function Section({ id, title, children }) {
  return html`<section id=${id} class="report-section" aria-labelledby=${`${id}-title`}>
    <h3 id=${`${id}-title`}>${title}</h3>
    ${children}
  </section>`;
}
