// Print preparation: opens collapsed details and grows textareas while printing.

const printing = { opened: [], sized: [] };

/** Opens closed <details> and grows textareas to their content so the PDF shows everything. */
export function beforePrint() {
  printing.opened = [...document.querySelectorAll("#report details:not([open]), #sheet details:not([open])")];
  for (const details of printing.opened) details.open = true;
  printing.sized = [...document.querySelectorAll("#sheet textarea")];
  for (const area of printing.sized) area.style.height = `${area.scrollHeight + 4}px`;
}

export function afterPrint() {
  for (const details of printing.opened) details.open = false;
  for (const area of printing.sized) area.style.height = "";
  printing.opened = [];
  printing.sized = [];
}
