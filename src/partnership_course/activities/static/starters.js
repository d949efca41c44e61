// Empathy starters: per family statement, a named radio group of replies committed with
// "Check my reply" (arrowing through the replies spends nothing), the feedback on the reply
// checked, then a sentence-starter drop-down and a text area, each labelled above. The text is
// sent about a second after the last key and at once on blur or when the page is hidden.

function statementView(model, labels, content, statement, n) {
  const sid = statement.id;
  const mine = () => ((model.get("response") || {}).statements || {})[sid] || {};
  const headingId = uid("statement");
  const group = radioGroup({
    legend: fill(labels.reply_legend, { n }),
    options: statement.replies.map((r) => ({ value: r.id, label: r.text })),
    checked: mine().reply,
  });
  const check = commitButton(model, labels.check, labels.choose_first, group.value, (option) =>
    model.send({ event: "reply", statement_id: sid, option_id: option }),
  );
  check.setAttribute("aria-describedby", headingId);
  const note = h("div", { class: "pc-feedback-region", role: "status", "aria-live": "polite" });
  const showNote = () => {
    const f = (model.get("feedback") || {})[sid];
    note.replaceChildren();
    if (!f) return;
    note.append(
      h(
        "div",
        { class: `pc-feedback ${f.empathy ? "pc-right" : "pc-wrong"}` },
        h("strong", {}, `${f.label}.`),
        " ",
        rich(f.text),
      ),
    );
  };

  const menu = h(
    "select",
    {},
    h("option", { value: "" }, labels.no_starter),
    content.starters.map((s) => h("option", { value: s.id }, plainText(s.text))),
  );
  menu.value = mine().starter || "";
  const previewId = uid("preview");
  const box = h("textarea", {
    class: "pc-short",
    rows: 3,
    placeholder: labels.placeholder,
    "aria-describedby": previewId,
  });
  box.value = mine().text || "";
  const send = (text) =>
    model.send({ event: "compose", statement_id: sid, starter_id: menu.value, text });
  const typed = typedText(box, send);
  menu.addEventListener("change", typed.now);
  const preview = h("p", { class: "pc-status pc-preview", id: previewId });
  const showPreview = () => {
    const composed = mine().composed || "";
    preview.replaceChildren();
    if (composed.trim()) preview.append(h("strong", {}, `${labels.reads}:`), " ", composed);
  };

  const redraw = () => {
    const response = model.get("response") || {};
    if (response.replace) {
      group.select(mine().reply);
      menu.value = mine().starter || "";
      typed.replace(mine().text || "");
    }
    showPreview();
  };
  showNote();
  showPreview();
  const view = h(
    "div",
    { class: "pc-statement" },
    h("h4", { id: headingId }, fill(labels.statement, { n })),
    h("p", { class: "pc-family-says" }, h("strong", {}, rich(statement.speaker), ":"), " ", rich(statement.text)),
    h("form", { class: "pc-form", onsubmit: (e) => e.preventDefault() }, group, check),
    note,
    h("div", { class: "pc-prompt" }, ...paragraphs(labels.compose_intro)),
    ...labelled(fill(labels.starter, { n }), menu),
    ...labelled(fill(labels.finish, { n }), box),
    preview,
  );
  return { view, showNote, redraw };
}

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "starters");
  const views = content.statements.map((s, i) => statementView(model, labels, content, s, i + 1));
  model.on("change:feedback", () => views.forEach((v) => v.showNote()));
  model.on("change:response", () => views.forEach((v) => v.redraw()));
  el.append(...header(content, labels), ...views.map((v) => v.view), ...statusLine(model));
}

export default { render };
