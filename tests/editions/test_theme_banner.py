"""The outdated-edition banner is the theme's: Material renders the
``outdated`` block (overrides/main.html fills it) hidden inside
``[data-md-component=outdated]`` when ``extra.version`` is set, and
sitebuild/assets/calculators/editions.js fills in and shows that element.
If an upgrade of Material moves it, this fails first; in the browser the
shim then throws, naming the block (test_editions.py)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

BASE = Path(importlib.util.find_spec("material").origin).parent / "templates" / "base.html"


def test_material_renders_the_outdated_block_hidden_in_its_component_when_versioned():
    template = BASE.read_text(encoding="utf-8")
    assert re.search(
        r'{% if config\.extra\.version %}\s*<div [^>]*data-md-component="outdated" hidden>\s*'
        r'{% if self\.outdated\(\) %}.*?{% block outdated %}{% endblock %}',
        template,
        re.S,
    ), "Material's base.html no longer renders block outdated inside [data-md-component=outdated]: see sitebuild/assets/calculators/editions.js"
