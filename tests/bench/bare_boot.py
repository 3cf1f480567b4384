"""The bare-boot page: the floor that Pyodide itself sets.

A tiny HTML page and a module worker, written by the benchmark into its own
temporary build of the site (never into ``docs/`` or a shipped site). The
page starts the worker at once; the worker imports the same self-hosted
``pyodide.mjs`` the calculators use, runs ``loadPyodide({indexURL})`` and
answers one call into an imported module. Nothing else: no Material, no
calculators package.
"""

from __future__ import annotations

import json
from pathlib import Path

FOLDER = "_bench/bare-boot"

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bare Pyodide boot</title>
<link rel="icon" href="data:,">
</head>
<body>
<p id="answer">Booting Pyodide in a module worker...</p>
<script type="module">
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
window.__bareDone = new Promise((resolve) => {
  worker.onmessage = ({ data }) => {
    window.__bare = { ...data, time: performance.now() };
    document.getElementById("answer").textContent = "error" in data ? data.error : String(data.answer);
    resolve(window.__bare);
  };
});
worker.postMessage({ indexURL: new URL(__INDEX_URL__, location.href).href });
</script>
</body>
</html>
"""

WORKER = """// Bare boot: the same Pyodide as the calculators, one call, nothing else.
self.onmessage = async ({ data }) => {
  try {
    const { loadPyodide } = await import(`${data.indexURL}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL: data.indexURL });
    const answer = pyodide.pyimport("math").hypot(3, 4);
    self.postMessage({ answer });
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
"""

ANSWER = 5


def write_bare_boot(site: Path, index_url: str) -> str:
    """Write the page under ``site``; ``index_url`` is Pyodide's folder
    relative to the site root. Returns the page's path relative to the root."""
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    depth = "../" * len(Path(FOLDER).parts)
    page = PAGE.replace("__INDEX_URL__", json.dumps(depth + index_url))
    (folder / "index.html").write_text(page, encoding="utf-8")
    (folder / "worker.js").write_text(WORKER, encoding="utf-8")
    return f"{FOLDER}/"
