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

function announce(state, detail = "") {
  current = [state, detail];
  for (const watcher of watchers) watcher(state, detail);
}

function rejectPending(message) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function boot() {
  announce("loading");
  return new Promise((resolve, reject) => {
    const fail = (message) => {
      rejectPending(message);
      announce("error", message);
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
  return startPython();
}

/** Run a calculator on raw input strings; resolves to calculators.evaluate()'s result. */
export async function evaluate(name, raw) {
  await startPython();
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: "evaluate", id, name, raw });
  });
}

/** Be told of the state now (unless idle) and of each change: "loading", "ready" or "error" (with a reason). */
export function watchPython(watcher) {
  watchers.add(watcher);
  if (current[0] !== "idle") watcher(...current);
  return () => watchers.delete(watcher);
}
