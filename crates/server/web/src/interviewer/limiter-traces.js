// Rate limiter traces as timelines: each request a dot, filled green when admitted, red when refused,
// with the nearest model's decision as a ring underneath, so divergences stand out.
const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text != null) node.textContent = text;
  return node;
}

/** One timeline: candidate row on top, model row below, time axis in seconds from the trace's start. */
function timeline(trace, width) {
  const margin = { left: 70, right: 12, top: 8, bottom: 22 };
  const height = 70;
  const span = Math.max(...trace.times, trace.window) || 1;
  const x = (t) => margin.left + (t / span) * (width - margin.left - margin.right);
  const plot = svg("svg", { class: "trace-plot", width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  plot.append(svg("title", {}, trace.name));
  const rows = [["candidate", trace.admitted, 20, true], ["model", trace.model, 40, false]];
  for (const [label, decisions, y, filled] of rows) {
    plot.append(svg("text", { x: 4, y: y + 4, class: "trace-label" }, label));
    decisions.forEach((ok, i) => {
      const colour = ok ? "#17813d" : "#b3261e";
      plot.append(svg("circle", {
        cx: x(trace.times[i]), cy: y, r: 4,
        fill: filled ? colour : "none", stroke: colour, "stroke-width": 1.5,
        class: ok ? "trace-admitted" : "trace-refused",
      }));
    });
  }
  for (let t = 0; t <= span + 1e-9; t += trace.window) {
    plot.append(svg("line", { x1: x(t), x2: x(t), y1: 10, y2: 50, stroke: "#c5cad6", "stroke-dasharray": "3 3" }));
    plot.append(svg("text", { x: x(t) - 6, y: height - 6, class: "trace-tick" }, `${Math.round(t * 100) / 100}s`));
  }
  return plot;
}

/** A block with one timeline per trace; empty when there are none. */
export function limiterTraces(traces) {
  const block = document.createElement("div");
  block.id = "limiter-traces";
  for (const trace of traces ?? []) {
    if (!trace.admitted.length) continue;
    const figure = document.createElement("figure");
    const caption = document.createElement("figcaption");
    const differs = trace.admitted.filter((a, i) => a !== trace.model[i]).length;
    caption.textContent = `${trace.name} (limit ${trace.limit} per ${trace.window}s; ${differs} decisions differ from the model)`;
    figure.append(caption, timeline(trace, 560));
    block.append(figure);
  }
  return block;
}
