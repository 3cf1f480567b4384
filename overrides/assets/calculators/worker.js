/**
 * Module Web Worker: Pyodide and the calculators package, off the main thread.
 * Python starts when the page creates it, from where config.js (written by the
 * build) says. It only calls calculators.evaluate or .chart with plain values:
 * nothing from a page or a URL is ever run as code.
 */
import config from "./config.js";

const PACKAGE_DIR = "/home/pyodide/sidecar-tax"; // as in overrides/hooks/make_snapshot.mjs
const SNAPSHOT_MAGIC = [0x00, 0x73, 0x6e, 0x70]; // "\0snp", how Pyodide's snapshots begin
const siteURL = (path) => new URL(path, import.meta.url).href;
const firstLine = (error) => String(error?.message ?? error).split("\n")[0];

// Pyodide 314 only logs a failed WebAssembly instantiation (blocked, damaged,
// refused by a CSP) and waits forever: report it, so the reader gets a retry.
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = (...args) =>
    original.apply(WebAssembly, args).catch((error) => {
      self.postMessage({ type: "failed", message: `WebAssembly: ${error}` });
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
  await new Promise((resolve) => setTimeout(resolve, 0)); // let loadPyodide send its requests first
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
  if (!SNAPSHOT_MAGIC.every((byte, index) => bytes[index] === byte)) throw new Error("it is not a Pyodide memory snapshot");
  return bytes;
}

/** Unpack and import the package; after a snapshot start too, which holds memory, not files. */
function importCalculators(pyodide, packageBytes) {
  pyodide.unpackArchive(packageBytes, "zip", { extractDir: PACKAGE_DIR });
  const path = pyodide.pyimport("sys").path;
  if (!path.includes(PACKAGE_DIR)) path.insert(0, PACKAGE_DIR);
  path.destroy();
  return pyodide.pyimport("calculators");
}

/** Pyodide with the calculators imported: from the build's snapshot when it
 * matches this Pyodide and package, else (or on any failure) the normal way,
 * saying why once. */
async function start({ pyodideIndexURL, packageURL, calculatorsHash, snapshot }) {
  const indexURL = siteURL(pyodideIndexURL);
  let problem = "";
  let snapshotResponse = null;
  const abort = new AbortController();
  if (snapshot?.calculatorsHash !== calculatorsHash) {
    problem = snapshot && `it was made from calculators ${snapshot.calculatorsHash}, this page ships ${calculatorsHash}`;
  } else {
    snapshotResponse = fetchOk(siteURL(snapshot.url), { signal: abort.signal });
    snapshotResponse.catch(() => {}); // handled where it is awaited
  }
  const [{ loadPyodide, version }, packageBytes] = await Promise.all([
    import(`${indexURL}pyodide.mjs`),
    fetchOk(siteURL(packageURL)).then((response) => response.arrayBuffer()),
  ]);
  let from = "normal";
  let pyodide, calculators;
  if (snapshotResponse && snapshot.pyodideVersion !== version) {
    abort.abort();
    problem = `it was made for Pyodide ${snapshot.pyodideVersion}, this page loads ${version}`;
  } else if (snapshotResponse) {
    const snapshotBytes = readSnapshot(snapshotResponse);
    snapshotBytes.catch(() => {}); // loadPyodide awaits it only later
    try {
      pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshotBytes });
      calculators = importCalculators(pyodide, packageBytes);
      from = "snapshot";
    } catch (error) {
      problem = firstLine(error);
    }
  }
  // A warning: the reader still gets every result, only later.
  if (problem) console.warn(`Sidecar Tax: starting Python the normal way, not from ${snapshot.url}: ${problem}`);
  if (from === "normal") {
    pyodide = await loadPyodide({ indexURL });
    calculators = importCalculators(pyodide, packageBytes);
  }
  self.postMessage({ type: "ready", start: from });
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

const started = start(config).catch((error) => {
  self.postMessage({ type: "failed", message: String(error?.message ?? error) });
});

self.onmessage = async ({ data: { type, id, name, raw } }) => {
  const callPython = await started;
  if (type !== "evaluate" && type !== "chart") return;
  try {
    self.postMessage({ type: "result", id, result: callPython(type, name, raw) });
  } catch (error) {
    self.postMessage({ type: "result", id, error: String(error?.message ?? error) });
  }
};
