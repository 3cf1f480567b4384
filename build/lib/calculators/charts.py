"""Chart geometry: the SVG a calculator's chart shows, from its ``series()``.

Why here, in the pure-Python package: the build (the calculator fence) and the
browser (Pyodide in the worker) draw the chart from the same numbers with the
same code, so the chart cannot disagree with the results beside it, and the
browser's JavaScript only copies attributes and text into elements the build
already rendered.

:func:`draw` turns one calculator's series into plain JSON-able data:

* ``panels``: small charts side by side (memory and cost; latency and tail
  exposure). Each has what never changes (``name``, ``title``, ``shapes``:
  its lines and areas in drawing order, with their style; ``markers``) and
  ``parts``: every element that changes with the inputs, by its
  ``data-part`` name, as ``{"attrs": {name: text}, "text": ...}``.
* ``parts``: the figure's changing elements outside the panels: the summary
  for screen readers and the data table's rows (``"cells"``).
* ``caption``, ``legend``, ``columns``, ``viewbox``, ``frame``,
  ``tick_slots``, ``row_slots``: fixed per calculator.

What to draw is a :class:`ChartSpec` that lives beside its calculator (the
module's ``CHART_SPEC``, passed as ``Calculator(chart=..., chart_spec=...)``),
so adding a calculator never touches this module, and a calculator without a
chart answers ``{"ok": False, "errors": [], "chart": None}``.

The number of elements is fixed (:data:`TICK_SLOTS` ticks per axis,
:data:`ROW_SLOTS` table rows; the unused ones are hidden by an attribute), so
a redraw never adds or removes markup and the layout never jumps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .schema import Calculator, Output

__all__ = ["POINTS", "STYLES", "ChartSpec", "Panel", "Shape", "draw", "nice_step"]

#: x positions sampled per chart; the reader's own x may add one more.
POINTS = 21
ROW_SLOTS = POINTS + 1
#: Tick elements per axis: :func:`nice_step` never needs more than six.
TICK_SLOTS = 6

WIDTH, HEIGHT = 320, 196
#: The plotting area inside the viewBox: room for the title above, the tick
#: labels to the left and the tick labels and the x title below.
LEFT, RIGHT, TOP, BOTTOM = 42.0, 302.0, 30.0, 158.0
#: The panel title's and markers' label font size (written into the SVG,
#: not in CSS) and the average width of one of its characters, for keeping
#: labels inside the plot and apart.
FONT_SIZE = 13
CHAR_WIDTH = 7.4
#: The tick labels' and axis titles' font size (the panel's own, written into
#: the SVG): LEFT and BOTTOM leave room for labels of this size.
TICK_FONT_SIZE = 12

#: (from, divide by, suffix) for tick labels: "9,500" but "10k", "1.5M".
_SUFFIXES = ((1e12, 1e12, "T"), (1e9, 1e9, "B"), (1e6, 1e6, "M"), (1e4, 1e3, "k"))

#: Styles a :class:`Shape` or a legend entry may take: ``mesh`` (what the
#: mesh costs, orange, solid), ``alt`` (the comparison, blue, dashed),
#: ``none`` (no mesh, grey, dotted), ``plain``.
STYLES = ("mesh", "alt", "none", "plain")


@dataclass(frozen=True)
class Shape:
    """One series line in a panel: a polyline or, with ``area``, the band
    between it and ``below`` (another line, or zero when None)."""

    line: str
    style: str
    area: bool = False
    below: str | None = None

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"{self.line}: style must be one of {', '.join(STYLES)}, not {self.style!r}")

    @property
    def part(self) -> str:
        return f"{'area' if self.area else 'line'}:{self.line}"


@dataclass(frozen=True)
class Panel:
    """One small chart: its shapes share a y axis; ``markers`` are the lines
    whose values at the reader's x are marked and labelled, the reader's own
    result first, then what it is compared with. The title gets the first
    marker line's unit from the series, e.g. "Memory (GiB)"."""

    name: str
    title: str
    shapes: tuple[Shape, ...]
    markers: tuple[str, ...]


