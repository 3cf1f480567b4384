"""The calculators package in the browser's Python: the archive the site
ships, started by the worker's own start-up module (start-python.mjs) in the
pinned, hash-checked Pyodide under Node.js, must answer as native Python does."""

from __future__ import annotations

import json
import shutil
import subprocess

import calculators
from sitebuild import runtime_files
from tests.conftest import pinned_pyodide


SCRIPT = """
import { readFileSync } from "node:fs";
import { loadPyodide } from %(mjs)s;
import { callEntry, importCalculators } from %(start)s;
const pyodide = await loadPyodide({ indexURL: %(index)s });
const calculators = importCalculators(pyodide, new Uint8Array(readFileSync(%(zip)s)), %(package_dir)s);
const answers = %(calls)s.map(([name, raw]) => callEntry(pyodide, calculators, %(entry)s, name, raw));
const recent = pyodide.runPython("import sys; sys.version_info[:2] >= (3, 14)");
console.log(JSON.stringify({ recent, answers }));
"""


def calls() -> list[tuple[str, dict[str, str]]]:
    """Every calculator with its defaults, with every input bad, and with its first preset's values."""
    found = []
    for name, calc in calculators.CALCULATORS.items():
        found.append((name, {}))
        found.append((name, {field.name: "<b>1e309" for field in calc.inputs}))
        if calc.presets:
            found.append((name, {key: str(value) for key, value in calc.presets[0].values.items()}))
    return found


def as_the_browser_sees(value):
    """Plain data after Pyodide's toJs and JSON: None is undefined, so a key holding it is dropped."""
    if isinstance(value, dict):
        return {key: as_the_browser_sees(item) for key, item in value.items() if item is not None}
    if isinstance(value, (list, tuple)):
        return [as_the_browser_sees(item) for item in value]
    return value


def test_every_calculator_answers_under_pyodide_as_natively(tmp_path):
    pyodide = pinned_pyodide()
    package = tmp_path / runtime_files.write_package(tmp_path, runtime_files.package_hash())
    node = shutil.which("node")
    assert node, "Node.js is needed to run the calculators under Pyodide outside the browser"
    [entry] = runtime_files.BROWSER_ENTRIES
    script = tmp_path / "run.mjs"
    script.write_text(SCRIPT % {
        "mjs": json.dumps((pyodide / "pyodide.mjs").as_uri()), "index": json.dumps(f"{pyodide}/"),
        "start": json.dumps(runtime_files.START_MODULE.as_uri()), "zip": json.dumps(str(package)),
        "package_dir": json.dumps(runtime_files.PACKAGE_DIR_IN_PYODIDE), "entry": json.dumps(entry),
        "calls": json.dumps(calls()),
    })
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["recent"] is True
    native = [getattr(calculators, entry)(name, raw) for name, raw in calls()]
    assert data["answers"] == as_the_browser_sees(json.loads(json.dumps(native)))
