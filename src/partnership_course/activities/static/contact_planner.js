// Contact planner: the privacy note, a form for one family (code, language, channel,
// interpreter, next IEP meeting; each control labelled above it), the families listed so far
// with a way to remove one, the weekly rhythm (first week, families a week, weeks; sent about a
// second after the last key and at once on blur), then the summary, the plan as a captioned
// table and its CSV download, all drawn from what Python saved.

function plannerTable(caption, columns, rows, rowHeader = true) {
  return h(
    "table",
    {},
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, rich(c))))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          {},
          row.map((cell, i) =>
            i === 0 && rowHeader ? h("th", { scope: "row" }, cell) : h("td", {}, rich(cell)),
          ),
        ),
      ),
    ),
  );
}

function optionsOf(items) {
  return items.map((o) => h("option", { value: o.id }, plainText(o.label)));
}

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  const words = content.labels;
  frame(el, "contact_planner");
  const saved = () => model.get("response") || {};
  const labelOf = (items, id) => plainText((items.find((o) => o.id === id) || { label: id }).label);

  // -- one family -------------------------------------------------------------------------
  const helpId = uid("help");
  const code = h("input", { type: "text", maxlength: 12, autocomplete: "off", "aria-describedby": helpId });
  const language = h("select", {}, optionsOf(content.languages));
  const channel = h("select", {}, optionsOf(content.channels));
  const interpreterId = uid("interpreter");
  const interpreter = h("input", { type: "checkbox", id: interpreterId });
  const meeting = h("input", { type: "date" });
  const add = button(words.add, () =>
    model.send({
      event: "add",
      code: code.value,
      language: language.value,
      channel: channel.value,
      interpreter: interpreter.checked,
      iep_date: meeting.value || null,
    }),
  );
  const form = h(
    "div",
    { class: "pc-planner-form" },
    h("div", { class: "pc-field" }, ...labelled(rich(words.code), code), h("p", { class: "pc-hint", id: helpId }, rich(words.code_help))),
    h("div", { class: "pc-field" }, ...labelled(rich(words.language), language)),
    h("div", { class: "pc-field" }, ...labelled(rich(words.channel), channel)),
    h("div", { class: "pc-check" }, interpreter, h("label", { for: interpreterId }, rich(words.interpreter))),
    h("div", { class: "pc-field" }, ...labelled(rich(words.iep_date), meeting)),
    add,
  );

  // -- the families so far, and removing one ----------------------------------------------
  const listed = h("div", { class: "pc-families" });
  const which = h("select", {});
  const remove = button(words.remove, () => {
    if (which.value) model.send({ event: "remove", code: which.value });
  }, "secondary");
  const removeField = h("div", { class: "pc-field pc-remove" }, ...labelled(rich(words.remove_which), which), remove);
  const removal = h("div", {}); // holds the field only while there is a family to remove

  // -- the rhythm ---------------------------------------------------------------------------
  const start = h("input", { type: "date" });
  const perWeek = h("input", { type: "number", min: 1, max: 30, step: 1, inputmode: "numeric" });
  const weeks = h("input", { type: "number", min: 1, max: 52, step: 1, inputmode: "numeric" });
  const rhythm = [
    [start, "start"],
    [perWeek, "per_week"],
    [weeks, "weeks"],
  ].map(([box, key]) => {
    box.value = String(saved()[key] ?? "");
    return [box, key, typedText(box, (value) => model.send({ event: "rhythm", [key]: value }))];
  });

  // -- what Python sends back ---------------------------------------------------------------
  const summary = h("div", { class: "pc-feedback-region", role: "status", "aria-live": "polite" });
  const plan = h("div", { class: "pc-plan" });
  const link = h("p", {});
  let added = saved().added || 0;
  const showFamilies = () => {
    const response = saved();
    const families = response.families || [];
    const columns = [words.code, words.language, words.channel, words.interpreter, words.iep_date];
    listed.replaceChildren(
      families.length
        ? scrolling(labels.families_caption, plannerTable(
            labels.families_caption,
            columns,
            families.map((f) => [
              f.code,
              labelOf(content.languages, f.language),
              labelOf(content.channels, f.channel),
              f.interpreter ? labels.yes : labels.no,
              f.iep_date || "-",
            ]),
          ))
        : h("p", {}, rich(words.no_families)),
    );
    const chosen = which.value;
    which.replaceChildren(...families.map((f) => h("option", { value: f.code }, f.code)));
    if (families.some((f) => f.code === chosen)) which.value = chosen;
    if (families.length && !removeField.isConnected) removal.append(removeField);
    if (!families.length) removal.replaceChildren();
    for (const [box, key, typed] of rhythm) {
      if (response.replace || box !== document.activeElement) typed.replace(String(response[key] ?? ""));
    }
    if ((response.added || 0) !== added) {
      added = response.added || 0;
      code.value = "";
      interpreter.checked = false;
      meeting.value = "";
    }
  };
  const showPlan = () => {
    const feedback = model.get("feedback") || {};
    summary.replaceChildren();
    plan.replaceChildren();
    link.replaceChildren();
    if (!feedback.summary) return;
    summary.append(
      h(
        "div",
        { class: `pc-feedback ${feedback.warning ? "pc-note" : "pc-right"}` },
        h("p", {}, feedback.summary),
        feedback.warning ? h("p", {}, feedback.warning) : null,
      ),
    );
    plan.append(
      scrolling(
        labels.plan_caption,
        plannerTable(labels.plan_caption, feedback.plan.columns, feedback.plan.rows, false),
      ),
    );
    link.append(downloadLink(feedback.download, plainText(words.download)));
  };
  model.on("change:response", showFamilies);
  model.on("change:feedback", showPlan);
  showFamilies();
  showPlan();

  el.append(
    ...header(content, labels),
    content.privacy_note ? h("div", { class: "pc-feedback pc-note" }, ...paragraphs(content.privacy_note)) : "",
    subheading(labels.your_families),
    form,
    listed,
    removal,
    subheading(labels.your_rhythm),
    h(
      "div",
      { class: "pc-planner-form" },
      h("div", { class: "pc-field" }, ...labelled(rich(words.start), start)),
      h("div", { class: "pc-field" }, ...labelled(rich(words.per_week), perWeek)),
      h("div", { class: "pc-field" }, ...labelled(rich(words.weeks), weeks)),
    ),
    summary,
    plan,
    link,
    ...statusLine(model),
  );
}

export default { render };
