// A comparison panel (activities/comparison.py): the one chart macro's bars as SVG with the
// table that always comes with them, any further table and a note, all built here from data
// (`view`: the bars' geometry, the cells' text) with DOM calls and text nodes, never markup; and
// one button that asks the kernel to read the figures again. One model, in place of the stock
// HTML, Button and VBox (and their layout and style models) it replaced.

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

// the macro's figure: each label above its bar (wrapped lines as tspans), the value after it
function figure(chart) {
  const title = `${chart.id}-title`;
  const drawing = svg("svg", {
    role: "img",
    "aria-labelledby": title,
    width: chart.width,
    height: chart.height,
    viewBox: `0 0 ${chart.width} ${chart.height}`,
  });
  drawing.append(svg("title", { id: title }, chart.name));
  for (const bar of chart.bars) {
    const label = svg("text", { y: bar.label_y, "font-size": chart.font, fill: chart.ink });
    bar.lines.forEach((line, index) => {
      label.append(svg("tspan", index ? { x: 0, dy: bar.line_h } : { x: 0 }, line));
    });
    drawing.append(
      label,
      svg("rect", { x: 0, y: bar.bar_y, width: bar.length, height: bar.bar_h, fill: chart.bar }),
      svg(
        "text",
        { x: bar.value_x, y: bar.value_y, "font-size": chart.font, fill: chart.ink },
        bar.shown,
      ),
    );
  }
  return h("figure", { class: "pc-chart", id: chart.id }, drawing);
}

// the data table: caption, column headers, the first cell of each row its header
function table(data) {
  const numeric = new Set(data.numeric);
  const cls = (index) => (numeric.has(index) ? "num" : null);
  return h(
    "table",
    { id: data.id },
    h("caption", {}, data.caption),
    h("thead", {}, h("tr", {}, data.columns.map((c, i) => h("th", { scope: "col", class: cls(i) }, c)))),
    h(
      "tbody",
      {},
      data.rows.map((row) =>
        h(
          "tr",
          {},
          row.map((cell, i) =>
            i === 0 ? h("th", { scope: "row" }, rich(cell)) : h("td", { class: cls(i) }, cell),
          ),
        ),
      ),
    ),
  );
}

function part(data) {
  if (data.chart) return [figure(data.chart), scrolling(data.table.caption, table(data.table))];
  if (data.table) return [scrolling(data.table.caption, table(data.table))];
  return [h("p", {}, data.note)];
}

export default {
  render({ model, el }) {
    el.classList.add("pc-comparison"); // not an activity: tests and benchmarks count .pc-activity
    keysStayHere(el);
    const view = h("div", { class: "pc-survey" });
    const button = h("button", { type: "button", class: "pc-button pc-secondary" });
    const draw = () => {
      const data = model.get("view");
      view.className = `pc-survey ${data.name || ""}`;
      view.replaceChildren(...(data.parts || []).flatMap(part));
      button.textContent = model.get("label");
    };
    button.addEventListener("click", () => model.send({ event: "redraw" }));
    model.on("change:view", draw);
    model.on("change:label", draw);
    draw();
    el.append(view, button);
  },
};
