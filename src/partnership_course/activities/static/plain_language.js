// Plain-language check: the prompt, the draft's label above a full-width text area (typing
// sent about a second after the last key, at once on blur or when the page is hidden), "Check
// my message", and the findings as a captioned table announced once per check.

function findings(labels, f) {
  if (f.none) return h("div", { class: "pc-feedback pc-right" }, h("p", {}, f.none));
  const col = (text, css = null) => h("th", { scope: "col", class: css }, text);
  return h(
    "div",
    {},
    h("div", { class: "pc-feedback pc-note" }, h("p", {}, h("strong", {}, f.summary))),
    scrolling(labels.caption, h(
      "table",
      {},
      h("caption", {}, labels.caption),
      h("thead", {}, h("tr", {}, col(labels.term), col(labels.times, "pc-count"), col(labels.plainer), col(labels.note))),
      h(
        "tbody",
        {},
        f.rows.map((row) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, row.written),
            h("td", { class: "pc-count" }, String(row.count)),
            h("td", {}, rich(row.plain)),
            h("td", {}, rich(row.note)),
          ),
        ),
      ),
    )),
  );
}

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "plain_language");
  const box = h("textarea", { rows: 8, placeholder: labels.placeholder });
  box.value = (model.get("response") || {}).text || "";
  const typed = typedText(box, (text) => model.send({ event: "write", text }));
  model.on("change:response", () => {
    const response = model.get("response") || {};
    if (response.replace) typed.replace(response.text || "");
  });
  const hintId = uid("hint");
  const check = button(labels.check, () => {
    typed.replace(box.value); // the check carries the text: nothing left to send on blur
    model.send({ event: "check", text: box.value });
  });
  check.setAttribute("aria-describedby", hintId);
  el.append(
    ...header(content, labels),
    h("div", { class: "pc-prompt" }, ...paragraphs(content.prompt), ...paragraphs(content.guidance)),
    ...labelled(labels.your_draft, box),
    check,
    h("p", { class: "pc-hint", id: hintId }, labels.hint),
    feedbackBox(model, (f) => findings(labels, f)),
    ...statusLine(model),
  );
}

export default { render };
