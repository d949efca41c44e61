// Sort: the categories with their descriptions, then one named radio group per card (arrows
// move and place at once; every placement is saved), then "Check my sort" and the feedback on
// each card that does not match the key. Nothing is dragged. When the sort is worth points, the
// hint says before the first check that the first check is the one scored.

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "sort");
  const placements = () => (model.get("response") || {}).placements || {};
  const categories = content.categories.map((c) => ({ value: c.id, label: c.label }));
  const guard = echoGuard();
  const groups = content.items.map((item, index) => {
    const group = radioGroup({
      legend: [
        h("span", { class: "pc-card-number" }, labels.card.replace("{n}", String(index + 1))),
        " ",
        rich(item.text),
      ],
      options: categories,
      checked: placements()[item.id],
      onpick: (category) => {
        guard.pick(item.id, category);
        model.send({ event: "place", item_id: item.id, category_id: category });
      },
    });
    group.classList.add("pc-card");
    return { item, group };
  });
  model.on("change:response", () => {
    for (const { item, group } of groups) {
      const saved = placements()[item.id];
      if (guard.settle(item.id, saved)) group.select(saved);
    }
  });
  const legend = h(
    "ul",
    { class: "pc-categories" },
    content.categories.map((c) =>
      h(
        "li",
        {},
        h("strong", {}, rich(c.label)),
        c.description ? [": ", rich(c.description)] : null,
      ),
    ),
  );
  const hintId = uid("hint");
  const check = button(labels.check, () => model.send({ event: "check" }));
  check.setAttribute("aria-describedby", hintId);
  const feedback = feedbackBox(model, (f) =>
    h(
      "div",
      { class: `pc-feedback ${f.right ? "pc-right" : "pc-note"}` },
      h("p", {}, h("strong", {}, f.summary)),
      f.scored ? h("p", {}, f.scored) : null,
      f.notes.length
        ? h(
            "ul",
            {},
            f.notes.map((n) =>
              h(
                "li",
                {},
                h("strong", {}, labels.card.replace("{n}", String(n.number))),
                ": ",
                rich(n.text),
                n.fits ? [" ", h("em", {}, n.fits)] : null,
              ),
            ),
          )
        : null,
    ),
  );
  el.append(
    ...header(content, labels),
    subheading(labels.categories),
    legend,
    h(
      "form",
      { class: "pc-form", onsubmit: (e) => e.preventDefault() },
      groups.map((g) => g.group),
      check,
      h(
        "p",
        { class: "pc-hint", id: hintId },
        labels.check_hint,
        content.points ? [". ", labels.first_counts] : null,
      ),
    ),
    feedback,
    ...statusLine(model),
  );
}

export default { render };
