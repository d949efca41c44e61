// Helpers every activity's front end shares. The page imports this file once, as its own module
// (activities/delivery.py exports every top-level name; each kind's module imports them; the
// kernel sends both once per page, see static/loader.js), so there is no build step and nothing
// is fetched at run time. Every text goes in as a text node: learner and
// content text is shown exactly, never interpreted as HTML.

/** A page-unique id (two copies of an activity on one page never share ids or radio names):
 * the counter is the page's, shared by every kind's module. */
function uid(prefix) {
  globalThis.__pcCounter = (globalThis.__pcCounter || 0) + 1;
  return `pc-${prefix}-${Date.now().toString(36)}-${globalThis.__pcCounter}`;
}

/** Create an element: attributes (on* as listeners, `null` skipped), then children. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const LANG_MARK = /\[lang=([a-z]{2}(?:-[A-Z]{2})?)\]([\s\S]*?)\[\/lang\]/g;

/** Content text with `[lang=xx]...[/lang]` marks turned into <span lang>, everything escaped. */
function rich(text) {
  const out = document.createDocumentFragment();
  const source = String(text ?? "");
  let last = 0;
  for (const match of source.matchAll(LANG_MARK)) {
    out.append(source.slice(last, match.index));
    out.append(h("span", { lang: match[1] }, match[2]));
    last = match.index + match[0].length;
  }
  out.append(source.slice(last));
  return out;
}

/** Blank-line separated paragraphs, as <p> elements (or spans, where only phrasing fits). */
function paragraphs(text, tag = "p") {
  const chunks = String(text ?? "").split(/\n\s*\n/).map((c) => c.trim()).filter(Boolean);
  return chunks.map((c) => h(tag, { class: tag === "p" ? null : "pc-para" }, rich(c)));
}

/** The activity's heading, introduction and sources. */
function header(content, labels) {
  const parts = [h("h3", { class: "pc-title" }, rich(content.title))];
  if (content.intro) parts.push(...paragraphs(content.intro));
  const sources = (content.citations || []).map(
    (c) => c.source + (c.detail ? `, ${c.detail}` : ""),
  );
  if (sources.length) {
    // "A, detail; B": after a source that ends its own sentence, a space, never ". ;"
    const line = sources.reduce((text, next) => text + (/[.!?]$/.test(text) ? " " : "; ") + next);
    parts.push(h("p", { class: "pc-citation" }, `${labels.sources}: `, rich(line)));
  }
  return parts;
}

/** A live region that says what the `status` trait says (an alert when something failed). */
function statusLine(model) {
  const polite = h("div", { class: "pc-status", role: "status", "aria-live": "polite" });
  const alert = h("div", { class: "pc-status pc-alert", role: "alert" });
  const show = () => {
    const status = model.get("status") || {};
    polite.textContent = status.alert ? "" : status.text || "";
    alert.textContent = status.alert ? status.text || "" : "";
  };
  model.on("change:status", show);
  show();
  return [polite, alert];
}

/** A feedback box (a polite live region); `fill` draws its body from the `feedback` trait. */
function feedbackBox(model, fill) {
  const box = h("div", { class: "pc-feedback-region", role: "status", "aria-live": "polite" });
  const show = () => {
    const feedback = model.get("feedback") || {};
    box.replaceChildren();
    if (Object.keys(feedback).length) box.append(fill(feedback));
  };
  model.on("change:feedback", show);
  show();
  return box;
}

/** A radio group as fieldset/legend with one shared name: one Tab stop, arrows move and select
 * (the browser's own radio behaviour, as the ARIA Authoring Practices radio group describes).
 * `options`: [{value, label}]; `onpick(value)` runs when the learner selects one. */
function radioGroup({ legend, options, checked, onpick, hint }) {
  const name = uid("group");
  const hintId = hint ? uid("hint") : null;
  const inputs = [];
  const rows = options.map((option) => {
    const id = uid("radio");
    const input = h("input", {
      type: "radio",
      name,
      id,
      value: String(option.value),
      checked: String(option.value) === String(checked ?? ""),
      onchange: () => onpick && onpick(option.value),
    });
    inputs.push(input);
    return h("div", { class: "pc-radio" }, input, h("label", { for: id }, rich(option.label)));
  });
  const set = h(
    "fieldset",
    { class: "pc-group", "aria-describedby": hintId },
    h("legend", {}, legend),
    hint ? h("p", { class: "pc-hint", id: hintId }, hint) : null,
    rows,
  );
  set.select = (value) => {
    for (const input of inputs) input.checked = input.value === String(value ?? "");
  };
  set.value = () => inputs.find((i) => i.checked)?.value ?? null;
  return set;
}

