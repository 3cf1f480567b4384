"""Every place the site depends on a theme's internals, pinned.

overrides/partials/javascripts/ replace three of the theme's partials with
assets/site/material-init.js, a port of their inline scripts (for the strict
CSP), and a fourth, outdated.html (editions only), with nothing. If an upgrade of Material or Zensical changes one of those partials,
the port may be stale: these hashes fail first, loudly, naming the file to
port again. Zensical's search dialog writes one fixed ``<style>`` into a
shadow root, which deploy/nginx.conf's policy allows by its hash: the hash
must still match. sitebuild/html_fixes.py's patterns have tests of their own
(test_links.py, test_strict_csp.py, the accessibility tests).
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path

import pytest

from tests.support.nginx import shipped_policy

ROOT = Path(__file__).resolve().parents[2]
OVERRIDDEN = sorted(path.name for path in (ROOT / "overrides/partials/javascripts").glob("*.html"))

# sha256 (first 16 hex digits) of each theme's partial that material-init.js ports.
PORTED = {
    ("material", "base.html"): "d6113712bc4deb30",
    ("material", "palette.html"): "8790389765ea6036",
    ("material", "content.html"): "3722e156f0f6339d",
    ("zensical", "base.html"): "b2c8050fa4b999f5",
    ("zensical", "palette.html"): "8790389765ea6036",
    ("zensical", "content.html"): "3722e156f0f6339d",
    # Editions only: left out (assets/calculators/editions.js shows the banner); see tests/editions/.
    ("material", "outdated.html"): "13165dec361fce13",
    ("zensical", "outdated.html"): "13165dec361fce13",
}


def theme_templates(theme: str) -> Path:
    return Path(importlib.util.find_spec(theme).origin).parent / "templates"


def theme_partial(theme: str, name: str) -> Path:
    return theme_templates(theme) / "partials" / "javascripts" / name


def test_every_overridden_partial_is_pinned_for_both_themes():
    assert OVERRIDDEN == ["base.html", "content.html", "outdated.html", "palette.html"]
    assert {name for _theme, name in PORTED} == set(OVERRIDDEN)


@pytest.mark.parametrize(("theme", "name"), PORTED)
def test_the_ported_partials_are_unchanged(theme, name):
    digest = hashlib.sha256(theme_partial(theme, name).read_bytes()).hexdigest()[:16]
    assert digest == PORTED[theme, name], (
        f"{theme}'s partials/javascripts/{name} changed: port its inline script into "
        "overrides/assets/site/material-init.js again, then update PORTED here"
    )


def test_content_tabs_link_stays_off_as_material_init_does_not_restore_tabs():
    """material-init.js leaves out the theme's restore of the reader's chosen
    tabs, which only content.tabs.link uses: turning that feature on needs it."""
    features = re.search(r"^  features:\n((?:    - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert features and "content.tabs.link" not in features.group(1)


def test_the_policy_allows_exactly_zensicals_search_style_by_its_hash():
    """The style text is a string constant of Zensical's bundle, handed to a
    ``<style>`` element; the policy's only style hash must be that text's."""
    bundle = next((theme_templates("zensical") / "assets" / "javascripts").glob("bundle.*.min.js"))
    source = bundle.read_text(encoding="utf-8")
    name = re.search(r'C\("style",\{\},(\w+)\.toString\(\)\)', source).group(1)
    text = re.search(rf"\b{name}='([^'\\]*)'", source).group(1)
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    hashes = re.findall(r"'sha256-([^']+)'", re.search(r"style-src [^;]+", shipped_policy()).group(0))
    assert hashes == [digest], f"Zensical's search style changed: put 'sha256-{digest}' in deploy/nginx.conf's style-src"
