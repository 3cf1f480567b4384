"""MkDocs hook: small fixes to HTML that Material and plugins write.

Each fix is a plain function of a page's HTML, so a move away from MkDocs or
Material keeps them; each is checked by a test that fails when its pattern
stops matching (tests/site/test_links.py, tests/e2e/test_accessibility.py).

1. Redirect pages without inline script (``on_post_build``).
   mkdocs-redirects writes, for each moved page, a page whose inline
   ``<script>`` forwards to the new address with the ``#anchor`` (dropping
   the query) and whose ``<meta http-equiv="refresh">`` does the same
   without JavaScript (dropping both). Under the site's Content-Security-Policy
   (no ``'unsafe-inline'``, see ``deploy/nginx.conf``) that script is
   refused, and an ADR link such as
   ``guide/resource-tax/?sidecar_ram.pods=250#sidecar-memory`` would land at
   the top of the new page with the calculator's inputs gone. The script is
   swapped for ``assets/calculators/redirect.js``, which keeps both. (Hooks
   run after plugins, so the plugin's pages exist by then.)
2. Names for screen readers (``on_page_content``, ``on_post_page``):
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
REDIRECT_SCRIPT = "assets/calculators/redirect.js"


def external_redirects(text: str, script_src: str) -> str:
    """The redirect page with its inline script replaced by ``redirect.js``."""

    def external(match: re.Match) -> str:
        target = html.escape(match.group("target"), quote=True)
        return f'<script src="{html.escape(script_src, quote=True)}" data-target="{target}"></script>'

    return INLINE_REDIRECT.sub(external, text)


def on_post_build(config, **kwargs):
    site = Path(config.site_dir)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "<script>var anchor=" in text:
            src = Path(os.path.relpath(site / REDIRECT_SCRIPT, page.parent)).as_posix()
            page.write_text(external_redirects(text, src), encoding="utf-8")


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


def on_page_content(html_text, page, config, files):
    return named_tasks(html_text)


def on_post_page(output, page, config):
    return named_landmarks(output)


def on_post_template(output_content, template_name, config):
    """Static templates (Material's 404.html) are no pages: fix them here."""
    return named_landmarks(output_content) if template_name.endswith(".html") else output_content
