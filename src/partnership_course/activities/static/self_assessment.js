// Self-assessment: one named radio group per item (arrows move and rate at once: nothing is
// scored), and the ratings drawn as a bar chart that always comes with its table.

function chart(content, labels, ratings) {
  const top = Math.max(...content.scale.map((lv) => lv.value));
  const meaning = Object.fromEntries(content.scale.map((lv) => [lv.value, lv.label]));
  const title = content.summary || labels.your_ratings;
  const rows = content.items.map((item) => {
    const value = ratings[item.id];
    const share = value === undefined || top === 0 ? 0 : (100 * value) / top;
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, rich(item.label)),
      h(
        "td",
        { class: "pc-bar-cell" },
        h("span", { class: "pc-bar", style: `width: ${share}%`, "aria-hidden": "true" }),
        h("span", { class: "pc-bar-value" }, value === undefined ? "-" : String(value)),
      ),
      h("td", {}, value === undefined ? "" : rich(meaning[value])),
    );
  });
  return h(
    "table",
    { class: "pc-chart-table" },
    h("caption", {}, rich(title)),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, labels.area),
        h("th", { scope: "col" }, labels.rating),
        h("th", { scope: "col" }, labels.meaning),
      ),
    ),
    h("tbody", {}, rows),
  );
}

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "self_assessment");
  const ratings = () => (model.get("response") || {}).ratings || {};
  const scale = content.scale.map((lv) => ({ value: lv.value, label: `${lv.value}: ${lv.label}` }));
  // ratings picked here and not yet echoed by Python: an echo of an earlier save must not
  // undo a newer pick (the learner may rate the next item before the first save returns)
  const pending = new Map();
  const groups = content.items.map((item) => {
    const group = radioGroup({
      legend: [h("span", { class: "pc-item-label" }, rich(item.label))],
      options: scale,
      checked: ratings()[item.id],
      onpick: (value) => {
        pending.set(item.id, Number(value));
        model.send({ event: "rate", item: item.id, value: Number(value) });
      },
      hint: item.description ? rich(item.description) : null,
    });
    return { item, group, block: group };
  });
  const holder = h("div", { class: "pc-chart" }, chart(content, labels, ratings()));
  model.on("change:response", () => {
    for (const { item, group } of groups) {
      const saved = ratings()[item.id];
      if (pending.has(item.id)) {
        if (pending.get(item.id) !== saved) continue;
        pending.delete(item.id);
      }
      group.select(saved);
    }
    holder.replaceChildren(chart(content, labels, ratings()));
  });
  el.append(
    ...header(content, labels),
    h("p", {}, h("strong", {}, `${labels.scale}: `), scale.map((s) => s.label).join(", ")),
    ...groups.map((g) => g.block),
    holder,
    ...statusLine(model),
  );
}

export default { render };
