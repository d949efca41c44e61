// Knowledge check: a named radio group, a Check button, feedback on the option checked.
// Selecting with the arrows commits nothing (a keyboard user moves through options freely);
// "Check my answer" sends `choose`, the same public method notebooks and tests call.

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "choice");
  const group = radioGroup({
    legend: paragraphs(content.question, "span"),
    options: content.options.map((o) => ({ value: o.id, label: o.text })),
    checked: (model.get("response") || {}).choice,
    hint: content.points ? labels.first_counts : null,
  });
  const check = commitButton(model, labels.check, labels.choose_first, group.value, (option) =>
    model.send({ event: "choose", option }),
  );
  const feedback = feedbackBox(model, (f) =>
    h(
      "div",
      { class: `pc-feedback ${f.correct ? "pc-right" : "pc-wrong"}` },
      h("strong", {}, f.verdict),
      " ",
      rich(f.text),
    ),
  );
  model.on("change:response", () => group.select((model.get("response") || {}).choice));
  el.append(
    ...header(content, labels),
    h("form", { class: "pc-form", onsubmit: (e) => e.preventDefault() }, group, check),
    feedback,
    ...statusLine(model),
  );
}

export default { render };
