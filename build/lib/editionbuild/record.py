"""What an edition records about itself, beside its pages: ``edition.json``
(with the hash of the calculators package it ships: code changes that the
schema does not show still show there).

The next edition's "What changed" page compares two records (and the two
editions' ``figures.json``, the register of figures, when they have one).
Everything here is read from the sources the build used, never restated.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from sitebuild.runtime_files import package_hash

RECORD_FILE = "edition.json"
FIGURES_FILE = "figures.json"


def calculators_interface(root: Path) -> list[dict]:
    """Every calculator's schema, exactly as ``python -m calculators list --json`` prints it."""
    listed = subprocess.run(
        [sys.executable, "-m", "calculators", "list", "--json"], cwd=root, capture_output=True, text=True, check=True
    )
    return json.loads(listed.stdout)


def verdict_rules() -> dict:
    """mesh_fit's public constants (thresholds, conditions, verdict words):
    the rules its verdict follows."""
    from calculators import mesh_fit

    def plain(value):
        try:
            return json.loads(json.dumps(value))
        except TypeError:
            return None

    rules = {name: plain(value) for name, value in vars(mesh_fit).items() if re.fullmatch(r"[A-Z][A-Z0-9_]*", name)}
    return {name: value for name, value in rules.items() if value is not None}


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml as data: its tags (``!ENV``, ``!!python/name``) read as plain values."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def redirects(config_file: Path) -> dict[str, str]:
    """mkdocs.yml's ``redirect_maps``: moved pages, old path -> new path."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            return dict((plugin["redirects"] or {}).get("redirect_maps") or {})
    return {}


def stable_anchors(anchors_file: Path) -> list[str]:
    """The published section links of ``docs/stable-anchors.txt``."""
    lines = anchors_file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def current_record(root: Path, edition: str, commit: str) -> dict:
    """The record of the edition being built from the project at ``root``."""
    return {
        "edition": edition,
        "commit": commit,
        "calculators": calculators_interface(root),
        "calculators_hash": package_hash(),
        "verdict_rules": verdict_rules(),
        "redirects": redirects(root / "mkdocs.yml"),
        "stable_anchors": stable_anchors(root / "docs" / "stable-anchors.txt"),
    }
