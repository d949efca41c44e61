// Branching conversation: the endings reached before, the conversation so far (an ordered list
// a screen reader can read back), the feedback on the last response, what is said now, and a
// named radio group of responses with Continue (selecting alone commits nothing). Python says
// where the learner is (`response`: the path as ids, the node or ending); the texts are in
// `content`, and where a choice leads is never sent. At an ending the focus moves to its
// heading; after Continue or Start again it stays on the button pressed. When the conversation is
// worth points, the hints say before the first choice that the first ending reached is scored.

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "branching");
  const nodes = Object.fromEntries(content.nodes.map((n) => [n.id, n]));
  const endings = Object.fromEntries(content.endings.map((e) => [e.id, e]));
  let moved = false; // Continue was pressed here: an ending then takes the focus
  let shown = ""; // the moment the radio group was built for (rebuilt only when it changes)
  const said = (node) => [node.speaker ? h("strong", {}, rich(node.speaker), ": ") : null];

  const earlier = h("p", { class: "pc-status pc-earlier" });
  const transcript = h("section", { class: "pc-transcript" });
  const lastFeedback = feedbackBox(model, (f) =>
    f.text ? h("div", { class: "pc-feedback pc-note" }, rich(f.text)) : "",
  );
  const scene = h("div", { class: "pc-scene", "aria-live": "polite" });
  const groupHolder = h("div", { class: "pc-responses" });
  let group = null;
  const go = commitButton(
    model,
    labels.continue,
    labels.choose_first,
    () => group && group.value(),
    (choice) => {
      moved = true;
      model.send({ event: "choose", choice_id: choice });
    },
  );
  const restart = button(
    labels.restart,
    () => {
      moved = false;
      model.send({ event: "restart" });
    },
    "secondary",
  );
  const goHint = uid("hint");
  const restartHint = uid("hint");
  go.setAttribute("aria-describedby", goHint);
  restart.setAttribute("aria-describedby", restartHint);
  const hints = h(
    "p",
    { class: "pc-hint" },
    h("span", { id: goHint, class: "pc-go-hint" }, labels.continue_hint, ". "),
    h("span", { id: restartHint }, labels.restart_hint, "."),
  );
  const firstCounts = content.points
    ? [h("p", { class: "pc-hint pc-first-counts" }, labels.first_counts)]
    : [];

  const show = () => {
    const response = model.get("response") || {};
    const feedback = model.get("feedback") || {};
    const titles = (response.earlier || []).map((id) => endings[id]?.title).filter(Boolean);
    earlier.replaceChildren();
    if (titles.length) {
      earlier.append(labels.earlier.replace("{n}", String(response.attempt)), " ");
      earlier.append(rich(titles.join("; ")));
    }
    const steps = (response.path || []).filter((s) => nodes[s.node]);
    transcript.replaceChildren();
    if (steps.length) {
      const items = steps.map((step) => {
        const node = nodes[step.node];
        const choice = node.choices.find((c) => c.id === step.choice);
        return h(
          "li",
          {},
          h("p", { class: "pc-said" }, said(node), paragraphs(node.text, "span")),
          choice
            ? h("p", { class: "pc-you" }, h("strong", {}, `${labels.you}: `), rich(choice.text))
            : null,
        );
      });
      transcript.append(subheading(labels.so_far), h("ol", {}, items));
    }
    const hadFocus = scene.contains(document.activeElement);
    scene.replaceChildren();
    const node = response.node ? nodes[response.node] : null;
    const ending = response.ending ? endings[response.ending] : null;
    const moment = `${response.attempt}/${steps.length}/${response.node}`;
    if (node) {
      scene.append(h("div", { class: "pc-card pc-now" }, said(node), paragraphs(node.text)));
      if (moment !== shown || !group) {
        group = radioGroup({
          legend: labels.response,
          options: node.choices.map((c) => ({ value: c.id, label: c.text })),
        });
        groupHolder.replaceChildren(group);
        moved = false; // the next moment: the focus stays on Continue
      }
      groupHolder.hidden = false;
      go.hidden = false;
      hints.firstChild.hidden = false;
    } else {
      group = null;
      groupHolder.replaceChildren();
      groupHolder.hidden = true;
      go.hidden = true;
      hints.firstChild.hidden = true;
    }
    if (ending) {
      const css = { strong: "pc-right", mixed: "pc-note", weak: "pc-wrong" }[feedback.outcome];
      const title = h("h4", { class: "pc-subheading", tabindex: "-1" }, rich(ending.title));
      scene.append(
        h(
          "div",
          { class: `pc-feedback pc-ending ${css || "pc-note"}` },
          title,
          feedback.outcome_label ? h("p", {}, h("strong", {}, `${feedback.outcome_label}.`)) : null,
          paragraphs(ending.debrief),
        ),
      );
      // Continue has just gone: the ending's title takes the focus (and keeps it on a redraw)
      if (moved || hadFocus) title.focus();
      moved = false;
    }
    shown = moment;
  };
  model.on("change:response", show);
  model.on("change:feedback", show);
  show();
  el.append(
    ...header(content, labels),
    ...firstCounts,
    earlier,
    transcript,
    lastFeedback,
    scene,
    h(
      "form",
      { class: "pc-form", onsubmit: (e) => e.preventDefault() },
      groupHolder,
      h("div", { class: "pc-actions" }, go, restart),
      hints,
    ),
    ...statusLine(model),
  );
}

export default { render };
