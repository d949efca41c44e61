// Action plan: the prompt, then each field with its label (and help) above a full-width box,
// typing sent about a second after the last key and at once on blur or when the page is
// hidden; a summary of the plan as saved and a link to download it as Markdown.

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "action_plan");
  const fields = () => (model.get("response") || {}).fields || {};
  const boxes = {};
  const rows = content.fields.map((field) => {
    const helpId = field.help ? uid("help") : null;
    const box = field.multiline
      ? h("textarea", { class: "pc-short", rows: 3 })
      : h("input", { type: "text" });
    box.maxLength = field.max_chars;
    if (helpId) box.setAttribute("aria-describedby", helpId);
    box.value = fields()[field.id] || "";
    boxes[field.id] = typedText(box, (text) =>
      model.send({ event: "write", field_id: field.id, text }),
    );
    return h(
      "div",
      { class: "pc-field" },
      ...labelled(rich(field.label), box),
      helpId ? h("p", { class: "pc-hint", id: helpId }, rich(field.help)) : null,
    );
  });

  const titleId = uid("summary");
  const summary = h("section", { class: "pc-feedback pc-note", "aria-labelledby": titleId });
  const link = h("p", {});
  const showSummary = () => {
    const saved = fields();
    const feedback = model.get("feedback") || {};
    summary.replaceChildren(
      h("h4", { id: titleId }, rich(content.summary_title)),
      h(
        "dl",
        {},
        content.fields.flatMap((f) => [
          h("dt", {}, rich(f.label)),
          h("dd", {}, (saved[f.id] || "").trim() || labels.not_yet),
        ]),
      ),
      h("p", { role: "status" }, feedback.complete ? labels.complete : ""),
    );
    link.replaceChildren();
    if (feedback.download) link.append(downloadLink(feedback.download, labels.download));
  };
  model.on("change:response", () => {
    const response = model.get("response") || {};
    if (response.replace) {
      for (const [id, typed] of Object.entries(boxes)) typed.replace(response.fields[id] || "");
    }
    showSummary();
  });
  model.on("change:feedback", showSummary);
  showSummary();
  const prompt = content.prompt ? [h("div", { class: "pc-prompt" }, ...paragraphs(content.prompt))] : [];
  el.append(
    ...header(content, labels),
    ...prompt,
    ...rows,
    summary,
    link,
    ...statusLine(model),
  );
}

export default { render };
