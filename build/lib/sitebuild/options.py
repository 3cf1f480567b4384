"""The in-browser calculators' runtime options, one definition for every way in.

The MkDocs plugin (:mod:`sitebuild.plugin`, options under ``plugins: -
sidecar-tax:`` in ``mkdocs.yml``) and the post-build command for engines
without plugins (``python -m sitebuild SITE --pyodide-source ...``) both read
the fields below, so an option, its default and its rule are written once.
The Pyodide pin is the package's own: a site changes it only deliberately.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass, fields

SOURCES = ("cdn", "self-hosted")
STARTS = ("intent", "viewport")
PYODIDE_VERSION = "314.0.8"


class OptionsError(ValueError):
    """A bad option: the message names it and the rule."""


@dataclass(frozen=True)
class RuntimeOptions:
    """The sidecar-tax plugin's options; deploy/README.md shows them in use."""

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
    pyodide_version: str = PYODIDE_VERSION
    """Pinned Pyodide release; the worker and the self-hosted copy use it."""
    pyodide_cdn_url: str = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
    """The CDN folder of the pinned release, ending in ``/full/``."""
    pyodide_sha256: str = "9a52704e0ae5b07aaacb8e4fed9f1658e8024694a078695ea45ac79dee4cefcb"
    """sha256 of the npm tarball ``pyodide-<version>.tgz``; self-hosting
    and the snapshot refuse any other file."""

    @classmethod
    def from_mapping(cls, raw: object, where: str = "sidecar-tax") -> RuntimeOptions:
        """Check ``raw`` option by option; ``where`` prefixes each message."""
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise OptionsError(f"{where} options must be a mapping of options")
        unknown = sorted(set(raw) - set(cls.__dataclass_fields__))
        if unknown:
            raise OptionsError(f"{where}: unknown option {', '.join(unknown)} (options: {', '.join(option_names())})")
        for name in ("pyodide_version", "pyodide_cdn_url", "pyodide_sha256"):
            if name in raw and (not isinstance(raw[name], str) or not raw[name]):
                raise OptionsError(f"{where}.{name} must be a non-empty string")
        source = raw.get("pyodide_source", "cdn")
        if source not in SOURCES:
            raise OptionsError(f"{where}.pyodide_source must be one of {', '.join(SOURCES)}, not {source!r}")
        snapshot = raw.get("snapshot", True)
        if not isinstance(snapshot, bool):
            raise OptionsError(f"{where}.snapshot must be true or false, not {snapshot!r}")
        start = raw.get("start", "intent")
        if start not in STARTS:
            raise OptionsError(f"{where}.start must be one of {', '.join(STARTS)}, not {start!r}")
        return cls(**raw)


def option_names() -> list[str]:
    return [field.name for field in fields(RuntimeOptions)]


def option_help(name: str) -> str:
    """The option's docstring (the attribute docstring in the class body), as one line."""
    body = ast.parse(inspect.getsource(RuntimeOptions)).body[0].body
    for statement, following in zip(body, body[1:]):
        if isinstance(statement, ast.AnnAssign) and statement.target.id == name:
            if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
                return " ".join(following.value.value.split())
    return ""