@dataclass(frozen=True)
class ChartSpec:
    """How one calculator's series is shown.

    ``legend`` pairs a style with the series line that names it; ``table``
    names the series lines in the data table; ``summary`` is a format string
    over ``x``, ``x_end``, ``now[line]`` and ``end[line]`` (formatted values
    at the reader's x and at the chart's right end).
    """

    caption: str
    panels: tuple[Panel, ...]
    legend: tuple[tuple[str, str], ...]
    table: tuple[str, ...]
    summary: str


def nice_step(span: float, intervals: int = 5, whole: bool = False) -> float:
    """The smallest step of 1, 2, 2.5 or 5 times a power of ten that covers
    ``span`` in at most ``intervals`` steps (a whole number if ``whole``)."""
    rough = span / intervals
    if not rough >= 1e-300:  # nothing to show, or too small for a power of ten
        return 1.0
    power = 10.0 ** math.floor(math.log10(rough))
    for size in (1, 2, 2.5, 5, 10):
        step = size * power
        if whole and (step < 1 or not float(step).is_integer()):
            continue
        if step >= rough * (1 - 1e-12):
            return step
    return 1.0  # a whole step for a span under five


def _decimals(step: float) -> int:
    """Fewest decimals that write ``step`` (so every multiple of it) exactly."""
    for places in range(12):
        if abs(round(step, places) - step) <= step * 1e-9:
            return places
    return 12


def tick_texts(values: list[float], step: float) -> list[str]:
    """Short tick labels: ``0``, ``2.5``, ``1,500``, ``25k``, ``1.5M``; one
    number of decimals on an axis, except beside a suffix."""
    top = max(abs(v) for v in values)
    scale, suffix = 1.0, ""
    for start, size, letter in _SUFFIXES:
        if top >= start:
            scale, suffix = size, letter
            break
    places = _decimals(step / scale)
    texts = [f"{value / scale:,.{places}f}" for value in values]
    if suffix:
        texts = [text.rstrip("0").rstrip(".") if "." in text else text for text in texts]
    return ["0" if value == 0 else text + suffix for value, text in zip(values, texts)]


def _count(number: int, unit: str) -> str:
    """``1 pod``, ``250 pods``: a whole number with its plural unit."""
    return f"{number:,} {unit[:-1] if number == 1 and unit.endswith('s') else unit}"


def _n(value: float) -> str:
    """A coordinate to 0.1 of a viewBox unit, without a trailing ``.0``."""
    return format(round(value, 1) + 0.0, "g")


def _polyline(xs: list[float], ys: list[float]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in zip(xs, ys))


class _Formatter:
    """Values written for people the way the calculator's results are: an
    output by its own rule, any other series line (the baseline, "no mesh")
    by the rule of the first output in the same unit."""

    def __init__(self, calc: Calculator, units: dict[str, str]):
        self.calc = calc
        self.units = units

    def _output(self, name: str) -> Output | None:
        try:
            return self.calc.output(name)
        except KeyError:
            unit = self.units.get(name)
            return next((out for out in self.calc.outputs if out.unit == unit), None)

    def text(self, name: str, value: float) -> str:
        output = self._output(name)
        return output.format(value) if output else f"{value:,}"

    def cell(self, name: str, value: float) -> str:
        output = self._output(name)
        return f"{value:,.{output.decimals if output else 2}f}"


