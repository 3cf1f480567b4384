/**
 * The one Python runtime of this tab: a module Web Worker running Pyodide and
 * the calculators package. Started on first need, kept across instant
 * navigation, replaced only by an explicit retry after a failure.
 */
import config from "./config.js";

let worker = null;
let booting = null;
let nextId = 0;
const pending = new Map();
const watchers = new Set();
let current = ["idle", ""];
let generation = 0; // counts boots: a retry makes the earlier ones moot
let abandon = null; // settles the current boot's promise when a retry replaces it

/** Still loading after this long: tell the reader it is slow and offer a retry. */
const SLOW_AFTER_MS = 10_000;

/** Why Python did not start, in words for readers; the raw message goes to the console. */
function explain(message) {
  if (/Content.Security.Policy/i.test(message)) {
    return "This site's Content-Security-Policy does not let it run (it needs 'wasm-unsafe-eval').";
  }
  if (/MIME type/i.test(message)) {
    return "This site's web server sends its files with the wrong type (WebAssembly must be application/wasm).";
  }
  if (/HTTP 40[34]|HTTP 410/.test(message)) return "Some of its files are missing from this site.";
  if (/HTTP \d{3}/.test(message)) return "The server did not deliver some of its files.";
  if (/fetch|network|load failed/i.test(message)) {
    return "Its files could not be downloaded: you may be offline, or a firewall may block them.";
  }
  if (/CompileError|magic word|JSON|Unexpected|Syntax|zip|exit\(|Fatal/i.test(message)) {
    return "Some of its files arrived damaged.";
  }
  return "It stopped while starting.";
}

function announce(state, detail = "") {
  current = [state, detail];
  for (const watcher of watchers) watcher(state, detail);
}

function rejectPending(message) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function boot() {
  const thisBoot = ++generation;
  announce("loading");
  return new Promise((resolve, reject) => {
    abandon = reject;
    const slow = setTimeout(() => {
      if (thisBoot === generation && current[0] === "loading") announce("slow");
    }, SLOW_AFTER_MS);
    const fail = (message) => {
      clearTimeout(slow);
      console.warn(`Sidecar Tax: Python could not start: ${message}`);
      rejectPending(message);
      announce("error", explain(message));
      reject(new Error(message));
    };
    worker = new Worker(new URL("./worker.js", import.meta.url), {
      type: "module",
      name: "sidecar-tax-python",
    });
    worker.onerror = (event) => {
      event.preventDefault();
      fail(event.message || "the Python worker could not start");
    };
    worker.onmessage = ({ data }) => {
      if (data.type === "ready") {
        clearTimeout(slow);
        document.documentElement.dataset.runtimeStart = data.start; // "snapshot" or "normal"
        announce("ready");
        resolve();
      } else if (data.type === "failed") {
        fail(data.message);
      } else if (data.type === "result") {
        const call = pending.get(data.id);
        pending.delete(data.id);
        if (!call) return;
        if (data.error) call.reject(new Error(data.error));
        else call.resolve(data.result);
      }
    };
    worker.postMessage({
      type: "boot",
      indexURL: new URL(config.pyodideIndexURL, import.meta.url).href,
      packageURL: new URL(config.packageURL, import.meta.url).href,
      calculatorsHash: config.calculatorsHash,
      snapshot: config.snapshot && { ...config.snapshot, url: new URL(config.snapshot.url, import.meta.url).href },
    });
  });
}

/** Start Python unless it is starting or running; resolves when ready. */
export function startPython() {
  booting ??= boot();
  return booting;
}

/** Throw away a failed runtime and start a fresh one. */
export function retryPython() {
  worker?.terminate();
  worker = null;
  booting = null;
  rejectPending("Python was restarted");
  abandon?.(new Error("Python was restarted"));
  return startPython();
}

/** Call the Python entry function `entry` ("evaluate" or "chart") of the calculators package. */
async function call(entry, name, raw) {
  await startPython();
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: entry, id, name, raw });
  });
}

/** Run a calculator on raw input strings; resolves to calculators.evaluate()'s result. */
export const evaluate = (name, raw) => call("evaluate", name, raw);

/** The chart's geometry for raw inputs; resolves to calculators.chart()'s result. */
export const chart = (name, raw) => call("chart", name, raw);

/** Be told of the state now (unless idle) and of each change: "loading", "slow" (still loading
 * after SLOW_AFTER_MS), "ready" or "error" (with the reason in plain words). */
export function watchPython(watcher) {
  watchers.add(watcher);
  if (current[0] !== "idle") watcher(...current);
  return () => watchers.delete(watcher);
}
