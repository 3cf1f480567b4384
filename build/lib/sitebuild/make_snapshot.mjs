/**
 * Make a Pyodide memory snapshot with the calculators package already imported.
 *
 *     node make_snapshot.mjs PYODIDE_DIR CALCULATORS_ZIP PACKAGE_DIR OUTPUT
 *
 * Run by sitebuild/runtime_files.py (write_snapshot) at build time.
 * PYODIDE_DIR is the unpacked, hash-checked npm package of the pinned Pyodide;
 * CALCULATORS_ZIP is the very archive the site ships, unpacked into PACKAGE_DIR
 * as the worker does (start-python.mjs). OUTPUT receives the raw
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

import { importCalculators } from "./assets/calculators/start-python.mjs";

const [pyodideDir, packageZip, packageDir, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node make_snapshot.mjs PYODIDE_DIR CALCULATORS_ZIP PACKAGE_DIR OUTPUT");
  process.exit(2);
}
const indexURL = `${resolve(pyodideDir)}/`; // in Node.js, a path (a file: URL breaks its imports)
const { loadPyodide } = await import(pathToFileURL(`${indexURL}pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });

importCalculators(pyodide, new Uint8Array(readFileSync(packageZip)), packageDir).destroy();
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
