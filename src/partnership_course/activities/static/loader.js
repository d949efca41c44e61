// The small module every activity model carries (frontend.py puts it in `_esm`). The kind's real
// module (shared.js + <kind>.js) and the activities' CSS cross the wire once per page: the first
// activity of a kind asks its kernel for them with a custom message; every later activity of that
// kind, on this page, reuses the same imported module. The key names the kind and a hash of its
// code, so two kernels on one JupyterLab page share a module only when it is the same code.
// Nothing is fetched over HTTP, so it works behind any base URL or hub prefix.

const KEY = "__PC_MODULE_KEY__";
const CSS_ID = "__PC_CSS_ID__";
const WAIT_MS = 60000; // a busy kernel answers between cells; give up (and retry later) after this

const modules = (globalThis.__partnershipCourseModules ??= new Map());

function ask(model) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      model.off("msg:custom", answer);
      reject(new Error(`no module ${KEY} from the kernel`));
    }, WAIT_MS);
    function answer(msg) {
      if (!msg || msg.module !== KEY) return;
      clearTimeout(timer);
      model.off("msg:custom", answer);
      resolve(msg);
    }
    model.on("msg:custom", answer);
    model.send({ event: "module", key: KEY });
  });
}

async function evaluate({ source, css }) {
  if (css && !document.getElementById(CSS_ID)) {
    const style = document.createElement("style");
    style.id = CSS_ID;
    style.textContent = css;
    document.head.append(style);
  }
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    const mod = await import(/* webpackIgnore: true */ url);
    return mod.default;
  } finally {
    URL.revokeObjectURL(url);
  }
}

function load(model) {
  let found = modules.get(KEY);
  if (!found) {
    found = ask(model).then(evaluate);
    found.catch(() => modules.delete(KEY)); // the next activity asks again
    modules.set(KEY, found);
  }
  return found;
}

// Only `render`: anywidget fails a model whose `initialize` takes over 2 s, and a kernel still
// running the page's cells answers only between cells. The kinds' modules have no `initialize`.
export default {
  async render({ model, el }) {
    const widget = await load(model);
    return widget.render?.({ model, el });
  },
};
