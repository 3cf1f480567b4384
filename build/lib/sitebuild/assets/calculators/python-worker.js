/**
 * Module Web Worker: Pyodide and the calculators, off the main thread, from
 * where the build's config.js says. It only calls the calculators functions
 * config.js names, with plain values: nothing from a page or a URL is run as
 * code. Messages: worker-protocol.js.
 */
import config from "./config.js";
import { callEntry, importCalculators } from "./start-python.mjs";
import { CALL, ERROR, FAILED, READY, RESULT } from "./worker-protocol.js";
const siteURL = (path) => new URL(path, import.meta.url).href;
const text = (error) => String(error?.message ?? error);
const firstLine = (error) => text(error).split("\n")[0]; // Pyodide's errors carry a traceback

// Pyodide 314 only logs a failed WebAssembly instantiation (blocked, damaged,
// refused by a CSP) and waits forever: report it, so the reader gets a retry.
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = (...args) =>
    original.apply(WebAssembly, args).catch((error) => {
      self.postMessage({ type: FAILED, message: `WebAssembly: ${error}` });
      throw error;
    });
}

async function fetchOk(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response;
}

/** The snapshot's bytes, inflated as they arrive if gzipped (as built; a host may have inflated them). */
async function readSnapshot(pendingResponse) {
  const response = await pendingResponse;
  await new Promise((resolve) => setTimeout(resolve)); // loadPyodide's requests go first
  const [peek, whole] = response.body.tee();
  const reader = peek.getReader();
  const { value: head = [] } = await reader.read();
  reader.cancel();
  const body = head[0] === 0x1f && head[1] === 0x8b ? whole.pipeThrough(new DecompressionStream("gzip")) : whole;
  let bytes;
  try {
    bytes = new Uint8Array(await new Response(body).arrayBuffer());
  } catch (error) {
    throw new Error(`it did not download and inflate whole (${firstLine(error)})`);
  }
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== "\0snp") throw new Error("it is not a Pyodide memory snapshot");
  return bytes;
}

/** Pyodide with the calculators imported: from the build's snapshot when it
 * matches this Pyodide and package, else the normal way, saying why once.
 * A snapshot's memory holds the package imported already, so that start
 * needs neither the archive nor its files. */
async function start({ pyodideIndexURL, packageURL, packageDir, calculatorsHash, snapshot }) {
  const indexURL = siteURL(pyodideIndexURL);
  const abort = new AbortController();
  const snapshotFits = snapshot?.calculatorsHash === calculatorsHash;
  let problem = snapshot && !snapshotFits && `it was made from calculators ${snapshot.calculatorsHash}, this page ships ${calculatorsHash}`;
  const snapshotResponse = snapshotFits ? fetchOk(siteURL(snapshot.url), { signal: abort.signal }) : null;
  snapshotResponse?.catch(() => {}); // handled where it is awaited
  // Only a normal start reads the package, before loading Pyodide's 14 MB.
  const fetchPackage = () => fetchOk(siteURL(packageURL)).then((response) => response.arrayBuffer());
  const packageDownload = snapshotFits ? null : fetchPackage();
  packageDownload?.catch(() => {}); // handled where it is awaited
  const { loadPyodide, version } = await import(`${indexURL}pyodide.mjs`);
  if (snapshotFits && snapshot.pyodideVersion !== version) {
    abort.abort();
    problem = `it was made for Pyodide ${snapshot.pyodideVersion}, this page loads ${version}`;
  } else if (snapshotFits) {
    const snapshotBytes = readSnapshot(snapshotResponse);
    snapshotBytes.catch(() => {}); // loadPyodide awaits it only later
    try {
      const pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshotBytes });
      return ready("snapshot", pyodide, pyodide.pyimport("calculators"));
    } catch (error) {
      problem = firstLine(error);
    }
  }
  // A warning: the reader still gets every result, only later.
  if (problem) console.warn(`Sidecar Tax: starting Python the normal way, not from ${snapshot.url}: ${problem}`);
  const packageBytes = await (packageDownload ?? fetchPackage());
  const pyodide = await loadPyodide({ indexURL });
  return ready("normal", pyodide, importCalculators(pyodide, packageBytes, packageDir));
}

/** Says so, and returns the call into the calculators. */
function ready(from, pyodide, calculators) {
  self.postMessage({ type: READY, start: from });
  return (entry, name, raw) => callEntry(pyodide, calculators, entry, name, raw);
}

const started = start(config).catch((error) => self.postMessage({ type: FAILED, message: text(error) }));

/** The answer to one message: a result, or why there is none. */
function answer(callPython, { type, id, entry, name, raw }) {
  if (type !== CALL) return { type: ERROR, id, message: `unknown message type ${JSON.stringify(type)}` };
  if (!config.entries.includes(entry)) {
    return { type: ERROR, id, message: `unknown entry ${JSON.stringify(entry)} (entries: ${config.entries.join(", ")})` };
  }
  try {
    return { type: RESULT, id, result: callPython(entry, name, raw) };
  } catch (error) {
    return { type: ERROR, id, message: text(error) };
  }
}

self.onmessage = async ({ data }) => {
  const callPython = await started;
  if (callPython) self.postMessage(answer(callPython, data ?? {}));
};
