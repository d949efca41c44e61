// The course's lean page front end (issue 15): what Voila's own bundle does on a course page,
// without JupyterLab's application. Measured on a warm, preheated page, that bundle (about 60
// chunks, then the federated extensions) took 2-3 s before the page even opened its kernel's
// websocket; every activity is an anywidget whose front end uses only anywidget's model API, so
// this module is all a course page needs:
// - the kernel's websocket, the id and base URL from `#jupyter-config-data`, in jupyter_server's
//   `v1.kernel.websocket.jupyter.org` framing as JupyterLab speaks it (the older default framing
//   is kept for a server that does not offer v1: there, a kernel message with buffers, such as
//   a toolkit file, never reached the page);
// - ipywidgets 8's widget protocol (control comm `request_states`, then `update`,
//   `echo_update` and `custom` on each model's comm; buffers at their paths);
// - the page's outputs (`application/vnd.voila.cell-output+json`, as Voila's template writes
//   them): widget views through the model's own `_esm` (the course's loader), HTML, SVG, PNG and
//   JPEG images, plain text and streams; an error as a plain message;
// - the kernel shut down when the page is left, as Voila's front end does (a beacon to
//   `voila/api/shutdown/<id>` with the `_xsrf` cookie), after the activities' own `pagehide`
//   handlers have sent what was typed.
// Pages served without the workshop's page-config flag (the hub, JupyterLab's preview) keep
// Voila's bundle: see the template.

const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";
const OUTPUT = 'script[type="application/vnd.voila.cell-output+json"]';
const PROTOCOL = "2.1.0"; // the widget messages' version
const CONTROL_PROTOCOL = "1.0.0"; // the control comm's own (ipywidgets refuses any other)

