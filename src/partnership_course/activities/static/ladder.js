// Ladder of Inference: four steps on one page, every choice a named radio group (arrows move
// and choose; each choice is saved). Step 1 marks statements as data or not; step 2 climbs the
// rungs in order, each opening when the one below has a choice (the focus stays where it is,
// and the next rung is the next Tab stop). Before the last rung (the action) the learner writes
// one other explanation of what they saw, saved as typed; the action rung opens once it holds
// text, and the word that it was saved arrives in a live region. Steps 3 and 4 open once the top
// rung is chosen.
// Feedback arrives from Python for the choices made, never before.

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "ladder");
  const response = () => model.get("response") || {};
  const feedback = () => model.get("feedback") || {};
  const guard = echoGuard();
  const groups = []; // {key, group, saved: () => value}

  const group = (key, options, saved, send, legend, hint) => {
    const made = radioGroup({
      legend,
      options,
      checked: saved(),
      hint,
      onpick: (value) => {
        guard.pick(key, value);
        send(value);
      },
    });
    groups.push({ key, group: made, saved });
    return made;
  };
  const note = () => h("div", { class: "pc-note-holder", "aria-live": "polite" });

  // step 1: observable data or not
  const markNotes = {};
  const marks = content.statements.map((statement, index) => {
    markNotes[statement.id] = note();
    const fieldset = group(
      `mark:${statement.id}`,
      [
        { value: "true", label: labels.observable },
        { value: "false", label: labels.added },
      ],
      () => {
        const mark = (response().marks || {})[statement.id];
        return mark === undefined ? null : String(mark);
      },
      (value) =>
        model.send({ event: "mark", statement_id: statement.id, observable: value === "true" }),
      [h("span", { class: "pc-card-number" }, `${index + 1}.`), " ", rich(statement.text)],
    );
    fieldset.classList.add("pc-card");
    return [fieldset, markNotes[statement.id]];
  });
  const markScore = h("p", { class: "pc-score", "aria-live": "polite" });

  // step 2: the climb
  const rungs = content.rungs.map((step) => {
    const holder = note();
    const label = labels[`rung_${step.rung}`];
    const fieldset = group(
      `climb:${step.rung}`,
      step.options.map((o) => ({ value: o.id, label: o.text })),
      () => (response().climb || {})[step.rung] ?? null,
      (value) => model.send({ event: "climb", rung: step.rung, option_id: value }),
      [h("span", { class: "pc-rung-title" }, label)],
      paragraphs(step.prompt, "span"),
    );
    fieldset.classList.add("pc-rung");
    return { step, section: h("div", { class: "pc-rung-step" }, fieldset, holder), holder };
  });
  const summary = h("div", { class: "pc-summary", "aria-live": "polite" });

  // before the action rung: one other explanation, in the learner's own words
  const explainBox = h("textarea", { class: "pc-short pc-explanation", rows: 3 });
  explainBox.value = response().explanation || "";
  const explainHow = uid("hint");
  explainBox.setAttribute("aria-describedby", explainHow);
  const typed = typedText(explainBox, (text) => model.send({ event: "explain", text }));
  const explainNote = note();
  const explain = h(
    "div",
    { class: "pc-rung-step pc-explain" },
    subheading(labels.explain_title),
    h("p", { class: "pc-hint", id: explainHow }, labels.explain_how),
    ...labelled(labels.explain_label, explainBox),
    explainNote,
  );
  const lastRung = rungs.find((r) => r.step.rung === "actions") || rungs[rungs.length - 1];

  // steps 3 and 4, once the top rung is chosen
  const loop = h("section", { class: "pc-loop" });
  const askNotes = {};
  const asks = content.climb_down.map((item, index) => {
    askNotes[item.id] = note();
    const name = labels.assumption.replace("{n}", String(index + 1));
    const fieldset = group(
      `ask:${item.id}`,
      item.questions.map((q) => ({ value: q.id, label: q.text })),
      () => (response().asks || {})[item.id] ?? null,
      (value) => model.send({ event: "ask", assumption_id: item.id, option_id: value }),
      [h("span", { class: "pc-card-number" }, `${name}:`), " ", rich(item.assumption)],
    );
    fieldset.classList.add("pc-ask");
    return [fieldset, askNotes[item.id]];
  });
  const down = h(
    "section",
    { class: "pc-down" },
    subheading(labels.step4),
    h("p", {}, labels.step4_how),
    asks.flat(),
  );

  const verdictBox = (good, verdict, text) =>
    h(
      "div",
      { class: `pc-feedback ${good ? "pc-right" : "pc-wrong"}` },
      h("strong", {}, verdict),
      " ",
      rich(text),
    );
  const fill = (holder, child) => {
    // replaced only when it says something new, so a live region does not repeat itself
    const key = child ? child.textContent : "";
    if (holder.dataset.said === key) return;
    holder.dataset.said = key;
    holder.replaceChildren(...(child ? [child] : []));
  };

  const show = () => {
    const r = response();
    const f = feedback();
    for (const { key, group: made, saved } of groups) {
      const value = saved();
      if (guard.settle(key, value ?? "")) made.select(value);
    }
    for (const statement of content.statements) {
      const n = (f.marks || {})[statement.id];
      fill(markNotes[statement.id], n ? verdictBox(n.right, n.verdict, n.text) : null);
    }
    if (document.activeElement !== explainBox && (r.explanation || "") !== explainBox.value) {
      typed.replace(r.explanation || ""); // saved elsewhere (another tab): shown, not re-sent
    }
    fill(
      explainNote,
      f.explanation ? h("div", { class: "pc-feedback pc-right" }, f.explanation) : null,
    );
    markScore.textContent = "";
    if (f.mark_score) markScore.append(h("strong", {}, f.mark_score));
    let open = true; // each rung opens when the one below it has a choice
    for (const { step, section, holder } of rungs) {
      if (step === lastRung.step) {
        explain.hidden = !open; // the explanation comes before the action rung
        open = open && Boolean(r.explained);
      }
      section.hidden = !open;
      const text = (f.climb || {})[step.rung];
      fill(holder, text ? h("div", { class: "pc-feedback pc-note" }, rich(text)) : null);
      open = (r.climb || {})[step.rung] !== undefined;
    }
    const lines = f.summary || [];
    fill(
      summary,
      lines.length
        ? h(
            "div",
            { class: "pc-feedback pc-note" },
            h("p", {}, labels.so_far),
            h(
              "ul",
              {},
              lines.map((line) => h("li", {}, h("strong", {}, `${line.label}:`), " ", rich(line.text))),
            ),
          )
        : null,
    );
    const mine = f.loop || {};
    loop.hidden = !r.climbed;
    down.hidden = !r.climbed;
    loop.replaceChildren();
    if (r.climbed) {
      loop.append(subheading(labels.step3), ...paragraphs(content.loop));
      if (mine.belief) {
        loop.append(h("p", {}, h("strong", {}, `${labels.belief}:`), " ", rich(mine.belief)));
        loop.append(...paragraphs(mine.next_time));
      }
    }
    for (const item of content.climb_down) {
      const n = (f.asks || {})[item.id];
      fill(askNotes[item.id], n ? verdictBox(n.good, n.verdict, n.text) : null);
    }
  };
  model.on("change:response", show);
  model.on("change:feedback", show);
  el.append(
    ...header(content, labels),
    h("div", { class: "pc-prompt" }, paragraphs(content.situation)),
    subheading(labels.step1),
    h("p", {}, labels.step1_how),
    ...marks.flat(),
    markScore,
    subheading(labels.step2),
    h("p", {}, labels.step2_how),
    ...rungs.flatMap((r) => (r === lastRung ? [explain, r.section] : [r.section])),
    summary,
    loop,
    down,
    ...statusLine(model),
  );
  show();
}

export default { render };
