// The small module every activity model carries as its `_esm` (activities/delivery.py, which
// strips these comments). The kind's module, the shared helpers and the CSS reach the page once
// per page, by key (a page-wide map of promises; the keys carry a hash of the code):
// - first as files from the server's route, `<base_url>partnership-course/activities/<key>.js`,
//   which the browser caches for a year, so a repeat page fetches none of them;
// - where the page names no base URL (an exported HTML page) or the fetch fails (a server
//   without the route), from the kernel, with a custom message answered on the websocket.
// Only `render`: anywidget fails a model whose `initialize` takes over 2 s, and a kernel still
// running a page's cells answers only between cells. The kinds' modules have no `initialize`.

const KIND = "__PC_KIND_KEY__";
const SHARED = "__PC_SHARED_KEY__";
const CSS = "__PC_CSS_KEY__";
const ROUTE = "__PC_ROUTE__";
// after WAIT_MS without an answer the loader gives up; the next activity asks again
const WAIT_MS = 120000;

const pieces = (globalThis.__partnershipCourse ??= new Map());

// the route's absolute address, from the page config Voila, JupyterLab and Notebook 7 write
function route() {
  let base = null;
  try {
    const config = document.getElementById("jupyter-config-data");
    base = config ? JSON.parse(config.textContent || "{}").baseUrl : null;
  } catch (error) {
    base = null;
  }
  base = base || document.body?.dataset?.baseUrl;
  if (!base || !/^https?:$/.test(location.protocol)) return null;
  return new URL(`${base.replace(/\/*$/, "/")}${ROUTE}/`, location.href).href;
}

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

function once(key, make) {
  let found = pieces.get(key);
  if (!found) {
    found = make();
    found.catch(() => pieces.delete(key));
    pieces.set(key, found);
  }
  return found;
}

function blob(source) {
  return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
}

function linked(href) {
  return new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.id = CSS;
    link.onload = () => resolve();
    link.onerror = () => {
      link.remove();
      reject(new Error(`no ${href}`));
    };
    document.head.append(link);
  });
}

function styles(model) {
  return once(CSS, async () => {
    if (document.getElementById(CSS)) return;
    const at = route();
    if (at) {
      try {
        return await linked(`${at}${CSS}.css`);
      } catch (error) {
        // the websocket below
      }
    }
    const { css } = await ask(model, CSS);
    const style = document.createElement("style");
    style.id = CSS;
    style.textContent = css;
    document.head.append(style);
  });
}

// the shared module's URL is never revoked: every kind's module imports it
function shared(model) {
  return once(SHARED, () => ask(model, SHARED).then(({ source }) => blob(source)));
}

function kind(model) {
  return once(KIND, async () => {
    const at = route();
    if (at) {
      try {
        return (await import(/* webpackIgnore: true */ `${at}${KIND}.js`)).default;
      } catch (error) {
        // the websocket below
      }
    }
    const { source } = await ask(model, KIND);
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
    const [widget] = await Promise.all([kind(model), styles(model)]);
    return widget.render({ model, el });
  },
};
