"""Finish a built site, whichever engine built it.

The MkDocs plugin (:mod:`sitebuild.plugin`) runs this after ``mkdocs
build``; after ``zensical build`` (which runs no MkDocs plugins) ``python -m
sitebuild SITE`` runs the same steps. Duplicate block ids are refused while
rendering (:mod:`sitebuild.extension`), not here.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: builds sharing a cache must not run at once
    fcntl = None

from calculators.figures import FIGURES

from . import html_fixes, minify, runtime_files
from .options import RuntimeOptions


def write_figures_json(site: Path) -> None:
    """Publish the register of figures at the site root, for other teams to reuse."""
    figures = [item.as_json() for item in FIGURES.values()]
    (site / "figures.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def finish(site: Path, options: RuntimeOptions, cache: Path) -> None:
    """Fix the pages' HTML, publish the figures, minify the site's own JS and CSS
    and write the browser runtime's files."""
    write_figures_json(site)
    html_fixes.fix_site(site)
    runtime_files.copy_browser_runtime(site)  # before minify, which replaces the copies
    with cache_lock(cache):
        minify.minify_site(site, cache)
        runtime_files.write_runtime_files(site, options, cache)


@contextlib.contextmanager
def cache_lock(cache: Path):
    """One build at a time fills the cache (npm downloads, unpacked Pyodide,
    snapshots): builds run at once (``mkdocs serve`` beside ``make build``, a
    parallel test run) wait here, then find the files made."""
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / ".lock", "w") as lock:
        if fcntl:
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield
