// Reflection: the prompt, a label above a full-width text area, "The facilitator may read this",
// the word count, and the earlier versions. Typing is sent about a second after the last key
// and at once when the field loses focus or the page is hidden or closed (`write`, through
// shared.js `typedText`, as the other kinds that take typed text). When
// another copy of the page saved newer text, both texts are shown and the learner picks.

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "reflection");
  const boxId = uid("text");
  const countId = uid("count");
  const box = h("textarea", {
    id: boxId,
    rows: 10,
    placeholder: labels.placeholder,
    "aria-describedby": countId,
  });
  box.value = (model.get("response") || {}).text || "";
  const typed = typedText(box, (text) => model.send({ event: "write", text }));

  const shareId = uid("share");
  const share = h("input", {
    type: "checkbox",
    id: shareId,
    checked: (model.get("response") || {}).shared !== false,
    onchange: () => {
      typed.flush();
      model.send({ event: "share", shared: share.checked });
    },
  });

  const count = h("p", { class: "pc-status", id: countId });
  const showCount = () => {
    count.textContent = (model.get("feedback") || {}).count || "";
  };
  model.on("change:feedback", showCount);
  showCount();

  // the page's text is replaced only when Python says so (a restore, a newer copy chosen),
  // never by the echo of what the learner is typing
  model.on("change:response", () => {
    const response = model.get("response") || {};
    share.checked = response.shared !== false;
    if (response.replace) {
      typed.replace(response.text || "");
      box.focus();
    }
  });

  const conflict = h("div", { class: "pc-conflict-holder" });
  const showConflict = () => {
    const c = model.get("conflict") || {};
    conflict.replaceChildren();
    if (!c.newer && c.newer !== "") return;
    const keep = button(labels.keep_mine, () => model.send({ event: "keep_mine" }));
    const take = button(labels.use_newer, () => model.send({ event: "use_newer" }), "secondary");
    conflict.append(
      h(
        "div",
        { class: "pc-conflict", role: "group", "aria-label": labels.two_texts },
        h("p", {}, h("strong", {}, labels.two_texts)),
        h("p", {}, labels.newer_text),
        h("blockquote", {}, c.newer),
        h("p", {}, labels.your_text),
        h("blockquote", {}, c.mine),
        keep,
        take,
      ),
    );
    keep.focus();
  };
  model.on("change:conflict", showConflict);

  const list = h("div", { class: "pc-versions", "aria-live": "polite" });
  const showVersions = () => {
    const versions = model.get("versions") || [];
    list.replaceChildren();
    if (!versions.length) {
      list.append(h("p", {}, labels.no_versions));
      return;
    }
    for (const v of versions) {
      list.append(
        h(
          "div",
          { class: "pc-version" },
          h("p", {}, v.when),
          h("blockquote", {}, v.text),
          button(labels.bring_back, () => model.send({ event: "bring_back", version: v.id }), "secondary"),
        ),
      );
    }
  };
  model.on("change:versions", showVersions);
  const details = h(
    "details",
    {
      ontoggle: () => {
        if (details.open) model.send({ event: "list_versions" });
      },
    },
    h("summary", {}, labels.earlier),
    list,
  );

  el.append(
    ...header(content, labels),
    h("div", { class: "pc-prompt" }, ...paragraphs(content.prompt), ...paragraphs(content.guidance)),
    h("label", { class: "pc-above", for: boxId }, labels.your_reflection),
    box,
    count,
    h("div", { class: "pc-check" }, share, h("label", { for: shareId }, labels.shared)),
    conflict,
    details,
    ...statusLine(model),
  );
  showConflict();
}

export default { render };
