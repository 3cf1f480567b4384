"""The register of figures: every published number the site cites, in one file.

Why a register: "every figure carries its source and date" held for presets
(data with a test) and failed in prose (care). So each figure is written
once, in ``figures.toml`` beside this module, with its value, unit, what was
measured and under what load, its source, version, publication date and the
date this site last checked it. Pages show figures from here (``[[fig:ID]]``,
:mod:`sitebuild.figures_md`), presets take their values and citations from
here (:meth:`calculators.schema.Preset.from_figures`), the sources page is
generated from here, and the built site publishes it as ``figures.json``.

``kind`` says what sort of number it is, because the site's arguments rest
on keeping them apart:

- ``measurement``: measured in a benchmark (a proxy's use under a load);
- ``configuration``: a default in a chart or configuration (a *reservation*,
  not use);
- ``price``: a list price, as of the date it was checked;
- ``fact``: a release, a date, a status (what version shipped when);
- ``claim``: asserted, not measured (the article's own numbers, with the
  article as their source).

Standard library only (``tomllib``): the register ships inside the
calculators package to the browser too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

__all__ = ["FIGURES", "KINDS", "Figure", "RegisterError", "figure", "load"]

KINDS = ("measurement", "configuration", "price", "fact", "claim")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9_]*\Z")
#: ISO 8601 calendar dates at day or month precision (a source may give only a month).
DATE_PATTERN = re.compile(r"\d{4}-\d{2}(-\d{2})?\Z")
REQUIRED = ("id", "value", "unit", "label", "kind", "source", "source_url", "version", "published", "checked")
OPTIONAL = ("conditions", "group", "note", "primary", "cite")
#: (figure unit, input unit) -> factor. MB is taken as MiB as sources write it
#: (they differ by under 5 %, far less than the spread between sources).
CONVERSIONS = {("m", "vCPU"): 0.001, ("Mi", "MiB"): 1.0, ("MB", "MiB"): 1.0, ("GB", "MiB"): 1024.0,
               ("Gi", "GiB"): 1.0}
#: Hours in the month every calculator uses (8,760 h a year / 12), for hourly prices.
HOURS_PER_MONTH = 730
#: Hourly price units a monthly price input ("per month") takes at 730 hours.
HOURLY_PRICES = ("$ per hour", "$ per cluster-hour")
#: Units written straight after the number, as Kubernetes writes them (128Mi, 100m) or a share (12%).
UNITS_WITHOUT_SPACE = ("%", "Mi", "Gi", "m")


class RegisterError(ValueError):
    """An entry of ``figures.toml`` that breaks a rule: names the entry and the rule."""


Value = int | float | str | tuple[float, float]


@dataclass(frozen=True)
class Figure:
    """One published figure (field meanings: ``figures.toml``'s header)."""

    id: str
    value: Value
    unit: str
    label: str
    kind: str
    source: str
    source_url: str
    version: str
    published: str
    checked: str
    conditions: str = ""
    group: str = ""
    note: str = ""
    primary: bool = True
    cite: str = ""

    @property
    def number(self) -> float:
        """The value as a number, for presets (a range or a text has none)."""
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise RegisterError(f"figure {self.id!r}: value {self.value!r} is not a single number")
        return self.value

    def text(self) -> str:
        """The value as people read it: ``60 MB``, ``50–150 MB``, ``2026-10-15``."""
        grouped = self.unit not in UNITS_WITHOUT_SPACE  # Kubernetes writes 2048Mi, not 2,048Mi
        if isinstance(self.value, tuple):
            shown = f"{_number(self.value[0], grouped)}–{_number(self.value[1], grouped)}"
        elif isinstance(self.value, str):
            shown = self.value
        else:
            shown = _number(self.value, grouped)
        if self.unit.startswith("$"):  # "$ per GB-hour": the currency goes before the number, cents shown
            if "." in shown and len(shown.rsplit(".", 1)[1]) == 1:
                shown += "0"
            return f"${shown}{self.unit[1:]}"
        if self.unit in UNITS_WITHOUT_SPACE:
            return f"{shown}{self.unit}"
        return f"{shown} {self.unit}" if self.unit else shown

    def amount(self, unit: str, end: str = "") -> float:
        """The value in an input's ``unit`` (``100m`` is 0.1 vCPU); ``end`` picks
        ``low`` or ``high`` of a range. A unit it cannot convert raises, so a
        preset never takes a figure in the wrong unit."""
        factor = _factor(self.unit, unit)
        if factor is None:
            raise RegisterError(f"figure {self.id!r} is in {self.unit!r}, which does not convert to {unit!r}")
        if end:
            if not isinstance(self.value, tuple) or end not in ("low", "high"):
                raise RegisterError(f"figure {self.id!r}: ':{end}' needs a [low, high] value and low or high")
            value = self.value[0] if end == "low" else self.value[1]
        else:
            value = self.number
        # Round off float noise (0.6 x 730 = 437.99999999999994), never a digit the source gave.
        return float(value) if factor == 1.0 else round(value * factor, 12)

    def citation(self) -> str:
        """The short citation shown beside the value: version and date, or ``cite``."""
        if self.cite:
            return self.cite
        if self.kind == "claim":
            return "the article's claim"
        return f"{self.version}, {self.published}" if self.version else self.published

    def as_json(self) -> dict[str, Any]:
        """The entry as ``figures.json`` publishes it (a range becomes a list)."""
        value = list(self.value) if isinstance(self.value, tuple) else self.value
        return {
            "id": self.id, "value": value, "unit": self.unit, "text": self.text(), "label": self.label,
            "conditions": self.conditions, "kind": self.kind, "source": self.source,
            "source_url": self.source_url, "version": self.version, "published": self.published,
            "checked": self.checked, "primary": self.primary, "note": self.note,
        }


def _factor(figure_unit: str, input_unit: str) -> float | None:
    """How many ``input_unit`` one ``figure_unit`` is, or None when they do not convert.

    Price inputs take any currency ("per GB-second"), so "$ per GB-second"
    matches them; an hourly price fills a monthly input at 730 hours.
    """
    if figure_unit == input_unit:
        return 1.0
    if figure_unit.startswith("$ ") and figure_unit[2:] == input_unit:
        return 1.0
    if figure_unit in HOURLY_PRICES and input_unit == "per month":
        return float(HOURS_PER_MONTH)
    return CONVERSIONS.get((figure_unit, input_unit))


def _number(value: float, grouped: bool = True) -> str:
    """``0.228``, ``60``, ``25,000``: as written, thousands grouped, no float noise."""
    comma = "," if grouped else ""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):{comma}}"
    return f"{value:{comma}.12f}".rstrip("0").rstrip(".")


