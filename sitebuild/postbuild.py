"""Finish a built site, whichever engine built it.

``mkdocs build`` runs this through :mod:`sitebuild.mkdocs_hook`; after
``zensical build`` (which runs no MkDocs hooks) ``python -m sitebuild SITE``
runs the same steps.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from calculators.figures import FIGURES

from . import html_fixes, minify, runtime_files
from .options import RuntimeOptions

FORM_ID = re.compile(r'<form class="st-calc" id="([^"]+)"')


def check_block_ids(site: Path) -> None:
    """Two blocks with one id on a page would share URL state: refuse that."""
    for page in site.rglob("*.html"):
        ids = FORM_ID.findall(page.read_text(encoding="utf-8"))
        duplicates = sorted({block_id for block_id in ids if ids.count(block_id) > 1})
        if duplicates:
            raise runtime_files.BuildStepError(
                f"{page.relative_to(site)}: calculator block id {', '.join(duplicates)} is used twice; "
                "give each block its own 'id:'"
            )


def write_figures_json(site: Path) -> None:
    """Publish the register of figures at the site root, for other teams to reuse."""
    figures = [item.as_json() for item in FIGURES.values()]
    (site / "figures.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def finish(site: Path, options: RuntimeOptions, cache: Path) -> None:
    """Check the pages, fix their HTML, publish the figures, minify the site's own JS and CSS
    and write the browser runtime's files."""
    check_block_ids(site)
    write_figures_json(site)
    html_fixes.fix_site(site)
    minify.minify_site(site, cache)
    runtime_files.write_runtime_files(site, options, cache)