@dataclass(frozen=True)
class _Frame:
    """What every panel of one chart shares: the series rows, the x axis
    (data x to viewBox x) and the reader's own row."""

    rows: list[dict[str, Any]]
    x_name: str
    current: int
    formatter: _Formatter

    @property
    def low(self) -> float:
        return self.rows[0][self.x_name]

    @property
    def high(self) -> float:
        return self.rows[-1][self.x_name]

    @property
    def here(self) -> dict[str, Any]:
        return next(row for row in self.rows if row[self.x_name] == self.current)

    def sx(self, x: float) -> float:
        return LEFT + (x - self.low) / ((self.high - self.low) or 1) * (RIGHT - LEFT)

    def xs(self) -> list[float]:
        return [self.sx(row[self.x_name]) for row in self.rows]

    def x_ticks(self) -> tuple[list[float], float]:
        """Round ticks, plus where the chart starts (one call) when it has room."""
        step = nice_step(self.high - self.low, whole=True)
        ticks = [step * i for i in range(math.ceil(self.low / step), math.floor(self.high / step) + 1)]
        if ticks[0] - self.low >= 0.4 * step:
            ticks.insert(0, self.low)
        return ticks, step


def draw(calc: Calculator, data: dict[str, Any]) -> dict[str, Any]:
    """Chart geometry for ``data``, one result of ``calc.series()``.

    A failed series (``ok`` false) comes back as it is, with its errors.
    """
    if calc.chart_spec is None:
        return calc.no_chart()
    if not data.get("ok"):
        return {"calculator": calc.name, "ok": False, "errors": data.get("errors", [])}
    spec = calc.chart_spec
    lines = {line["name"]: line for line in data["lines"]}
    formatter = _Formatter(calc, {name: line["unit"] for name, line in lines.items()})
    frame = _Frame(data["points"], data["x"]["name"], data["x"]["current"], formatter)
    x_unit = data["x"]["unit"]
    here, end = frame.here, frame.rows[-1]
    summary = spec.summary.format_map(
        {
            "x": _count(frame.current, x_unit),
            "x_end": _count(frame.high, x_unit),
            "now": {name: formatter.text(name, value) for name, value in here.items()},
            "end": {name: formatter.text(name, value) for name, value in end.items()},
        }
    )
    parts: dict[str, Any] = {"summary": {"text": summary}}
    parts.update(_table_rows(frame, spec.table))
    area_styles = {shape.style for panel in spec.panels for shape in panel.shapes if shape.area}
    return {
        "calculator": calc.name,
        "ok": True,
        "errors": [],
        "caption": spec.caption,
        "viewbox": f"0 0 {WIDTH} {HEIGHT}",
        "font_size": str(FONT_SIZE),  # the template writes it on the title and labels
        "tick_font_size": str(TICK_FONT_SIZE),  # and this on the panel, for everything else
        "frame": {"left": _n(LEFT), "right": _n(RIGHT), "top": _n(TOP), "bottom": _n(BOTTOM),
                  "width": str(WIDTH), "height": str(HEIGHT)},
        "tick_slots": TICK_SLOTS,
        "row_slots": ROW_SLOTS,
        "legend": [
            {"style": style, "label": lines[line]["label"], "area": style in area_styles}
            for style, line in spec.legend
        ],
        "columns": [data["x"]["label"]] + [_column(lines[name]) for name in spec.table],
        "panels": [
            _draw_panel(panel, f"{panel.title} ({lines[panel.markers[0]]['unit']})", frame)
            for panel in spec.panels
        ],
        "parts": parts,
    }


def _table_rows(frame: _Frame, names: tuple[str, ...]) -> dict[str, Any]:
    """The data table's row slots: one per series row, the rest empty."""
    parts = {}
    for index in range(ROW_SLOTS):
        if index < len(frame.rows):
            row = frame.rows[index]
            mine = row[frame.x_name] == frame.current
            cells = [f"{row[frame.x_name]:,}" + (" (yours)" if mine else "")]
            cells += [frame.formatter.cell(name, row[name]) for name in names]
            attrs = {"data-empty": "false", "aria-current": "true" if mine else "false"}
        else:
            cells = [""] * (1 + len(names))
            attrs = {"data-empty": "true", "aria-current": "false"}
        parts[f"row:{index}"] = {"attrs": attrs, "cells": cells}
    return parts


