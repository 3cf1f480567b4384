"""The chart geometry (calculators/charts.py) against the calculators.

What a reader would check on the chart: the marked point is their result,
every plotted line goes through the calculator's numbers, lines grow the way
the model says, and nothing falls outside the picture, for any valid input.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calculators
from calculators import CALCULATORS, Calculator, chart, evaluate, series
from calculators.charts import BOTTOM, CHAR_WIDTH, FONT_SIZE, RIGHT, ROW_SLOTS, TICK_SLOTS, TOP, WIDTH, nice_step
from tests.calculators.test_calculators_properties import values_for
from tests.support.charts import domain, plotted, tolerance


#: The calculators that have a chart (a chart is optional).
CHARTED = [name for name, calc in CALCULATORS.items() if calc.has_chart]


def panel_parts(geometry: dict) -> dict[str, dict]:
    return {panel["name"]: panel["parts"] for panel in geometry["panels"]}


def marker_lines(geometry: dict) -> list[str]:
    return [marker["line"] for panel in geometry["panels"] for marker in panel["markers"]]


@pytest.mark.parametrize("name", CHARTED)
def test_the_marked_points_are_the_readers_results(name):
    geometry = chart(name)
    result = evaluate(name)
    data = series(name)
    x = data["x"]["name"]
    here = next(row for row in data["points"] if row[x] == result["inputs"][x])
    for parts in panel_parts(geometry).values():
        for part_name, part in parts.items():
            if not part_name.startswith("marker:"):
                continue
            line = part_name.removeprefix("marker:")
            value = float(part["attrs"]["data-value"])
            expected = result["outputs"][line]["value"] if line in result["outputs"] else here[line]
            assert value == expected, line
            assert float(part["attrs"]["data-x"]) == result["inputs"][x]
            label = parts[f"label:{line}"]
            if line in result["outputs"]:
                assert label["text"] == result["outputs"][line]["text"]


def test_the_sidecar_chart_marks_both_modes_whole_memory_and_cost():
    raw = {"pods": "250", "sidecar_mib": "90", "nodes": "20", "control_plane_mib": "0"}
    parts = panel_parts(chart("sidecar_ram", raw))
    outputs = evaluate("sidecar_ram", raw)["outputs"]
    for panel, name in [("memory", "sidecar_total_ram_gib"), ("memory", "ambient_total_ram_gib"),
                        ("cost", "sidecar_total_monthly_cost"), ("cost", "ambient_total_monthly_cost")]:
        assert float(parts[panel][f"marker:{name}"]["attrs"]["data-value"]) == outputs[name]["value"]
    assert parts["memory"]["label:sidecar_total_ram_gib"]["text"] == "21.97 GiB"  # 250 x 90 MiB, no control plane
    assert domain(parts["memory"])[:2] == (0, 500)


@pytest.mark.parametrize("name", CHARTED)
@pytest.mark.parametrize("raw", [{}, {"pods": "7", "hops": "37"}, {"pods": "1", "hops": "1"}])
def test_every_plotted_line_goes_through_the_series(name, raw):
    geometry, data = chart(name, raw), series(name, raw)
    x = data["x"]["name"]
    for parts in panel_parts(geometry).values():
        x_tol, y_tol = tolerance(parts)
        for line, points in plotted(parts).items():
            expected = [(row[x], row[line]) for row in data["points"]]
            assert [px for px, _ in points] == pytest.approx([ex for ex, _ in expected], abs=x_tol), line
            assert [py for _, py in points] == pytest.approx([ey for _, ey in expected], abs=y_tol), line


def test_sidecars_grow_with_every_pod_and_the_node_proxy_only_with_nodes():
    raw = {"pods": "100", "nodes": "10", "sidecar_mib": "150", "node_proxy_mib": "12", "control_plane_mib": "0"}
    lines = plotted(panel_parts(chart("sidecar_ram", raw))["memory"])
    sidecar = [y for _, y in lines["sidecar_total_ram_gib"]]
    per_node = [y for _, y in lines["ambient_total_ram_gib"]]
    assert sidecar[0] == 0 and all(b > a for a, b in zip(sidecar, sidecar[1:]))
    assert all(b >= a for a, b in zip(per_node, per_node[1:]))
    assert per_node[-1] < sidecar[-1] / 10  # 12 MiB per node vs 150 MiB per pod, 10 pods a node
    assert {y for _, y in lines["no_mesh_ram_gib"]} == {0}


def test_the_chain_is_split_into_baseline_and_the_meshs_part():
    geometry = chart("chain_latency", {"hops": "5", "added_ms_per_hop": "10", "baseline_ms": "80"})
    latency, tail = panel_parts(geometry)["latency"], panel_parts(geometry)["tail"]
    baseline = [y for _, y in plotted(latency)["baseline_ms"]]
    total = [y for _, y in plotted(latency)["total_ms"]]
    _, y_tol = tolerance(latency)
    assert baseline == pytest.approx([80] * len(baseline), abs=y_tol)
    assert all(b > a for a, b in zip(total, total[1:]))
    # the mesh's band sits on the baseline's: its polygon's lower edge is the baseline line
    mesh_band = latency["area:total_ms"]["attrs"]["points"].split()
    assert mesh_band[len(mesh_band) // 2:] == latency["line:baseline_ms"]["attrs"]["points"].split()[::-1]
    exposure = [y for _, y in plotted(tail)["tail_exposure_pct"]]
    assert all(b > a for a, b in zip(exposure, exposure[1:])) and exposure[-1] < 100


@pytest.mark.parametrize("name", CHARTED)
def test_the_table_lists_the_plotted_rows_and_marks_the_readers(name):
    geometry, data = chart(name, {"pods": "40", "hops": "12"}), series(name, {"pods": "40", "hops": "12"})
    x = data["x"]["name"]
    rows = [geometry["parts"][f"row:{i}"] for i in range(ROW_SLOTS)]
    shown = [row for row in rows if row["attrs"]["data-empty"] == "false"]
    assert [row["cells"][0].removesuffix(" (yours)").replace(",", "") for row in shown] == [
        str(row[x]) for row in data["points"]
    ]
    current = [row for row in shown if row["attrs"]["aria-current"] == "true"]
    assert len(current) == 1 and current[0]["cells"][0] == f"{data['x']['current']} (yours)"
    assert all(len(row["cells"]) == len(geometry["columns"]) for row in rows)


def test_the_summary_reads_the_results_out():
    result = evaluate("chain_latency", {"hops": "3"})
    summary = chart("chain_latency", {"hops": "3"})["parts"]["summary"]["text"]
    assert summary.startswith("With 3 calls,")
    for name in ("added_ms", "total_ms", "tail_exposure_pct"):
        assert result["outputs"][name]["text"] in summary
    assert chart("sidecar_ram", {"pods": "1"})["parts"]["summary"]["text"].startswith("At 1 pod,")


def test_bad_values_come_back_as_errors_not_exceptions():
    bad = chart("sidecar_ram", {"pods": "-3", "sidecar_mib": "<b>"}, preset="nope")
    assert bad["ok"] is False
    assert [e["input"] for e in bad["errors"]] == ["preset", "pods", "sidecar_mib"]
    with pytest.raises(KeyError):
        chart("no_such_calculator")


def test_ticks_are_round_and_never_need_more_slots():
    assert [nice_step(span) for span in (10, 9, 200, 0.3, 1999)] == [2, 2, 50, 0.1, 500]
    assert nice_step(2, whole=True) == 1 and nice_step(9, whole=True) == 2
    assert nice_step(0) == 1


@given(span=st.floats(1e-6, 1e15), whole=st.booleans())
def test_a_nice_step_covers_any_span_in_five_steps(span, whole):
    step = nice_step(span, whole=whole)
    assert span / step <= 5 * (1 + 1e-9)
    if whole:
        assert step >= 1 and float(step).is_integer()


@given(data=st.data())
def test_any_valid_input_draws_the_same_elements_inside_the_picture(data):
    name = data.draw(st.sampled_from(CHARTED))
    values = data.draw(values_for(name))
    geometry = chart(name, values)
    assert geometry["ok"], geometry["errors"]
    json.dumps(geometry, allow_nan=False)
    reference = chart(name)
    assert geometry["parts"].keys() == reference["parts"].keys()
    result = evaluate(name, values)
    for panel, parts in panel_parts(geometry).items():
        assert parts.keys() == panel_parts(reference)[panel].keys()  # a redraw never adds or drops markup
        x_min, x_max, y_max = domain(parts)
        plotted_max = max(y for points in plotted(parts).values() for _, y in points)
        _, y_tol = tolerance(parts)
        assert plotted_max <= y_max + y_tol  # the y axis covers every line
        for part in parts.values():
            assert all(isinstance(value, str) for value in part.get("attrs", {}).values())
        y_ticks = [float(parts[f"y-tick:{slot}"]["attrs"]["y"]) for slot in range(TICK_SLOTS)
                   if parts[f"y-tick:{slot}"]["attrs"]["visibility"] == "visible"]
        assert parts["y-tick:0"]["text"] == "0" and y_ticks[0] == BOTTOM and y_ticks[-1] == TOP
        x_ticks = [float(parts[f"x-tick:{slot}"]["attrs"]["x"]) for slot in range(TICK_SLOTS)
                   if parts[f"x-tick:{slot}"]["attrs"]["visibility"] == "visible"]
        assert len(x_ticks) >= 2 and x_ticks[-1] + (x_ticks[-1] - x_ticks[-2]) > RIGHT - 0.2  # none left out (to rounding)
        for part_name, part in parts.items():
            if part_name.startswith("label:") and part["attrs"]["visibility"] == "visible":
                left, _, right, _ = label_box(part)
                assert 0 <= left and right <= WIDTH and TOP - 14 <= float(part["attrs"]["y"]) <= BOTTOM
            if part_name.startswith("marker:"):
                line = part_name.removeprefix("marker:")
                if line in result["outputs"]:
                    assert float(part["attrs"]["data-value"]) == result["outputs"][line]["value"]


def label_box(part: dict) -> tuple[float, float, float, float]:
    """Where a label's text sits: from its anchor, its width in average
    characters, from a cap height above the baseline to just below it."""
    x, y, width = float(part["attrs"]["x"]), float(part["attrs"]["y"]), len(part["text"]) * CHAR_WIDTH
    left = x - width if part["attrs"]["text-anchor"] == "end" else x
    return left, y - FONT_SIZE * 0.75, left + width, y + 2


def struck_through(box: tuple, points: list[tuple[float, float]]) -> bool:
    """Whether a line through ``points`` passes through ``box``, by walking
    each segment in steps of a tenth of a viewBox unit."""
    left, top, right, bottom = box
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) * 10))
        for step in range(steps + 1):
            x, y = x0 + (x1 - x0) * step / steps, y0 + (y1 - y0) * step / steps
            if left < x < right and top < y < bottom:
                return True
    return False


@pytest.mark.parametrize("name", CHARTED)
def test_every_label_shows_by_its_own_point_and_no_line_strikes_it_through(name):
    """What readers see first, the values as shipped and each preset: every
    marker's value is written, nearer its own point than any other marker a
    line height or more away, and crossed by no line."""
    calc = CALCULATORS[name]
    cases = {"defaults": {}} | {preset.name: {key: calc.input(key).text(value) for key, value in preset.values.items()}
                                for preset in calc.presets}
    for case, raw in cases.items():
        for panel, parts in panel_parts(chart(name, raw)).items():
            lines = {part_name: [tuple(map(float, pair.split(","))) for pair in part["attrs"]["points"].split()]
                     for part_name, part in parts.items() if part_name.startswith("line:")}
            markers = {part_name.removeprefix("marker:"): (float(part["attrs"]["cx"]), float(part["attrs"]["cy"]))
                       for part_name, part in parts.items() if part_name.startswith("marker:")}
            for line, (x, y) in markers.items():
                label = parts[f"label:{line}"]
                where = f"{case}, {panel}: {label['text']!r}"
                assert label["attrs"]["visibility"] == "visible", where
                left, top, right, bottom = box = label_box(label)
                middle = ((left + right) / 2, (top + bottom) / 2)
                for other, (other_x, other_y) in markers.items():
                    if abs(other_y - y) >= FONT_SIZE:
                        assert math.dist(middle, (x, y)) < math.dist(middle, (other_x, other_y)), f"{where} is nearer {other}"
                struck = [name for name, points in lines.items() if struck_through(box, points)]
                assert struck == [], f"{where} is crossed by {struck}"


def test_the_two_original_calculators_have_charts():
    assert {"sidecar_ram", "chain_latency"} <= set(CHARTED)


def test_a_calculator_without_a_chart_says_so_instead_of_raising():
    for raw in ({}, {"services": "many"}):
        assert chart("mesh_fit", raw) == {"calculator": "mesh_fit", "ok": False, "errors": [], "chart": None}
    assert series("mesh_fit")["ok"] is False and series("mesh_fit")["chart"] is None
    assert CALCULATORS["mesh_fit"].describe()["has_chart"] is False
    assert CALCULATORS["sidecar_ram"].describe()["has_chart"] is True


def test_a_chart_needs_both_its_series_and_its_spec():
    calc = CALCULATORS["sidecar_ram"]
    with pytest.raises(ValueError, match="chart_spec"):
        Calculator(calc.name, calc.title, calc.summary, calc.inputs, calc.outputs, calc.compute, chart=calc.chart)


def test_the_package_entry_point_is_exported():
    assert "chart" in calculators.__all__ and calculators.chart is chart
