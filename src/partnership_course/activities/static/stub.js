// The `_esm` every activity model carries (activities/delivery.py strips these comments and the
// indentation). It is kept as small as it can be, since every model brings its own copy. It
// gets the page-wide loader (static/loader.js, one module for every kind, once per page), first
// as a file from the server's route, `<base_url>partnership-course/activities/<key>.js`, which
// the browser caches for a year, else from the kernel (a custom message answered on the
// websocket: a server without the route, a page with no base URL), and hands it the model.
// A page with neither a kernel nor the route (a static HTML export: `jupyter nbconvert --to
// html --execute`) gets at once the activity's title, its question or prompt and one sentence
// saying that it works in the live course, rather than waiting for a kernel that never comes.
// Only `render`: anywidget fails a model whose `initialize` takes over 2 s, and a kernel still
// running a page's cells answers only between cells.

// Short names, since every byte here is sent once per model: K the kind's module key, L the
// loader's key, P the page's pieces by key (promises), m the model, u the route's address.

const K = "__PC_KIND_KEY__";
const L = "__PC_LOADER_KEY__";
const P = (globalThis.__partnershipCourse ??= new Map());

// the route's absolute address, from the page config Voila, JupyterLab and Notebook 7 write
function route() {
  let b;
  try {
    b = JSON.parse(document.getElementById("jupyter-config-data").textContent).baseUrl;
  } catch {}
  b ||= document.body?.dataset?.baseUrl;
  if (b && /^https?:$/.test(location.protocol))
    return new URL(b.replace(/\/*$/, "/__PC_ROUTE__/"), location.href).href;
}

// one piece from the kernel (answer a, done d, timer t); after two minutes without an answer
// it fails, and the next activity asks again
function ask(m, k) {
  return new Promise((y, n) => {
    const a = (g) => g?.module === k && (d(), y(g));
    const d = () => (clearTimeout(t), m.off("msg:custom", a));
    const t = setTimeout(() => (d(), n(Error(k))), 12e4);
    m.on("msg:custom", a);
    m.send({ event: "module", key: k });
  });
}

const blob = (g) => URL.createObjectURL(new Blob([g.source], { type: "text/javascript" }));

export default {
  async render({ model: m, el }) {
    const u = route();
    if (u || m.widget_manager?.kernel) {
      let f = P.get(L);
      if (!f) {
        // the loader as a file from the route, else its source from the kernel
        f = (u ? import(`${u}${L}.js`) : Promise.reject()).catch(() =>
          ask(m, L).then((g) => import(blob(g))),
        );
        f.catch(() => P.delete(L));
        P.set(L, f);
      }
      return (await f).render({ model: m, el }, K, ask, u);
    }
    // an HTML export: the title, the question or prompt (c: the content) and the sentence, as
    // text nodes without their language marks; no answer (the sentence says so)
    el.classList.add("pc-activity", "pc-still");
    const c = m.get("content") ?? {};
    const sentence = m.get("labels")?.live_only;
    for (const [tag, text] of [["h3", c.title], ["p", c.question ?? c.prompt], ["p", sentence]])
      if (typeof text == "string" && text)
        el.appendChild(document.createElement(tag)).textContent =
          text.replace(/\[\/?lang.*?]/g, "");
  },
};
