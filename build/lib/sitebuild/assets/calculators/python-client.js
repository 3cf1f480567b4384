/**
 * The tab's one Python: a module Web Worker (python-worker.js) started on
 * first need, kept across instant navigation, replaced only by the reader's
 * retry. Messages: worker-protocol.js.
 */
import { CALL, ERROR, FAILED, READY, RESULT } from "./worker-protocol.js";

let worker = null;
let booting = null;
let stopBoot = null; // ends the current boot, for a retry
let nextId = 0;
let current = ["idle", ""];
const pending = new Map();
const lanes = new Map(); // per form: the newest recompute waiting behind the one in flight
const watchers = new Set();

/** Why Python did not start, as the key of its words in the form's markup
 * (data-why-KEY); the raw message goes to the console. */
const REASONS = [
  [/Content.Security.Policy/i, "csp"],
  [/MIME type/i, "mime"],
  [/HTTP 4(0[34]|10)/, "missing"],
  [/HTTP \d{3}/, "server"],
  [/fetch|network|load failed/i, "offline"],
  [/CompileError|magic word|JSON|Unexpected|Syntax|zip|exit\(|Fatal/i, "damaged"],
];

function announce(...state) {
  current = state;
  for (const watcher of watchers) watcher(...state);
}

function boot() {
  announce("loading");
  return new Promise((resolve, reject) => {
    // After 10 s the reader hears it is slow and gets a retry.
    const slow = setTimeout(() => current[0] === "loading" && announce("slow"), 10_000);
    stopBoot = (message) => {
      clearTimeout(slow);
      for (const call of pending.values()) call.reject(new Error(message));
      pending.clear();
      reject(new Error(message));
    };
    const fail = (message) => {
      console.warn(`Sidecar Tax: Python could not start: ${message}`);
      stopBoot(message);
      announce("error", REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? "stopped");
    };
    let thisWorker;
    try {
      thisWorker = worker = new Worker(new URL("./python-worker.js", import.meta.url), { type: "module", name: "sidecar-tax-python" });
    } catch (error) {
      return fail(String(error?.message ?? error));
    }
    worker.onerror = (event) => {
      event.preventDefault();
      if (worker === thisWorker) fail(event.message || "the Python worker could not start");
    };
    worker.onmessage = ({ data }) => {
      if (worker !== thisWorker) return; // a retry's new worker must not hear this one
      const caller = pending.get(data.id);
      if (data.type === READY) {
        clearTimeout(slow);
        document.documentElement.dataset.runtimeStart = data.start; // "snapshot" or "normal"
        announce("ready");
        resolve();
      } else if (data.type === FAILED) {
        fail(data.message);
      } else if ((data.type === RESULT || data.type === ERROR) && caller) {
        pending.delete(data.id);
        if (data.type === RESULT) caller.resolve(data.result);
        else caller.reject(new Error(data.message));
      }
    };
  });
}

/** Start Python unless it is starting or running; resolves when ready. */
export const startPython = () => (booting ??= boot());

/** Throw away a failed runtime and start a fresh one. */
export function retryPython() {
  worker?.terminate();
  stopBoot("Python was restarted");
  booting = null;
  return startPython();
}

async function call(entry, name, raw) {
  await startPython();
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ type: CALL, id, entry, name, raw });
  });
}

/** calculators.recompute for a form's raw input strings: the result, with
 * its chart when the calculator has one. Latest wins: while one call of the
 * form (`key`) is in flight, only the newest edit waits behind it; an edit it
 * replaces is rejected with SUPERSEDED, so a burst costs one pending call. */
export const SUPERSEDED = "superseded by a newer edit";
export function recompute(key, name, raw) {
  return new Promise((resolve, reject) => {
    const lane = lanes.get(key);
    if (lane) {
      lane.waiting?.reject(new Error(SUPERSEDED));
      lane.waiting = { name, raw, resolve, reject };
      return;
    }
    lanes.set(key, { waiting: null });
    send(key, { name, raw, resolve, reject });
  });
}

function send(key, { name, raw, resolve, reject }) {
  call("recompute", name, raw)
    .then(resolve, reject)
    .finally(() => {
      const lane = lanes.get(key);
      const next = lane?.waiting;
      if (!next) return lanes.delete(key);
      lane.waiting = null;
      send(key, next);
    });
}

/** Be told the state now (unless idle) and on each change: "loading", "slow",
 * "ready" or "error" (with a REASONS key). Returns a function that stops it. */
export function watchPython(watcher) {
  watchers.add(watcher);
  if (current[0] !== "idle") watcher(...current);
  return () => watchers.delete(watcher);
}
