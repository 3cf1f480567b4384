"""Reading a chart's SVG geometry back into the numbers it plots.

Shared by the unit tests (on ``calculators.chart()``'s data) and the browser
tests (on the same data read from the page's ``[data-part]`` elements), so
both check the drawing against the calculators in the same way.
"""

from __future__ import annotations

from calculators.charts import BOTTOM, LEFT, RIGHT, TOP

#: Coordinates are written to 0.1 of a viewBox unit.
ROUNDING = 0.05


def domain(parts: dict) -> tuple[float, float, float]:
    """x from, x to and the y axis top of a panel, from its axis part."""
    axis = parts["axis"]["attrs"]
    return float(axis["data-x-min"]), float(axis["data-x-max"]), float(axis["data-y-max"])


def plotted(parts: dict) -> dict[str, list[tuple[float, float]]]:
    """Each line of a panel as (x, y) pairs in the data's own units."""
    x_min, x_max, y_max = domain(parts)
    lines = {}
    for name, part in parts.items():
        if not name.startswith("line:"):
            continue
        pairs = (pair.split(",") for pair in part["attrs"]["points"].split())
        lines[name.removeprefix("line:")] = [
            (x_min + (float(x) - LEFT) / (RIGHT - LEFT) * (x_max - x_min), (BOTTOM - float(y)) / (BOTTOM - TOP) * y_max)
            for x, y in pairs
        ]
    return lines


def tolerance(parts: dict) -> tuple[float, float]:
    """How far a plotted x and y may be from the data: the coordinates' rounding."""
    x_min, x_max, y_max = domain(parts)
    return (ROUNDING * 1.01 * (x_max - x_min) / (RIGHT - LEFT), ROUNDING * 1.01 * y_max / (BOTTOM - TOP))
