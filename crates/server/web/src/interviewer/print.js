// Print preparation: grows the score sheet's textareas to their content while printing (the printed page
// shows no collapsed details: the question guides and the full report stay off paper).

const printing = { sized: [] };

/** Grows textareas to their content so the PDF shows every note in full. */
export function beforePrint() {
  printing.sized = [...document.querySelectorAll("#sheet textarea")];
  for (const area of printing.sized) area.style.height = `${area.scrollHeight + 4}px`;
}

export function afterPrint() {
  for (const area of printing.sized) area.style.height = "";
  printing.sized = [];
}