const config = JSON.parse(document.getElementById("jupyter-config-data")?.textContent || "{}");
const baseUrl = (config.baseUrl || "/").replace(/\/*$/, "/");
const kernelId = config.kernelId;
// A message id, as a v4 UUID. Not `crypto.randomUUID()`: browsers give it only to secure
// contexts (HTTPS or localhost), and a room reaches its server over plain HTTP by the laptop's
// address on the school's Wi-Fi, where it is undefined and the page would never start.
// `getRandomValues` is there in every context.
function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // the RFC 4122 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const session = uuid();
const models = new Map(); // model id -> Model
const waiting = new Map(); // model id -> [resolve] for views whose model has not come yet
const comms = new Map(); // comm id -> handler(msg)
const esm = new Map(); // _esm source -> promise of the module's widget definition

// ---- the websocket -------------------------------------------------------------------------

const wsUrl = new URL(`${baseUrl}api/kernels/${kernelId}/channels`, location.href);
wsUrl.protocol = location.protocol === "https:" ? "wss:" : "ws:";
wsUrl.searchParams.set("session_id", session);
const V1 = "v1.kernel.websocket.jupyter.org";
const socket = new WebSocket(wsUrl.href, [V1]);
socket.binaryType = "arraybuffer";
const opened = new Promise((resolve, reject) => {
  socket.addEventListener("open", resolve, { once: true });
  socket.addEventListener("error", () => reject(new Error("no kernel websocket")), { once: true });
});

function header(msgType) {
  return {
    msg_id: uuid(),
    msg_type: msgType,
    username: "",
    session,
    date: new Date().toISOString(),
    version: "5.3",
  };
}

// v1 frame: the number of offsets, the offsets (little-endian uint64), the channel, then the
// header, parent header, metadata, content (JSON each) and the buffers
function frameV1(channel, msg, buffers) {
  const encoder = new TextEncoder();
  const parts = [channel, msg.header, msg.parent_header, msg.metadata, msg.content]
    .map((part, i) => encoder.encode(i === 0 ? part : JSON.stringify(part)))
    .concat(buffers.map(bytes));
  return join(parts, 8, (view, at, value) => view.setBigUint64(at, BigInt(value), true), true);
}

function unframeV1(data) {
  const view = new DataView(data);
  const count = Number(view.getBigUint64(0, true));
  const offsets = [];
  for (let i = 1; i <= count; i += 1) offsets.push(Number(view.getBigUint64(8 * i, true)));
  const decoder = new TextDecoder();
  const part = (i) => data.slice(offsets[i], offsets[i + 1]);
  const json = (i) => JSON.parse(decoder.decode(part(i)) || "{}");
  const msg = { channel: decoder.decode(part(0)), header: json(1), parent_header: json(2) };
  msg.metadata = json(3);
  msg.content = json(4);
  msg.buffers = [];
  for (let i = 5; i < count - 1; i += 1) msg.buffers.push(new DataView(part(i)));
  return msg;
}

// the older frame: the number of parts, their offsets (big-endian uint32), the message's JSON,
// then each buffer
function frame(msg, buffers) {
  const parts = [new TextEncoder().encode(JSON.stringify(msg))].concat(buffers.map(bytes));
  return join(parts, 4, (view, at, value) => view.setUint32(at, value), false);
}

function unframe(data) {
  const view = new DataView(data);
  const count = view.getUint32(0);
  const offsets = [];
  for (let i = 1; i <= count; i += 1) offsets.push(view.getUint32(4 * i));
  offsets.push(data.byteLength);
  const msg = JSON.parse(new TextDecoder().decode(data.slice(offsets[0], offsets[1])));
  msg.buffers = [];
  for (let i = 1; i < count; i += 1) {
    msg.buffers.push(new DataView(data.slice(offsets[i], offsets[i + 1])));
  }
  return msg;
}

function bytes(b) {
  return ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
    : new Uint8Array(b);
}

// parts behind a table of offsets: v1 counts the offsets (one more than the parts, the last is
// the end); the older frame counts the parts and has no end offset
function join(parts, width, put, withEnd) {
  const offsets = parts.length + (withEnd ? 1 : 0);
  const head = width * (1 + offsets);
  const size = parts.reduce((n, p) => n + p.byteLength, head);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  put(view, 0, withEnd ? offsets : parts.length);
  let at = head;
  parts.forEach((part, i) => {
    put(view, width * (i + 1), at);
    out.set(part, at);
    at += part.byteLength;
  });
  if (withEnd) put(view, width * (parts.length + 1), at);
  return out.buffer;
}

function send(msgType, content, buffers = [], metadata = {}) {
  const msg = { header: header(msgType), parent_header: {}, metadata, content, channel: "shell" };
  if (socket.protocol === V1) socket.send(frameV1("shell", msg, buffers));
  else socket.send(buffers.length ? frame(msg, buffers) : JSON.stringify(msg));
}

function sendComm(commId, data, buffers = []) {
  send("comm_msg", { comm_id: commId, data }, buffers, { version: PROTOCOL });
}

socket.addEventListener("message", (event) => {
  let msg;
  if (typeof event.data === "string") msg = JSON.parse(event.data);
  else msg = socket.protocol === V1 ? unframeV1(event.data) : unframe(event.data);
  msg.buffers = msg.buffers || [];
  const type = msg.header?.msg_type;
  if (type === "comm_msg") comms.get(msg.content.comm_id)?.(msg);
  else if (type === "comm_open" && msg.content.target_name === "jupyter.widget") {
    const { comm_id: id, data } = msg.content;
    const state = withBuffers(data.state || {}, data.buffer_paths || [], msg.buffers);
    addModel(id, state);
  } else if (type === "comm_close") {
    comms.delete(msg.content.comm_id);
    models.get(msg.content.comm_id)?.emit("destroy");
    models.delete(msg.content.comm_id);
  }
});

// ---- models: anywidget's model API over one comm each ---------------------------------------

function withBuffers(state, paths, buffers) {
  paths.forEach((path, i) => {
    let obj = state;
    for (const key of path.slice(0, -1)) obj = obj[key];
    obj[path[path.length - 1]] = buffers[i];
  });
  return state;
}

function same(a, b) {
  if (a === b) return true;
  if (a instanceof DataView || b instanceof DataView) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

class Model {
  constructor(id, state) {
    this.model_id = id;
    this.state = state;
    this.changed = {};
    this.listeners = new Map();
    this.widget_manager = { get_model: (other) => modelFor(other) };
    comms.set(id, (msg) => this.receive(msg));
  }

  get(key) {
    return this.state[key];
  }

  set(key, value) {
    const old = this.state[key];
    this.state[key] = value;
    this.changed[key] = value;
    if (!same(old, value)) this.emit(`change:${key}`, this, value);
  }

  save_changes() {
    const state = this.changed;
    this.changed = {};
    if (Object.keys(state).length) sendComm(this.model_id, { method: "update", state, buffer_paths: [] });
  }

  send(content, callbacks, buffers = []) {
    sendComm(this.model_id, { method: "custom", content }, buffers || []);
  }

  on(name, callback) {
    for (const one of String(name).split(/\s+/)) {
      if (!this.listeners.has(one)) this.listeners.set(one, new Set());
      this.listeners.get(one).add(callback);
    }
  }

  off(name, callback) {
    for (const one of name ? String(name).split(/\s+/) : [...this.listeners.keys()]) {
      if (callback) this.listeners.get(one)?.delete(callback);
      else this.listeners.delete(one);
    }
  }

  emit(name, ...args) {
    for (const callback of [...(this.listeners.get(name) || [])]) {
      try {
        callback(...args);
      } catch (error) {
        console.error(error);
      }
    }
  }

  receive(msg) {
    const data = msg.content.data || {};
    if (data.method === "update" || data.method === "echo_update") {
      const state = withBuffers(data.state || {}, data.buffer_paths || [], msg.buffers);
      const changed = [];
      for (const [key, value] of Object.entries(state)) {
        if (!same(this.state[key], value)) changed.push(key);
        this.state[key] = value;
      }
      for (const key of changed) this.emit(`change:${key}`, this, this.state[key]);
      if (changed.length) this.emit("change", this);
    } else if (data.method === "custom") {
      this.emit("msg:custom", data.content, msg.buffers);
    }
  }
}

function addModel(id, state) {
  const model = new Model(id, state);
  models.set(id, model);
  for (const resolve of waiting.get(id) || []) resolve(model);
  waiting.delete(id);
  return model;
}

function modelFor(id) {
  if (models.has(id)) return Promise.resolve(models.get(id));
  return new Promise((resolve) => {
    if (!waiting.has(id)) waiting.set(id, []);
    waiting.get(id).push(resolve);
  });
}

// every model the kernel holds, with its state, through the widgets' control comm
async function requestStates() {
  await opened;
  const control = uuid();
  const states = new Promise((resolve) => {
    comms.set(control, (msg) => {
      const data = msg.content.data || {};
      if (data.method !== "update_states") return;
      comms.delete(control);
      resolve(withBuffers(data.states || {}, data.buffer_paths || [], msg.buffers));
    });
  });
  send("comm_open", { comm_id: control, target_name: "jupyter.widget.control", data: {} }, [], {
    version: CONTROL_PROTOCOL,
  });
  sendComm(control, { method: "request_states" });
  for (const [id, entry] of Object.entries(await states)) {
    if (!models.has(id)) addModel(id, entry.state || {});
  }
}

// ---- rendering ------------------------------------------------------------------------------

async function widget(source) {
  if (!esm.has(source)) {
    const made = (async () => {
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      try {
        const module = await import(/* webpackIgnore: true */ url);
        let found = module.default ?? module;
        if (typeof found === "function") found = await found();
        return found;
      } finally {
        URL.revokeObjectURL(url);
      }
    })();
    made.catch(() => esm.delete(source));
    esm.set(source, made);
  }
  return esm.get(source);
}

