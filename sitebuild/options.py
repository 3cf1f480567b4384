"""The in-browser calculators' options: ``extra.calculators`` in ``mkdocs.yml``.

Read here with PyYAML rather than through MkDocs' config classes, so the
post-build step runs the same after a Zensical build. ``!ENV [NAME,
default]`` is honoured as MkDocs reads it; other tags (``!!python/name:``)
are not needed here and read as ``None``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

SOURCES = ("cdn", "self-hosted")
STARTS = ("intent", "viewport")


class OptionsError(ValueError):
    """A bad ``extra.calculators`` setting: the message names it and the rule."""


@dataclass(frozen=True)
class RuntimeOptions:
    """Options under ``extra.calculators``, each documented in CONTRIBUTING.md."""

    pyodide_version: str
    """Pinned Pyodide release; the worker and the self-hosted copy use it."""
    pyodide_cdn_url: str
    """The CDN folder of the pinned release, ending in ``/full/``."""
    pyodide_sha256: str
    """sha256 of the npm tarball ``pyodide-<version>.tgz``; self-hosting
    and the snapshot refuse any other file."""
    pyodide_source: str = "cdn"
    """``cdn`` loads Pyodide from ``pyodide_cdn_url``; ``self-hosted`` copies
    the pinned npm package into the site, for networks that block CDNs."""
    snapshot: bool = True
    """Ship a memory snapshot of Pyodide with ``calculators`` imported (about
    6 MB gzipped; needs Node.js at build time); ``false`` drops it."""
    start: str = "intent"
    """When a form starts Python: ``intent`` as the reader points at, touches
    or focuses it (or edits, presses a preset, or opens a URL with its state);
    ``viewport`` as soon as it nears the screen, which makes every reader of a
    calculator page download Python. A reader's Save-Data preference wins:
    then only focus or an edit starts it."""

    @classmethod
    def from_mapping(cls, raw: object) -> RuntimeOptions:
        if not isinstance(raw, dict):
            raise OptionsError("extra.calculators in mkdocs.yml must be a mapping of options")
        unknown = sorted(set(raw) - set(cls.__dataclass_fields__))
        if unknown:
            raise OptionsError(f"extra.calculators: unknown option {', '.join(unknown)}")
        for name in ("pyodide_version", "pyodide_cdn_url", "pyodide_sha256"):
            if not isinstance(raw.get(name), str) or not raw[name]:
                raise OptionsError(f"extra.calculators.{name} must be set to a string")
        source = raw.get("pyodide_source", "cdn")
        if source not in SOURCES:
            raise OptionsError(f"extra.calculators.pyodide_source must be one of {', '.join(SOURCES)}, not {source!r}")
        snapshot = raw.get("snapshot", True)
        if not isinstance(snapshot, bool):
            raise OptionsError("extra.calculators.snapshot must be true or false")
        start = raw.get("start", "intent")
        if start not in STARTS:
            raise OptionsError(f"extra.calculators.start must be one of {', '.join(STARTS)}, not {start!r}")
        return cls(**{**raw, "pyodide_source": source, "snapshot": snapshot, "start": start})


class _ConfigLoader(yaml.SafeLoader):
    """PyYAML's safe loader plus the tags ``mkdocs.yml`` uses."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """``!ENV NAME`` or ``!ENV [NAME, ..., default]``: the first set variable, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    """``mkdocs.yml`` as plain data."""
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=_ConfigLoader) or {}


def from_config(config: dict) -> RuntimeOptions:
    return RuntimeOptions.from_mapping((config.get("extra") or {}).get("calculators"))