def _column(line: dict[str, str]) -> str:
    """A table header: the line's label, with its unit unless it says it."""
    label, unit = line["label"], line["unit"]
    return label if unit in label else f"{label} ({unit})"


def _draw_panel(panel: Panel, title: str, frame: _Frame) -> dict[str, Any]:
    """One panel's static description and changing parts."""
    rows, here = frame.rows, frame.here
    top_value = max(row[shape.line] for row in rows for shape in panel.shapes)
    y_step = nice_step(top_value)
    y_top = y_step * max(1, math.ceil(top_value / y_step - 1e-9))

    def sy(y: float) -> float:
        return BOTTOM - y / y_top * (BOTTOM - TOP)

    x_ticks, x_step = frame.x_ticks()
    y_ticks = [y_step * i for i in range(round(y_top / y_step) + 1)]
    parts: dict[str, Any] = {
        "axis": {"attrs": {"data-x-min": repr(frame.low), "data-x-max": repr(frame.high), "data-y-max": repr(y_top)}}
    }
    for axis, ticks, texts in (("x", x_ticks, tick_texts(x_ticks, x_step)), ("y", y_ticks, tick_texts(y_ticks, y_step))):
        for slot in range(TICK_SLOTS):
            shown = slot < len(ticks)
            text = texts[slot] if shown else ""
            visibility = "visible" if shown else "hidden"
            if axis == "x":
                at = _n(frame.sx(ticks[slot]) if shown else LEFT)
                parts[f"x-tick:{slot}"] = {"attrs": {"x": at, "visibility": visibility}, "text": text}
            else:
                at = _n(sy(ticks[slot]) if shown else BOTTOM)
                parts[f"y-tick:{slot}"] = {"attrs": {"y": at, "visibility": visibility}, "text": text}
                parts[f"y-grid:{slot}"] = {"attrs": {"y1": at, "y2": at, "visibility": visibility}}

    xs = frame.xs()
    drawn_lines = []
    for shape in panel.shapes:
        top = [sy(row[shape.line]) for row in rows]
        if shape.area:
            bottom = [sy(row[shape.below]) if shape.below else BOTTOM for row in rows]
            parts[shape.part] = {"attrs": {"points": _polyline(xs + xs[::-1], top + bottom[::-1])}}
        else:  # an area's edges are drawn as lines of their own too
            parts[shape.part] = {"attrs": {"points": _polyline(xs, top)}}
            drawn_lines.append(list(zip(xs, top)))

    cx = frame.sx(frame.current)
    points = [(name, sy(here[name])) for name in panel.markers]
    taken = [(cx - 6, cy - 6, cx + 6, cy + 6) for _name, cy in points]
    for index, (name, cy) in enumerate(points):
        text = frame.formatter.text(name, here[name])
        side = None if index == 0 else _side(cy, points[0][1])
        parts[f"marker:{name}"] = {
            "attrs": {"cx": _n(cx), "cy": _n(cy), "data-x": repr(frame.current), "data-value": repr(here[name])}
        }
        others = [other for _other, other in points if other != cy]
        parts[f"label:{name}"] = {"attrs": _label_place(cx, cy, len(text), taken, side, drawn_lines, others),
                                  "text": text}
    parts["guide"] = {"attrs": {"x1": _n(cx), "x2": _n(cx), "y1": _n(min(cy for _name, cy in points))}}
    styles = {shape.line: shape.style for shape in panel.shapes if not shape.area}
    return {
        "name": panel.name,
        "title": title,
        "shapes": [{"part": shape.part, "style": shape.style, "area": shape.area} for shape in panel.shapes],
        "markers": [
            {"line": name, "style": styles[name], "primary": index == 0} for index, name in enumerate(panel.markers)
        ],
        "parts": parts,
    }


#: Where the reader's result's label may go, in order of preference: (right
#: of the point?, above it?). Above-left of a point is clear of a rising line.
_PRIMARY = ((False, True), (True, False), (True, True), (False, False))


