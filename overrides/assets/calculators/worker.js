/**
 * Module Web Worker: Pyodide plus the calculators package, off the main thread.
 *
 * It only ever calls `calculators.evaluate(name, raw)` with plain values; it
 * never runs strings of code from a page or a URL. `start` is the one place
 * start-up happens, so other ways to start (a memory snapshot) slot in there.
 */
let evaluateInPython = null;

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function start({ indexURL, packageURL }) {
  const [{ loadPyodide }, packageBytes] = await Promise.all([
    import(`${indexURL}pyodide.mjs`),
    fetchBytes(packageURL),
  ]);
  const pyodide = await loadPyodide({ indexURL });
  const folder = "/home/pyodide/sidecar-tax";
  pyodide.unpackArchive(packageBytes, "zip", { extractDir: folder });
  pyodide.pyimport("sys").path.insert(0, folder);
  const calculators = pyodide.pyimport("calculators");
  return (name, raw) => {
    const pyRaw = pyodide.toPy(raw);
    const result = calculators.evaluate(name, pyRaw);
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
      evaluateInPython = await start(data);
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
  } else if (data.type === "evaluate") {
    try {
      const result = evaluateInPython(data.name, data.raw);
      self.postMessage({ type: "result", id: data.id, result });
    } catch (error) {
      self.postMessage({ type: "result", id: data.id, error: String(error?.message ?? error) });
    }
  }
};
