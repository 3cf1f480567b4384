/**
 * Module Web Worker: Pyodide and the calculators, off the main thread, from
 * where the build's config.js says. It only calls calculators.evaluate or
 * .chart with plain values: nothing from a page or a URL is run as code.
 */
import config from "./config.js";
import { CALL, ENTRIES, FAILED, READY, RESULT } from "./worker-protocol.js";

const PACKAGE_DIR = "/home/pyodide/sidecar-tax"; // as in sitebuild/make_snapshot.mjs
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

/** Unpack and import the package: the normal start. A snapshot's memory holds
 * it imported already, so that start needs neither the archive nor its files. */
function importCalculators(pyodide, packageBytes) {
  pyodide.unpackArchive(packageBytes, "zip", { extractDir: PACKAGE_DIR });
  const path = pyodide.pyimport("sys").path;
  path.insert(0, PACKAGE_DIR);
  path.destroy();
  return pyodide.pyimport("calculators");
}

/** Pyodide with the calculators imported: from the build's snapshot when it
 * matches this Pyodide and package, else the normal way, saying why once. */
async function start({ pyodideIndexURL, packageURL, calculatorsHash, snapshot }) {
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
  return ready("normal", pyodide, importCalculators(pyodide, packageBytes));
}

/** Says so, and returns the call into calculators.evaluate or .chart. */
function ready(from, pyodide, calculators) {
  self.postMessage({ type: READY, start: from });
  return (entry, name, raw) => {
    const pyRaw = pyodide.toPy(raw);
    const result = calculators[entry](name, pyRaw);
    try {
      return result.toJs({ dict_converter: Object.fromEntries });
    } finally {
      result.destroy();
      pyRaw.destroy();
    }
  };
}

const started = start(config).catch((error) => self.postMessage({ type: FAILED, message: text(error) }));

self.onmessage = async ({ data: { type, id, entry, name, raw } }) => {
  const callPython = await started;
  if (type !== CALL || !ENTRIES.includes(entry)) return;
  try {
    self.postMessage({ type: RESULT, id, result: callPython(entry, name, raw) });
  } catch (error) {
    self.postMessage({ type: RESULT, id, error: text(error) });
  }
};
