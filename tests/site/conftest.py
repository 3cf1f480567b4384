"""The site tests read the built HTML of both engines' builds."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def built_site(request) -> Path:
    """The site as ``make build`` and as ``make build-zensical`` make it."""
    return request.getfixturevalue("default_site" if request.param == "mkdocs" else "zensical_site").site