/** A button that keeps its label on one or more lines and never stretches. */
function button(label, onclick, kind = "primary") {
  return h("button", { type: "button", class: `pc-button pc-${kind}`, onclick }, label);
}

/** A button that commits a radio group's choice: `send(value)`, or, with nothing chosen, the
 *  status line says `chooseFirst` (choosing with the arrows commits nothing; this button does). */
function commitButton(model, label, chooseFirst, picked, send) {
  return button(label, () => {
    const value = picked();
    if (value === null || value === undefined || value === "") {
      model.set("status", { text: chooseFirst, alert: false });
      model.save_changes();
      return;
    }
    send(value);
  });
}

/** Call `fn` at most once per `wait` ms after the last call; `flush()` runs it now if pending. */
function debounce(fn, wait) {
  let timer = null;
  const run = () => {
    timer = null;
    fn();
  };
  const call = () => {
    clearTimeout(timer);
    timer = setTimeout(run, wait);
  };
  call.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      run();
    }
  };
  return call;
}

/** Root element classes and the activity frame shared by every kind. */
function frame(el, kind) {
  el.classList.add("pc-activity", `pc-${kind.replace(/_/g, "-")}`);
  el.replaceChildren();
  keysStayHere(el);
  return el;
}

/** JupyterLab and Notebook 7 take keys pressed on a focused radio, box or button for their
 * notebook commands (arrows move between cells, Enter edits a cell), so the radio group pattern
 * and keyboard activation failed there. Lumino skips its shortcuts for an event whose target
 * carries `data-lm-suppress-shortcuts`, so each control in `el` gets it as it takes the focus. */
function keysStayHere(el) {
  el.addEventListener("focusin", (event) => {
    event.target.setAttribute?.("data-lm-suppress-shortcuts", "true");
  });
}

// ---- sort, branching, ladder (issue 15, "widgets") ------------------------------------------

/** Picks the learner made that Python has not echoed yet: the echo of an earlier save must not
 * undo a newer pick (arrowing through a group sends one event per radio). `settle(key, saved)`
 * says whether `saved` may be shown for `key` now. */
function echoGuard() {
  const pending = new Map();
  return {
    pick(key, value) {
      pending.set(key, String(value));
    },
    settle(key, saved) {
      if (!pending.has(key)) return true;
      if (pending.get(key) !== String(saved ?? "")) return false;
      pending.delete(key);
      return true;
    },
  };
}

/** A small heading under the activity's own h3 (headings stay in order). */
function subheading(text) {
  return h("h4", { class: "pc-subheading" }, rich(text));
}

// ---- widgets2: learner text saved like a reflection, labelled controls (starters,
// action_plan, contact_planner, plain_language) ----

/** Send a text box's text about `wait` ms after the last key, at once when it loses the focus
 * and when the page is hidden or closed; `send(text)` runs only when the text changed.
 * `now()` sends at once whatever it holds; `replace(text)` shows text from Python unsent. */
function typedText(box, send, wait = 1000) {
  let sent = box.value;
  const now = () => {
    sent = box.value;
    send(box.value);
  };
  const typed = debounce(() => {
    if (box.value !== sent) now();
  }, wait);
  box.addEventListener("input", typed);
  box.addEventListener("blur", typed.flush);
  window.addEventListener("pagehide", typed.flush);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") typed.flush();
  });
  return {
    flush: typed.flush,
    now,
    replace: (text) => {
      box.value = text;
      sent = text;
    },
  };
}

/** A control with its visible label above it: [label, control]; the control gets an id. */
function labelled(text, control, extra = {}) {
  const id = control.id || uid("field");
  control.id = id;
  return [h("label", { class: "pc-above", for: id, ...extra }, text), control];
}

/** An interface string with its `{name}` placeholders filled in. */
function fill(template, values) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (whole, key) =>
    key in values ? String(values[key]) : whole,
  );
}

/** Content text as plain text (for an <option>, which holds no markup). */
function plainText(text) {
  return rich(text).textContent;
}

/** An `<a download>` link for a file Python prepared ({filename, mime, data: base64}). */
function downloadLink(file, label) {
  return h(
    "a",
    { download: file.filename, href: `data:${file.mime};charset=utf-8;base64,${file.data}` },
    label,
  );
}

// ---- widgets: wide data tables (contact_planner, plain_language) ----

/** A wide table in its own focusable, named region that scrolls sideways on a narrow screen
 *  (a data table may; the page never does, WCAG 1.4.10). */
function scrolling(name, table) {
  return h("div", { class: "pc-scroll", role: "region", tabindex: 0, "aria-label": name }, table);
}