def _check_date(where: str, field: str, text: object) -> str:
    if not isinstance(text, str) or not DATE_PATTERN.match(text):
        raise RegisterError(f"{where}: {field} must be an ISO date, YYYY-MM-DD or YYYY-MM (got {text!r})")
    year, month, *day = (int(part) for part in text.split("-"))
    try:
        date(year, month, day[0] if day else 1)
    except ValueError:
        raise RegisterError(f"{where}: {field} {text!r} is not a calendar date") from None
    return text


def _value(where: str, raw: object) -> Value:
    if isinstance(raw, bool):
        raise RegisterError(f"{where}: value must be a number, [low, high] or a text, not a yes/no")
    if isinstance(raw, int | float | str):
        return raw
    if isinstance(raw, list) and len(raw) == 2 and all(isinstance(x, int | float) for x in raw) and raw[0] < raw[1]:
        return (raw[0], raw[1])
    raise RegisterError(f"{where}: value must be a number, [low, high] with low < high, or a text")


def _entry(raw: dict[str, Any], index: int) -> Figure:
    where = f"figures.toml entry {raw.get('id', f'#{index + 1}')!r}"
    missing = [field for field in REQUIRED if field not in raw]
    if missing:
        raise RegisterError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise RegisterError(f"{where}: unknown field {', '.join(unknown)}")
    if not ID_PATTERN.match(str(raw["id"])):
        raise RegisterError(f"{where}: id must be lower-case letters, digits and underscores")
    if raw["kind"] not in KINDS:
        raise RegisterError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if not str(raw["source_url"]).startswith(("https://", "http://")):
        raise RegisterError(f"{where}: source_url must be an http(s) address")
    for field in ("label", "source"):
        if not str(raw[field]).strip():
            raise RegisterError(f"{where}: {field} must not be empty")
    published = _check_date(where, "published", raw["published"])
    checked = _check_date(where, "checked", raw["checked"])
    if checked < published:
        raise RegisterError(f"{where}: checked ({checked}) is before published ({published})")
    fields = {field: raw[field] for field in REQUIRED + OPTIONAL if field in raw}
    fields["value"] = _value(where, raw["value"])
    return Figure(**fields)


def load(text: str | None = None) -> dict[str, Figure]:
    """Read and check the register; ``RegisterError`` names the entry and the rule."""
    if text is None:
        # Beside this module, in a checkout, an install and the browser's copy alike
        # (importlib.resources would pull tempfile and threading into the browser).
        text = Path(__file__).with_name("figures.toml").read_text(encoding="utf-8")
    entries = tomllib.loads(text).get("figure", [])
    register: dict[str, Figure] = {}
    for index, raw in enumerate(entries):
        item = _entry(raw, index)
        if item.id in register:
            raise RegisterError(f"figures.toml: id {item.id!r} is used twice")
        register[item.id] = item
    return register


#: Every figure by id, in the register's order.
FIGURES: dict[str, Figure] = load()


def figure(figure_id: str) -> Figure:
    """The figure ``figure_id``; ``KeyError`` says it is not in the register."""
    try:
        return FIGURES[figure_id]
    except KeyError:
        raise KeyError(f"figure {figure_id!r} is not in calculators/figures.toml") from None