def _side(cy: float, primary_cy: float) -> tuple[tuple[bool, bool], ...]:
    """Places for a comparison's label: right of its point first, and when it
    is close to the reader's result only on its own side (below it, or
    above), so that two labels never read as each other's."""
    below = cy > primary_cy
    own = ((True, not below), (False, not below))
    if abs(cy - primary_cy) < FONT_SIZE:
        return own
    return own + ((True, below), (False, below))


#: How far a label may move away from its point (in steps, up to a line
#: height) to get clear of the lines; a label no lift clears stays beside it.
_LIFTS = (0, 3, 6, 9, FONT_SIZE)


def _label_place(cx: float, cy: float, length: int, taken: list, side, lines: list, others: list) -> dict[str, str]:
    """The first place for a label that stays in the plot, covers no marker
    or earlier label and, where one is free, crosses none of the ``lines``
    (each a list of points); ``taken`` gets its box. ``side`` is None for the
    reader's result, else :func:`_side`'s places for a comparison, whose
    label is hidden when it fits nowhere (the summary and the table still
    give it). A lifted label must stay nearer its own point (at ``cx, cy``)
    than the other markers (their heights ``others``), so it reads as its own."""
    width, gap = length * CHAR_WIDTH, 7
    primary = side is None
    for clear_of_lines, lift in [(True, lift) for lift in _LIFTS] + [(False, 0)]:
        for right, above in _PRIMARY if primary else side:
            x = cx + gap if right else cx - gap
            y = cy - gap - lift if above else cy + gap + FONT_SIZE * 0.75 + lift
            box = (x if right else x - width, y - FONT_SIZE * 0.75, x + width if right else x, y + 2)
            inside = LEFT <= box[0] and box[2] <= RIGHT + 12 and TOP - 14 <= box[1] and box[3] <= BOTTOM
            free = not any(_overlap(box, other) for other in taken)
            own = lift == 0 or all(_distance(box, cx, cy) < _distance(box, cx, other) for other in others)
            if inside and free and own and not (clear_of_lines and any(_crosses(box, line) for line in lines)):
                taken.append(box)
                anchor = "start" if right else "end"
                return {"x": _n(x), "y": _n(y), "text-anchor": anchor, "visibility": "visible"}
    if not primary:
        return {"x": _n(cx), "y": _n(cy), "text-anchor": "start", "visibility": "hidden"}
    x = max(cx - gap, LEFT + width)
    return {"x": _n(x), "y": _n(max(cy - gap, TOP)), "text-anchor": "end", "visibility": "visible"}


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _distance(box: tuple, x: float, y: float) -> float:
    """From the middle of ``box`` to the point (x, y)."""
    return math.hypot((box[0] + box[2]) / 2 - x, (box[1] + box[3]) / 2 - y)


def _crosses(box: tuple, points: list[tuple[float, float]]) -> bool:
    """Whether the line through ``points`` passes through ``box`` (left, top,
    right, bottom): a label there would be struck through."""
    left, top, right, bottom = box
    return any(_segment_meets(a, b, box) for a, b in zip(points, points[1:])
               if max(a[0], b[0]) >= left and min(a[0], b[0]) <= right  # most segments lie beside the box:
               and max(a[1], b[1]) >= top and min(a[1], b[1]) <= bottom)  # skip them cheaply (every recompute)


def _segment_meets(a: tuple, b: tuple, box: tuple) -> bool:
    """Liang-Barsky clipping: whether the segment from ``a`` to ``b`` has a point in ``box``."""
    (x0, y0), (x1, y1) = a, b
    left, top, right, bottom = box
    enter, leave = 0.0, 1.0
    for p, q in ((x0 - x1, x0 - left), (x1 - x0, right - x0), (y0 - y1, y0 - top), (y1 - y0, bottom - y0)):
        if p == 0:
            if q < 0:
                return False
        elif p < 0:
            enter = max(enter, q / p)
        else:
            leave = min(leave, q / p)
    return enter <= leave
