// A comparison panel (activities/comparison.py): a chart with its table, drawn by the kernel
// from an autoescaped template, and one button that asks the kernel to draw it again. One model,
// in place of the stock HTML, Button and VBox (and their layout and style models) it replaced.
export default {
  render({ model, el }) {
    el.classList.add("pc-comparison"); // not an activity: tests and benchmarks count .pc-activity
    const view = document.createElement("div");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "pc-button pc-secondary";
    const draw = () => {
      view.innerHTML = model.get("html"); // the kernel's template output, escaped there
      button.textContent = model.get("label");
    };
    button.addEventListener("click", () => model.send({ event: "redraw" }));
    model.on("change:html", draw);
    model.on("change:label", draw);
    draw();
    el.append(view, button);
  },
};
