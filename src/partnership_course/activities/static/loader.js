// The page-wide loader (activities/delivery.py): one module for every kind, which each model's
// small `_esm` (static/stub.js) gets once per page, from the route or the kernel, and calls with
// the model, its kind's key, the stub's `ask` (a piece from the kernel) and the route's address
// (`at`, undefined where the page has none). The helpers' and the CSS's keys are written in here
// (delivery.py), the same for every kind. The kind's module, the shared helpers and the CSS reach
// the page once per page, by key (a page-wide map of promises; the keys carry a hash of the
// code):
// - first as files from the server's route, `<base_url>partnership-course/activities/<key>.js`,
//   which the browser caches for a year, so a repeat page fetches none of them;
// - where the page names no base URL or the fetch fails (a server without the route), from the
//   kernel, with a custom message answered on the websocket.
// The kinds' modules have no `initialize` (see stub.js).

const SHARED = "__PC_SHARED_KEY__";
const CSS = "__PC_CSS_KEY__";
const pieces = (globalThis.__partnershipCourse ??= new Map());

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

function linked(href, id) {
  return new Promise((resolve, reject) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.id = id;
    link.onload = () => resolve();
    link.onerror = () => {
      link.remove();
      reject(new Error(`no ${href}`));
    };
    document.head.append(link);
  });
}

function styles(model, ask, at) {
  return once(CSS, async () => {
    if (document.getElementById(CSS)) return;
    if (at) {
      try {
        return await linked(`${at}${CSS}.css`, CSS);
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
function shared(model, ask) {
  return once(SHARED, () => ask(model, SHARED).then(({ source }) => blob(source)));
}

function kind(model, key, ask, at) {
  return once(key, async () => {
    if (at) {
      try {
        return (await import(/* webpackIgnore: true */ `${at}${key}.js`)).default;
      } catch (error) {
        // the websocket below
      }
    }
    const { source } = await ask(model, key);
    const url = blob(source.replace("__PC_SHARED_URL__", await shared(model, ask)));
    try {
      return (await import(/* webpackIgnore: true */ url)).default;
    } finally {
      URL.revokeObjectURL(url);
    }
  });
}

export async function render({ model, el }, key, ask, at) {
  const [widget] = await Promise.all([kind(model, key, ask, at), styles(model, ask, at)]);
  return widget.render({ model, el });
}
