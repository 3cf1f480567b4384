"""``make edition EDITION=YYYY-MM-DD``: build the docs as that edition onto
the local branch ``editions`` with mike, and point ``latest`` at the newest.

mike builds from a copy of ``mkdocs.yml`` with its plugin and this
package's hook added (a plain ``make build`` never sees either). The alias
``latest`` is a copy of the edition, not mike's redirect pages (inline
scripts), and the root page is :file:`editionbuild/root.html` (no script).
Nothing is pushed anywhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from mike.mkdocs_utils import RoundTripLoader

from editionbuild import BRANCH, LATEST
from editionbuild.hook import is_review_date, summary_file

ROOT_PAGE = Path(__file__).parent / "root.html"


class PublishError(Exception):
    """Why an edition cannot be published, in words."""


def _mike(*args: str, edition: str, root: Path) -> None:
    """mike, building from the checkout at ``root`` (its calculators and
    sitebuild first on the path, whichever checkout the tools were installed
    from). mike reads the configuration, hook included, before it sets the
    edition for the build: it is set for mike too."""
    tools = Path(sys.executable).parent  # mike runs `mkdocs` from PATH
    path = os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": path, "MIKE_DOCS_VERSION": edition}
    ran = subprocess.run([str(tools / "mike"), *args, "--branch", BRANCH, "--ignore-remote-status"], cwd=root, env=env)
    if ran.returncode:
        raise PublishError(f"edition {edition}: mike {args[0]} failed (see above)")


def _editions(root: Path) -> list[str]:
    shown = subprocess.run(["git", "show", f"{BRANCH}:versions.json"], cwd=root, capture_output=True, text=True)
    return [entry["version"] for entry in json.loads(shown.stdout)] if shown.returncode == 0 else []


def edition_config(root: Path) -> dict:
    """``mkdocs.yml`` with mike's plugin and the edition hook added, strict
    as ``make build`` (mike's build does not pass ``--strict``)."""
    with open(root / "mkdocs.yml", "rb") as file:
        config = yaml.load(file, Loader=RoundTripLoader)
    config["plugins"] = [{"mike": {"alias_type": "copy"}}, *config.get("plugins", ["search"])]
    config["hooks"] = [*config.get("hooks", []), "editionbuild/hook.py"]
    config["strict"] = True
    return config


def publish(edition: str, root: Path) -> None:
    if not is_review_date(edition):
        raise PublishError(f"EDITION: {edition!r} must be the review date as YYYY-MM-DD, e.g. EDITION=2026-12-06")
    if not summary_file(edition).is_file():
        raise PublishError(f"EDITION={edition}: write editionbuild/summaries/{edition}.md first, a few sentences for readers on what this review changed")
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True).stdout
    if changed:
        raise PublishError(f"EDITION={edition}: commit first; an edition records the commit it was built from, and these files differ:\n{changed}")
    newest = all(edition >= other for other in _editions(root))
    with tempfile.NamedTemporaryFile("w", dir=root, prefix=".mkdocs-edition-", suffix=".yml", delete=False) as file:
        yaml.dump(edition_config(root), file, sort_keys=False)
    try:
        aliases = ["--update-aliases", edition, LATEST] if newest else [edition]
        _mike("deploy", "--config-file", file.name, "--alias-type", "copy", "--title", edition, *aliases, edition=edition, root=root)
        _mike("set-default", "--config-file", file.name, "--template", str(ROOT_PAGE), LATEST, edition=edition, root=root)
    finally:
        os.remove(file.name)
