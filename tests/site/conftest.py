"""The site tests read the built HTML of both engines' builds."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session", params=["mkdocs", "zensical"])
def built_site(request, site_builds) -> Path:
    """The site as ``make build`` and as ``make build-zensical`` make it."""
    if request.param == "mkdocs":
        return site_builds.get("default").site
    return site_builds.get("zensical", engine="zensical").site
