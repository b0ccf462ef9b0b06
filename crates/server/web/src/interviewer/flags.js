// The score sheet's red and green flag checkboxes.

import { state } from "./state.js";
import { byId, h } from "./dom.js";
import { sheetChanged } from "./save.js";

function flagList(kind, flags, ticked) {
  const list = h("ul", { class: `flag-list ${kind}-flags` });
  for (const flag of flags) {
    const id = `${kind}-flag-${flag.id}`;
    list.append(
      h(
        "li",
        null,
        h("input", { type: "checkbox", id, value: flag.id, checked: ticked.includes(flag.id), onchange: (event) => onFlag(kind, flags, flag.id, event.target.checked) }),
        " ",
        h("label", { htmlFor: id }, flag.text),
      ),
    );
  }
  return h("fieldset", { class: `flag-group ${kind}` }, h("legend", { class: kind === "red" ? "bad" : "ok" }, kind === "red" ? "Red flags" : "Green flags"), list);
}

export function renderFlags() {
  byId("flag-lists").replaceChildren(
    flagList("red", state.bank.red_flags, state.sheet.red_flags),
    flagList("green", state.bank.green_flags, state.sheet.green_flags),
  );
}

/** Ticks or unticks a flag, keeping the bank's order. */
function onFlag(kind, flags, id, checked) {
  const field = kind === "red" ? "red_flags" : "green_flags";
  const ticked = new Set(state.sheet[field]);
  if (checked) ticked.add(id);
  else ticked.delete(id);
  const known = flags.map((f) => f.id).filter((f) => ticked.has(f));
  const unknown = [...ticked].filter((f) => !known.includes(f));
  state.sheet[field] = known.concat(unknown);
  sheetChanged();
}
