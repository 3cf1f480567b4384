"""The calculators package in the browser's Python: the pinned, hash-checked
Pyodide the site ships, run by Node.js, must answer as native Python does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import calculators
from sitebuild.options import RuntimeOptions
from sitebuild.runtime_files import unpack_pyodide

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import { loadPyodide } from %(mjs)s;
import fs from "node:fs";
const py = await loadPyodide({ indexURL: %(index)s });
py.FS.mkdirTree("/home/pyodide/calculators");
for (const f of fs.readdirSync(%(src)s)) {
  if (f.endsWith(".py")) py.FS.writeFile("/home/pyodide/calculators/" + f, fs.readFileSync(%(src)s + "/" + f, "utf8"));
}
py.globals.set("calls", %(calls)s);
console.log(py.runPython(`
import json, sys, calculators
answers = [calculators.evaluate(name, raw, preset=preset) for name, raw, preset in json.loads(calls)]
json.dumps({"version": sys.version_info[:2], "answers": answers})
`));
"""


def calls() -> list[tuple[str, dict[str, str], str | None]]:
    """Every calculator with its defaults, with every input bad, and with its first preset."""
    found = []
    for name, calc in calculators.CALCULATORS.items():
        found.append((name, {}, None))
        found.append((name, {field.name: "<b>1e309" for field in calc.inputs}, "nope"))
        if calc.presets:
            found.append((name, {}, calc.presets[0].name))
    return found


def test_every_calculator_answers_under_pyodide_as_natively(tmp_path):
    pyodide = unpack_pyodide(RuntimeOptions(), ROOT / ".cache" / "pyodide")
    node = shutil.which("node")
    assert node, "Node.js is needed to run the calculators under Pyodide outside the browser"
    script = tmp_path / "run.mjs"
    script.write_text(SCRIPT % {
        "mjs": json.dumps(str(pyodide / "pyodide.mjs")), "index": json.dumps(f"{pyodide}/"),
        "src": json.dumps(str(ROOT / "calculators")), "calls": json.dumps(json.dumps(calls())),
    })
    done = subprocess.run([node, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["version"] >= [3, 14]
    native = [calculators.evaluate(name, raw, preset=preset) for name, raw, preset in calls()]
    assert data["answers"] == json.loads(json.dumps(native))
