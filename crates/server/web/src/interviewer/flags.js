// The score sheet's red and green flag checkboxes.
import { html } from "../shared/html.js";
import { setFlag } from "./sheet-model.js";

const GROUPS = [
  { kind: "red", field: "red_flags", title: "Red flags", tone: "bad" },
  { kind: "green", field: "green_flags", title: "Green flags", tone: "ok" },
];

export function Flags({ sheet, bank, onEdit }) {
  return html`<fieldset id="flags" class="flags">
    <legend>Flags</legend>
    <div id="flag-lists" class="flag-lists">
      ${GROUPS.map(({ kind, field, title, tone }) => {
        const flags = bank[field];
        return html`<fieldset key=${kind} class=${`flag-group ${kind}`}>
          <legend class=${tone}>${title}</legend>
          <ul class=${`flag-list ${kind}-flags`}>
            ${flags.map((flag) => {
              const id = `${kind}-flag-${flag.id}`;
              return html`<li key=${flag.id}>
                <input type="checkbox" id=${id} value=${flag.id} checked=${sheet[field].includes(flag.id)}
                  onChange=${(e) => onEdit(setFlag(sheet, field, flags, flag.id, e.currentTarget.checked))} />
                <label for=${id}>${flag.text}</label>
              </li>`;
            })}
          </ul>
        </fieldset>`;
      })}
    </div>
  </fieldset>`;
}
