"""Small fixes to HTML that the theme and plugins write: the one place that
touches their markup.

Each fix is a plain function of a page's HTML, applied to every built page
by :func:`fix_site` after any engine's build; each is checked by a test that
fails when its pattern stops matching (tests/site/test_links.py,
tests/site/test_theme_shims.py, tests/e2e/test_every_page.py).

1. Redirect pages without inline script.
   mkdocs-redirects writes, for each moved page, a page whose inline
   ``<script>`` forwards to the new address with the ``#anchor`` (dropping
   the query) and whose ``<meta http-equiv="refresh">`` does the same
   without JavaScript (dropping both). Under the site's Content-Security-Policy
   (no ``'unsafe-inline'``, see ``deploy/nginx.conf``) that script is
   refused, and an ADR link such as
   ``guide/resource-tax/?sidecar_ram.pods=250#sidecar-memory`` would land at
   the top of the new page with the calculator's inputs gone. The script is
   swapped for ``assets/calculators/redirect.js``, which keeps both. Zensical
   0.0.73 writes its redirect pages with the very same script.
2. Names for screen readers:
   task-list checkboxes (pymdownx.tasklist writes an empty ``<label>``) are
   named after their item; Material's search dialog and page-loading bar,
   which have a role but no name, get one.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

# -- 1. redirect pages ------------------------------------------------------

# The plugin's script, as mkdocs-redirects 1.2 writes it (its HTML_TEMPLATE).
INLINE_REDIRECT = re.compile(
    r'<script>var anchor=window\.location\.hash\.substr\(1\);'
    r'location\.href="(?P<target>[^"]*)"\+\(anchor\?"#"\+anchor:""\)</script>'
)
REDIRECT_SCRIPT = "assets/calculators/redirect.js"  # shipped with the runtime: any site gets this fix


def external_redirects(text: str, script_src: str) -> str:
    """The redirect page with its inline script replaced by ``redirect.js``."""

    def external(match: re.Match) -> str:
        target = html.escape(match.group("target"), quote=True)
        return f'<script src="{html.escape(script_src, quote=True)}" data-target="{target}"></script>'

    return INLINE_REDIRECT.sub(external, text)


# -- 2. names for screen readers --------------------------------------------

TASK = re.compile(
    r'(?P<open><label class="task-list-control"><input type="checkbox"(?P<attrs>[^>]*?)/?>)'
    r"(?P<indicator><span class=\"task-list-indicator\"></span></label>)"
    r"(?P<text>.*?)(?=</li>|<ul|<ol|<p>|<div)",
    re.S,
)
TAG = re.compile(r"<[^>]+>")


def named_tasks(text: str) -> str:
    """Each task-list checkbox gets its item's text as its accessible name."""

    def name(match: re.Match) -> str:
        label = " ".join(html.unescape(TAG.sub("", match.group("text"))).split())[:200]
        if not label or "aria-label" in match.group("attrs"):
            return match.group(0)
        attrs = f'{match.group("attrs")} aria-label="{html.escape(label, quote=True)}"'
        return (
            f'<label class="task-list-control"><input type="checkbox"{attrs}/>'
            f'{match.group("indicator")}{match.group("text")}'
        )

    return TASK.sub(name, text)


LANDMARKS = (
    # Material's search overlay: role="dialog" without a name.
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
    # navigation.instant.progress: role="progressbar" without a name.
    ('<div class="md-progress" data-md-component="progress" role="progressbar">',
     '<div class="md-progress" data-md-component="progress" role="progressbar" aria-label="Loading the page">'),
)


def named_landmarks(text: str) -> str:
    for before, after in LANDMARKS:
        text = text.replace(before, after)
    return text


def fix_page(text: str, script_src: str) -> str:
    """Every fix, for one built page; ``script_src`` is redirect.js relative to it."""
    if "<script>var anchor=" in text:
        text = external_redirects(text, script_src)
    return named_landmarks(named_tasks(text))


def fix_site(site: Path) -> None:
    """Apply :func:`fix_page` to every HTML file of a built site."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        src = Path(os.path.relpath(site / REDIRECT_SCRIPT, page.parent)).as_posix()
        fixed = fix_page(text, src)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
