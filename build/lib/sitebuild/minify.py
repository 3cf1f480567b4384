"""The site's own JS and CSS, minified in the built site by esbuild.

The repository keeps them readable (``overrides/assets/``, ``sitebuild/assets/``); the built copies
in ``SITE/assets/calculators/`` and ``SITE/assets/site/`` are replaced by
esbuild's minified output, each with a source map (``NAME.map``, the
readable source inside) that browsers fetch only when developer tools are
open. esbuild transforms each file on its own (no bundling): ES module
imports, exports and the classic scripts' globals stay as they are, and no
code is added, so the strict Content-Security-Policy holds. The pinned npm
release is installed once into ``.cache/esbuild-VERSION/``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .runtime_files import BuildStepError

VERSION = "0.28.2"
OWN_FOLDERS = ("assets/calculators", "assets/site")  # only their own files: not Pyodide's below them


def esbuild(cache: Path) -> Path:
    """The pinned esbuild, installed with npm on first use."""
    folder = cache / f"esbuild-{VERSION}"
    binary = folder / "node_modules" / ".bin" / "esbuild"
    if binary.is_file():
        return binary
    if shutil.which("npm") is None:
        raise BuildStepError(
            f"minifying the site's own JS and CSS needs esbuild {VERSION}, installed once with npm, "
            f"which is not on PATH: install Node.js (or put esbuild in {folder}/node_modules)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    command = ["npm", "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--save-exact", f"esbuild@{VERSION}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not binary.is_file():
        raise BuildStepError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return binary


def own_files(site: Path) -> list[Path]:
    """The built copies of the site's own scripts and style sheets (not
    ``config.js``, which the runtime step writes after this one)."""
    found = (path for folder in OWN_FOLDERS for pattern in ("*.js", "*.css") for path in (site / folder).glob(pattern))
    return sorted(path for path in found if path.name != "config.js")


def minify_site(site: Path, cache: Path) -> None:
    """Replace each own JS and CSS file of the built site by its minified form."""
    for folder in OWN_FOLDERS:
        files = [path.name for path in own_files(site) if path.parent == site / folder]
        if not files:
            continue
        command = [str(esbuild(cache)), *files, "--minify", "--sourcemap", "--outdir=.", "--allow-overwrite",
                   "--log-level=error"]
        result = subprocess.run(command, cwd=site / folder, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise BuildStepError(f"esbuild could not minify {folder}/:\n{result.stderr[-2000:]}")
