"""The Sidecar Tax calculators: pure Python, standard library only.

The same package runs at build time (sitebuild, under either engine), on
the command line (``python3 -m calculators``) and in the reader's browser
(Pyodide in a Web Worker). :func:`evaluate` is the single entry point all
three use; it takes raw values (strings or numbers) and returns plain
JSON-able data, never raising for a bad value.

Adding a calculator is its module plus one line in :data:`MODULES`; the
steps, and what the schema offers, are in CONTRIBUTING.md ("Adding a
calculator").
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

from . import charts
from .schema import Calculator, FieldError, Input, Output, Preset

__all__ = [
    "CALCULATORS",
    "MODULES",
    "Calculator",
    "FieldError",
    "Input",
    "Output",
    "Preset",
    "chart",
    "evaluate",
    "get",
    "recompute",
    "series",
]

#: The registry: one module per calculator, named as the calculator, each
#: with a module-level ``CALCULATOR``, in the order the site and the CLI list
#: them. Adding a calculator is its module plus one line here (its chart, if
#: any, lives in its module too: see CONTRIBUTING.md).
MODULES = (
    "sidecar_ram",
    "chain_latency",
    "mesh_fit",
    "serverless_breakeven",
    "cluster_vs_vps",
    "dev_loop_time",
)


def _load(module: str) -> Calculator:
    calc = import_module(f".{module}", __name__).CALCULATOR
    if calc.name != module:
        raise ValueError(f"calculators/{module}.py defines calculator {calc.name!r}: name it {module!r}")
    return calc


#: Every calculator by name, in the order of :data:`MODULES`.
CALCULATORS: dict[str, Calculator] = {module: _load(module) for module in MODULES}


def get(name: str) -> Calculator:
    """The calculator called ``name``; ``KeyError`` names the known ones."""
    try:
        return CALCULATORS[name]
    except (KeyError, TypeError):
        known = ", ".join(CALCULATORS)
        raise KeyError(f"unknown calculator {name!r}; known calculators: {known}") from None


def _merge(calc: Calculator, raw: Mapping[str, object] | None, preset: str | None):
    """Defaults, then the preset's values, then the explicit raw values."""
    merged: dict[str, object] = {}
    errors: list[FieldError] = []
    if preset is not None and preset != "":
        try:
            merged.update(calc.preset(preset).values)
        except (KeyError, TypeError):
            known = ", ".join(p.name for p in calc.presets) or "none"
            errors.append(FieldError("preset", f"Preset must be one of: {known}."))
    merged.update(raw or {})
    return merged, errors


def evaluate(name: str, raw: Mapping[str, object] | None = None, preset: str | None = None) -> dict[str, Any]:
    """Check raw values and compute every output, as plain JSON-able data.

    Missing inputs take the preset's value, else the default; unknown keys
    are ignored. Bad values and an unknown preset come back as errors (one per
    field), never as exceptions; only an unknown calculator ``name`` (a bug in
    the caller, not a reader's typo) raises ``KeyError``::

        {"calculator": "sidecar_ram", "ok": True,
         "inputs": {"pods": 100, ...},
         "outputs": {"ram_gib": {"value": 14.6484375, "text": "14.65 GiB"}, ...},
         "errors": []}

    When ``ok`` is false, ``inputs`` holds only the valid values and
    ``outputs`` is empty.
    """
    calc = get(name)
    merged, errors = _merge(calc, raw, preset)
    values, field_errors = calc.parse(merged)
    errors += field_errors
    outputs: dict[str, dict[str, Any]] = {}
    if not errors:
        result = calc.compute(**values)
        outputs = {
            out.name: {"value": result[out.name], "text": out.format(result[out.name])}
            for out in calc.outputs
        }
    return {
        "calculator": calc.name,
        "ok": not errors,
        "inputs": values,
        "outputs": outputs,
        "errors": [e.as_dict() for e in errors],
    }


def series(
    name: str,
    raw: Mapping[str, object] | None = None,
    points: int = 21,
    preset: str | None = None,
) -> dict[str, Any]:
    """Chart data for calculator ``name`` from the same compute function.

    Takes raw values like :func:`evaluate` and never raises for them::

        {"calculator": ..., "ok": True,
         "x": {"name": "pods", "label": ..., "unit": ..., "current": 100},
         "lines": [{"name": "ram_gib", "label": ..., "unit": "GiB"}, ...],
         "points": [{"pods": 0, "ram_gib": 0.0, ...}, ...]}

    or ``{"calculator": ..., "ok": False, "errors": [...]}``.
    """
    calc = get(name)
    merged, errors = _merge(calc, raw, preset)
    errors += calc.parse(merged)[1]
    if errors:
        return {"calculator": calc.name, "ok": False, "errors": [e.as_dict() for e in errors]}
    return calc.series(merged, points)


def chart(name: str, raw: Mapping[str, object] | None = None, preset: str | None = None) -> dict[str, Any]:
    """The chart's SVG geometry for these inputs (see :mod:`calculators.charts`).

    Takes raw values like :func:`evaluate` and never raises for them: bad
    values give ``{"calculator": ..., "ok": False, "errors": [...]}``.
    """
    return charts.draw(get(name), series(name, raw, charts.POINTS, preset))


def recompute(name: str, raw: Mapping[str, object] | None = None) -> dict[str, Any]:
    """What a form shows after an edit, in one call: :func:`evaluate`'s result
    plus, when the calculator has a chart and the values are valid, ``"chart"``
    (:func:`chart`'s geometry) drawn from the values evaluate already checked.

    The browser worker's only entry point, so a recompute is one round trip.
    """
    calc = get(name)
    result = evaluate(name, raw)
    if result["ok"] and calc.has_chart:
        result["chart"] = charts.draw(calc, calc.series(result["inputs"], charts.POINTS))
    return result