const styled = new Set();

async function renderView(model, el) {
  const source = model.get("_esm");
  if (typeof source !== "string" || model.get("_model_module") !== "anywidget") {
    throw new Error(`${model.get("_model_name")} needs Voila's full front end`);
  }
  const css = model.get("_css");
  if (typeof css === "string" && css && !styled.has(css)) {
    styled.add(css);
    document.head.append(Object.assign(document.createElement("style"), { textContent: css }));
  }
  const definition = await widget(source);
  if (!model.initialized) {
    model.initialized = Promise.resolve(definition.initialize?.({ model, experimental: {} }));
  }
  await model.initialized;
  await definition.render?.({ model, el, experimental: {} });
}

function text(tag, value, mime) {
  const node = document.createElement(tag);
  node.textContent = Array.isArray(value) ? value.join("") : String(value ?? "");
  const box = document.createElement("div");
  box.className = "lm-Widget jp-RenderedText jp-OutputArea-output";
  if (mime) box.dataset.mimeType = mime;
  box.append(node);
  return box;
}

function joined(value) {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

// one output as Voila's renderers draw it (the same classes, so the course's CSS applies);
// `place` puts the node in the page, before a widget renders into it (as Voila attaches a view)
async function renderOutput(output, place) {
  if (output.output_type === "stream") {
    const mime = output.name === "stderr" ? "application/vnd.jupyter.stderr" : "text/plain";
    return place(text("pre", output.text, mime));
  }
  if (output.output_type === "error") {
    return place(text("pre", `${output.ename}: ${output.evalue}`, "application/vnd.jupyter.stderr"));
  }
  const data = output.data || {};
  const box = document.createElement("div");
  box.className = "lm-Widget jp-OutputArea-output";
  if (data[WIDGET_VIEW]) {
    const el = document.createElement("div");
    el.className = "lm-Widget jupyter-widgets jp-widgets";
    box.append(el);
    box.dataset.mimeType = WIDGET_VIEW;
    const model = await modelFor(data[WIDGET_VIEW].model_id);
    place(box);
    return renderView(model, el);
  }
  if (data["text/html"] !== undefined) {
    box.classList.add("jp-RenderedHTMLCommon", "jp-RenderedHTML");
    box.dataset.mimeType = "text/html";
    box.innerHTML = joined(data["text/html"]); // the course's own trusted output, as in Voila
    return place(box);
  }
  if (data["image/svg+xml"] !== undefined) {
    box.classList.add("jp-RenderedSVG");
    box.dataset.mimeType = "image/svg+xml";
    box.innerHTML = joined(data["image/svg+xml"]);
    return place(box);
  }
  for (const mime of ["image/png", "image/jpeg", "image/gif"]) {
    if (data[mime] !== undefined) {
      box.classList.add("jp-RenderedImage");
      box.dataset.mimeType = mime;
      const img = document.createElement("img");
      img.src = `data:${mime};base64,${joined(data[mime]).replace(/\n/g, "")}`;
      img.alt = joined(data["text/plain"] ?? "");
      box.append(img);
      return place(box);
    }
  }
  if (data["text/plain"] !== undefined) return place(text("pre", data["text/plain"], "text/plain"));
  return place(null);
}

async function renderAll() {
  const tasks = [...document.querySelectorAll(OUTPUT)].map(async (script) => {
    let output;
    try {
      output = JSON.parse(script.textContent);
    } catch (error) {
      return;
    }
    let current = script;
    const place = (node) => {
      if (node && current.parentElement) current.replaceWith(node);
      else current.remove();
      current = node || current;
    };
    try {
      await renderOutput(output, place);
    } catch (error) {
      console.error(error);
      place(text("pre", `Javascript Error: ${error.message}`, "application/vnd.jupyter.stderr"));
    }
  });
  await Promise.all(tasks);
}

// ---- leaving the page -----------------------------------------------------------------------

function shutdown() {
  const data = new FormData();
  const xsrf = document.cookie.match("\\b_xsrf=([^;]*)\\b");
  data.append("_xsrf", (xsrf && xsrf[1]) || "");
  navigator.sendBeacon(`${baseUrl}voila/api/shutdown/${kernelId}`, data);
}

let leaving = false;
function leave() {
  if (leaving) return;
  leaving = true;
  shutdown();
}

// registered after the activities rendered, so their own pagehide handlers (which send what
// was just typed) run first; a page left before that still shuts its kernel down
window.addEventListener("beforeunload", () => {
  if (!document.documentElement.dataset.pcFrontend) leave();
});

async function boot() {
  if (!kernelId) return;
  requestStates().catch((error) => console.error(error));
  await renderAll();
  window.addEventListener("pagehide", leave);
  document.documentElement.dataset.pcFrontend = "lean";
  document.dispatchEvent(new CustomEvent("pc-frontend-ready"));
}

boot();
