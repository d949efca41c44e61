// The small module every activity model carries as its `_esm` (activities/delivery.py, which
// strips these comments). The kind's module, the shared helpers and the CSS cross the wire once
// per page: the first activity that needs a piece asks its kernel for it with a custom message,
// and every later one on the page reuses the same promise (a page-wide map, by key; the keys
// carry a hash of the code). Nothing is fetched over HTTP.
// Only `render`: anywidget fails a model whose `initialize` takes over 2 s, and a kernel still
// running a page's cells answers only between cells. The kinds' modules have no `initialize`.

const KIND = "__PC_KIND_KEY__";
const SHARED = "__PC_SHARED_KEY__";
const CSS = "__PC_CSS_KEY__";
// after WAIT_MS without an answer the loader gives up; the next activity asks again
const WAIT_MS = 120000;

const pieces = (globalThis.__partnershipCourse ??= new Map());

function ask(model, key) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      model.off("msg:custom", answer);
      reject(new Error(`the kernel did not send ${key}`));
    }, WAIT_MS);
    function answer(msg) {
      if (!msg || msg.module !== key) return;
      clearTimeout(timer);
      model.off("msg:custom", answer);
      resolve(msg);
    }
    model.on("msg:custom", answer);
    model.send({ event: "module", key });
  });
}

function once(model, key, use) {
  let found = pieces.get(key);
  if (!found) {
    found = ask(model, key).then(use);
    found.catch(() => pieces.delete(key));
    pieces.set(key, found);
  }
  return found;
}

function blob(source) {
  return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
}

function styles(model) {
  return once(model, CSS, ({ css }) => {
    if (document.getElementById(CSS)) return;
    const style = document.createElement("style");
    style.id = CSS;
    style.textContent = css;
    document.head.append(style);
  });
}

// the shared module's URL is never revoked: every kind's module imports it
function shared(model) {
  return once(model, SHARED, ({ source }) => blob(source));
}

function kind(model) {
  return once(model, KIND, async ({ source }) => {
    const url = blob(source.replace("__PC_SHARED_URL__", await shared(model)));
    try {
      return (await import(/* webpackIgnore: true */ url)).default;
    } finally {
      URL.revokeObjectURL(url);
    }
  });
}

export default {
  async render({ model, el }) {
    const [widget] = await Promise.all([kind(model), shared(model), styles(model)]);
    return widget.render({ model, el });
  },
};
