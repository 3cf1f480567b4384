/**
 * Make a Pyodide memory snapshot with the calculators package already imported.
 *
 *     node make_snapshot.mjs PYODIDE_DIR CALCULATORS_ZIP OUTPUT
 *
 * Run by sitebuild/runtime_files.py (write_snapshot) at build time.
 * PYODIDE_DIR is the unpacked, hash-checked npm package of the pinned Pyodide;
 * CALCULATORS_ZIP is the very archive the site ships. OUTPUT receives the raw
 * snapshot (runtime_files.py compresses it). `_makeSnapshot` and `makeMemorySnapshot`
 * are private Pyodide API: the version is pinned, and the browser worker falls
 * back to the normal start whenever loading the snapshot fails.
 *
 * A snapshot holds the WebAssembly memory only (Python's heap: sys.modules,
 * sys.path), not Emscripten's in-memory file system. Everything the worker
 * calls is imported here (the package imports none of its modules late:
 * tests/calculators checks it), so a worker started from the snapshot neither
 * downloads nor unpacks the archive; only its tracebacks lack source lines.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

// As PACKAGE_DIR in sitebuild/assets/calculators/python-worker.js: either start's tracebacks name the same files.
const PACKAGE_DIR = "/home/pyodide/sidecar-tax";

const [pyodideDir, packageZip, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node make_snapshot.mjs PYODIDE_DIR CALCULATORS_ZIP OUTPUT");
  process.exit(2);
}
const indexURL = `${resolve(pyodideDir)}/`; // in Node.js, a path (a file: URL breaks its imports)
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });

pyodide.unpackArchive(new Uint8Array(readFileSync(packageZip)), "zip", { extractDir: PACKAGE_DIR });
const sys = pyodide.pyimport("sys");
sys.path.insert(0, PACKAGE_DIR);
sys.destroy();
// Import the package and run every calculator and chart once, so whatever the
// standard library imports on a first call is in the snapshot too. Only Python
// objects are touched: the snapshot must not hold references to JavaScript objects.
const scratch = pyodide.toPy({});
pyodide.runPython(
  "import calculators\nfor name in calculators.CALCULATORS:\n    calculators.evaluate(name, {})\n    calculators.chart(name, {})\n",
  { globals: scratch },
);
scratch.destroy();

writeFileSync(output, pyodide.makeMemorySnapshot());
