// The family toolkit in the course: the teacher's details (saved as typed, like an action plan),
// one group per offered document (make it or not, and in which language), the paper as a named
// radio group, one button, then a download link for every file Python made. The widget state
// names the files (name, type, size, label), never their bytes: the first click on a link asks
// the kernel for that file, whose bytes come back once as the custom message's buffer; the link
// then holds a Blob URL and saves it, that click and every later one.

function fileLink(model, file) {
  const link = h("a", { href: "#", download: file.filename }, file.label);
  let asked = null; // the pending answer, until it comes or the kernel says it failed
  const answer = (msg, buffers) => {
    if (!msg || msg.file !== file.id) return;
    stop();
    link.href = URL.createObjectURL(new Blob(buffers || [], { type: msg.mime }));
    link.click();
  };
  const failed = () => (model.get("status") || {}).alert && stop(); // a later click asks again
  const stop = () => {
    model.off("msg:custom", answer);
    model.off("change:status", failed);
    asked = null;
  };
  link.addEventListener("click", (event) => {
    if (link.href.startsWith("blob:")) return; // the browser saves the Blob
    event.preventDefault();
    if (asked) return;
    asked = answer;
    model.on("msg:custom", answer);
    model.on("change:status", failed);
    model.send({ event: "download", file: file.id });
  });
  return link;
}

function render({ model, el }) {
  const content = model.get("content");
  const labels = model.get("labels");
  frame(el, "toolkit");
  const saved = () => model.get("response") || {};

  const noteId = uid("details-note");
  const boxes = {};
  const details = h(
    "fieldset",
    { class: "pc-group", "aria-describedby": noteId },
    h("legend", {}, labels.details),
    h("p", { class: "pc-hint", id: noteId }, labels.details_note),
  );
  for (const field of ["name", "role", "school", "phone", "email", "times", "ways"]) {
    const type = { phone: "tel", email: "email" }[field] || "text";
    const box = h("input", { type, maxlength: 200, autocomplete: "off" });
    box.value = (saved().details || {})[field] || "";
    boxes[field] = typedText(box, (text) => model.send({ event: "write", field, text }));
    details.append(h("div", { class: "pc-field" }, ...labelled(labels[`field:${field}`], box)));
  }

  const languages = Object.keys(labels)
    .filter((key) => key.startsWith("lang:"))
    .map((key) => key.slice(5));
  const checks = {};
  const selects = {};
  const documents = content.documents.map((doc) => {
    const noteId = doc.note ? uid("note") : null;
    const check = h("input", {
      type: "checkbox",
      id: uid("make"),
      "aria-describedby": noteId,
      onchange: () => model.send({ event: "include", document: doc.id, chosen: check.checked }),
    });
    const select = h(
      "select",
      { onchange: () => model.send({ event: "language", document: doc.id, lang: select.value }) },
      languages.map((code) => h("option", { value: code, lang: code }, labels[`lang:${code}`])),
    );
    checks[doc.id] = check;
    selects[doc.id] = select;
    return h(
      "fieldset",
      { class: "pc-group pc-toolkit-document" },
      h("legend", {}, labels[`doc:${doc.id}`]),
      noteId ? h("p", { class: "pc-hint", id: noteId }, rich(doc.note)) : null,
      h("div", { class: "pc-check" }, check, h("label", { for: check.id }, labels.include)),
      h("div", { class: "pc-field" }, ...labelled(labels.language, select)),
    );
  });

  const paper = radioGroup({
    legend: labels.paper,
    options: ["letter", "a4"].map((value) => ({ value, label: labels[`paper:${value}`] })),
    checked: saved().paper || "letter",
    onpick: (value) => model.send({ event: "paper", paper: value }),
  });

  const show = () => {
    const response = saved();
    const chosen = new Set(response.documents || []);
    for (const [id, check] of Object.entries(checks)) check.checked = chosen.has(id);
    for (const [id, select] of Object.entries(selects)) {
      select.value = (response.languages || {})[id] || select.value;
    }
    if (response.replace) {
      for (const [field, typed] of Object.entries(boxes)) {
        typed.replace((response.details || {})[field] || "");
      }
      paper.select(response.paper || "letter");
    }
  };
  model.on("change:response", show);
  show();

  const make = button(labels.make, () => {
    for (const typed of Object.values(boxes)) typed.flush();
    model.send({ event: "make" });
  });

  const ready = h("div", { class: "pc-toolkit-files" });
  const showFiles = () => {
    const files = (model.get("feedback") || {}).files || [];
    for (const old of ready.querySelectorAll("a[href^='blob:']")) URL.revokeObjectURL(old.href);
    ready.replaceChildren();
    if (!files.length) return;
    ready.append(
      subheading(labels.ready),
      h(
        "ul",
        {},
        files.map((file) => h("li", {}, fileLink(model, file))),
      ),
    );
  };
  model.on("change:feedback", showFiles);
  showFiles();

  const prompt = content.prompt ? [h("div", { class: "pc-prompt" }, ...paragraphs(content.prompt))] : [];
  el.append(
    ...header(content, labels),
    ...prompt,
    details,
    h("h4", { class: "pc-subheading" }, labels.documents),
    ...documents,
    paper,
    h("p", {}, make),
    ...statusLine(model),
    ready,
  );
}

export default { render };
