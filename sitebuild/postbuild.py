"""Finish a built site, whichever engine built it.

The MkDocs plugin (:mod:`sitebuild.plugin`) runs this after ``mkdocs
build``; after ``zensical build`` (which runs no MkDocs plugins) ``python -m
sitebuild SITE`` runs the same steps. Duplicate block ids are refused while
rendering (:mod:`sitebuild.extension`), not here.
"""

from __future__ import annotations

from pathlib import Path

from . import html_fixes, runtime_files
from .options import RuntimeOptions


def finish(site: Path, options: RuntimeOptions, cache: Path) -> None:
    """Fix the pages' HTML and write the browser runtime's files."""
    html_fixes.fix_site(site)
    runtime_files.write_runtime_files(site, options, cache)
