/**
 * Pyodide with the calculators, written once for every place that starts it:
 * the browser worker (python-worker.js), the build's memory snapshot
 * (sitebuild/make_snapshot.mjs, in Node.js) and the test that runs the
 * shipped archive under Pyodide (tests/sitebuild/test_under_pyodide.py).
 * `packageDir` comes from Python (config.js, or the snapshot script's
 * arguments), so both starts' tracebacks name the same files.
 */

/** Unpack the calculators archive the site ships and import the package. */
export function importCalculators(pyodide, packageBytes, packageDir) {
  pyodide.unpackArchive(packageBytes, "zip", { extractDir: packageDir });
  const path = pyodide.pyimport("sys").path;
  path.insert(0, packageDir);
  path.destroy();
  return pyodide.pyimport("calculators");
}

/** calculators.<entry>(name, raw), plain values in and out: no Python object
 * outlives the call, and nothing but these arguments reaches Python. */
export function callEntry(pyodide, calculators, entry, name, raw) {
  const pyRaw = pyodide.toPy(raw);
  const result = calculators[entry](name, pyRaw);
  try {
    return result.toJs({ dict_converter: Object.fromEntries });
  } finally {
    result.destroy();
    pyRaw.destroy();
  }
}
