/**
 * Module Web Worker: Pyodide plus the calculators package, off the main thread.
 *
 * It only ever calls `calculators.evaluate` or `calculators.chart` with plain
 * values; it never runs strings of code from a page or a URL. `start` is the one place
 * start-up happens, so other ways to start (a memory snapshot) slot in there.
 */
let callPython = null; // (entry, name, raw): calculators.evaluate or calculators.chart
let startedFrom = null; // "snapshot" or "normal", told to the page when ready

// Where the calculators package lives in Pyodide's file system; must match
// PACKAGE_DIR in overrides/hooks/make_snapshot.mjs, which made the snapshot.
const PACKAGE_DIR = "/home/pyodide/sidecar-tax";
const SNAPSHOT_MAGIC = [0x00, 0x73, 0x6e, 0x70]; // "\0snp", how Pyodide's snapshots begin

// Pyodide 314 only logs a failed WebAssembly instantiation (pyodide.asm.wasm
// blocked, damaged, or refused by a Content-Security-Policy) and then waits
// forever. Tell the page instead, so the reader hears why and gets a retry.
// (Both start-ups use the same binary, so there is nothing to fall back to;
// the calculators load no other WebAssembly once Python runs.)
for (const name of ["instantiate", "instantiateStreaming"]) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    return original.apply(this, args).catch((error) => {
      self.postMessage({ type: "failed", message: `WebAssembly: ${error}` });
      throw error;
    });
  };
}

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The snapshot's bytes from its pending response, inflated as they arrive
 * when they come gzipped, as the build ships them (a host that sends them
 * with Content-Encoding has inflated them already, so look at the first
 * bytes); refused unless they look like a Pyodide snapshot. */
async function readSnapshot(url, pendingResponse) {
  const response = await pendingResponse;
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  // Inflating keeps this thread busy for a while: let loadPyodide, which
  // asked for this, send its own requests first (its WebAssembly then
  // downloads and compiles meanwhile, off this thread).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const reader = response.body.getReader();
  const first = await reader.read();
  const head = first.value ?? new Uint8Array(0);
  let body = new ReadableStream({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  if (head[0] === 0x1f && head[1] === 0x8b) body = body.pipeThrough(new DecompressionStream("gzip"));
  let bytes;
  try {
    bytes = new Uint8Array(await new Response(body).arrayBuffer());
  } catch (error) {
    throw new Error(`it did not download and inflate whole (${error?.message ?? error})`);
  }
  if (!SNAPSHOT_MAGIC.every((byte, index) => bytes[index] === byte)) {
    throw new Error("it is not a Pyodide memory snapshot");
  }
  return bytes;
}

/** The package unpacked and imported. After a snapshot start it is already
 * imported, but the snapshot holds memory, not files: unpack it again so it
 * stays importable (lazy imports, tracebacks). */
function importCalculators(pyodide, packageBytes) {
  pyodide.unpackArchive(packageBytes, "zip", { extractDir: PACKAGE_DIR });
  const path = pyodide.pyimport("sys").path; // a snapshot already has the folder on it
  if (!path.includes(PACKAGE_DIR)) path.insert(0, PACKAGE_DIR);
  path.destroy();
  return pyodide.pyimport("calculators");
}

/**
 * Start Pyodide with the calculators package, from the build's memory
 * snapshot when there is one made for this Pyodide version and this package,
 * otherwise (or when anything about it fails) the normal way, saying why once.
 */
async function start({ indexURL, packageURL, calculatorsHash, snapshot }) {
  let problem = "";
  let snapshotResponse = null;
  const abort = new AbortController();
  if (snapshot && snapshot.calculatorsHash !== calculatorsHash) {
    problem = `it was made from calculators ${snapshot.calculatorsHash}, this page ships ${calculatorsHash}`;
  } else if (snapshot) {
    snapshotResponse = fetch(snapshot.url, { signal: abort.signal }); // downloads alongside the rest
    snapshotResponse.catch(() => {}); // its failure is handled where it is awaited
  }
  const [{ loadPyodide, version }, packageBytes] = await Promise.all([
    import(`${indexURL}pyodide.mjs`),
    fetchBytes(packageURL),
  ]);
  let pyodide = null;
  let calculators = null;
  startedFrom = "normal";
  if (snapshotResponse && snapshot.pyodideVersion !== version) {
    abort.abort();
    problem = `it was made for Pyodide ${snapshot.pyodideVersion}, this page loads ${version}`;
  } else if (snapshotResponse) {
    const snapshotBytes = readSnapshot(snapshot.url, snapshotResponse);
    snapshotBytes.catch(() => {}); // loadPyodide awaits it only later: no "unhandled rejection"
    try {
      pyodide = await loadPyodide({ indexURL, _loadSnapshot: snapshotBytes });
      calculators = importCalculators(pyodide, packageBytes);
      startedFrom = "snapshot";
    } catch (error) {
      problem = String(error?.message ?? error).split("\n")[0];
    }
  }
  if (problem) {
    // A warning, not an error: the reader still gets every result, only later.
    console.warn(`Sidecar Tax: starting Python the normal way, not from ${snapshot.url}: ${problem}`);
  }
  if (startedFrom === "normal") {
    pyodide = await loadPyodide({ indexURL });
    calculators = importCalculators(pyodide, packageBytes);
  }
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

self.onmessage = async ({ data }) => {
  if (data.type === "boot") {
    try {
      callPython = await start(data);
      self.postMessage({ type: "ready", start: startedFrom });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data.type === "evaluate" || data.type === "chart") {
    try {
      const result = callPython(data.type, data.name, data.raw);
      self.postMessage({ type: "result", id: data.id, result });
    } catch (error) {
      self.postMessage({ type: "result", id: data.id, error: String(error?.message ?? error) });
    }
  }
};
