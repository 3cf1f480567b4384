"""The calculators' charts, as a reader sees them in Chromium.

Expected geometry always comes from native Python (``calculators.chart`` for
the inputs the page shows); the page's chart is read back from its
``[data-part]`` elements, which are all the browser ever changes.
"""

from __future__ import annotations

import base64
import re

import pytest
from playwright.sync_api import Page

import calculators
from calculators.charts import FONT_SIZE, TICK_FONT_SIZE
from tests.e2e.forms import (
    CHART_PAGES,
    another_valid_value,
    form_raw,
    open_form,
    start_python,
    wait_for_instant_navigation,
    wait_for_native,
)
from tests.support.charts import plotted, tolerance

pytestmark = pytest.mark.e2e

READ_CHART = """figure => {
  const read = (elements) => Object.fromEntries(elements.map((el) => [el.dataset.part, {
    attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
    text: el.textContent,
    cells: el.cells ? [...el.cells].map((cell) => cell.textContent) : null,
  }]));
  const panels = [...figure.querySelectorAll("svg[data-panel]")];
  return {
    parts: read([...figure.querySelectorAll("[data-part]")].filter((el) => !el.closest("svg[data-panel]"))),
    panels: Object.fromEntries(panels.map((svg) => [svg.dataset.panel, read([...svg.querySelectorAll("[data-part]")])])),
  };
}"""

# Colours of a screenshot (base64 PNG) counted in a blank page's canvas (no
# site policy applies there): how many pixels are near each given RGB colour.
COUNT_COLOURS = """async ([png, colours]) => {
  const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  const counts = colours.map(() => 0);
  for (let i = 0; i < data.length; i += 4) {
    colours.forEach(([r, g, b], k) => {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60) counts[k] += 1;
    });
  }
  return { counts, pixels: data.length / 4 };
}"""


def shown_chart(form) -> dict:
    return form.locator('[data-role="chart"]').evaluate(READ_CHART)


def native_chart(form) -> dict:
    return calculators.chart(form.get_attribute("data-calculator"), form_raw(form))


def assert_shows(shown: dict, geometry: dict) -> None:
    """Every changing element shows exactly native Python's attributes and text."""
    assert geometry["ok"], geometry["errors"]
    pairs = [(shown["parts"], geometry["parts"])]
    pairs += [(shown["panels"][panel["name"]], panel["parts"]) for panel in geometry["panels"]]
    for shown_parts, parts in pairs:
        assert shown_parts.keys() == parts.keys()
        for name, part in parts.items():
            element = shown_parts[name]
            assert {key: element["attrs"].get(key) for key in part.get("attrs", {})} == part.get("attrs", {}), name
            if "text" in part:
                assert element["text"] == part["text"], name
            if "cells" in part:
                assert element["cells"] == part["cells"], name


def wait_for_native_chart(form, timeout: float = 30_000) -> dict:
    """Wait until the chart shows native Python's geometry for the inputs shown now."""
    geometry = native_chart(form)
    markers = {
        panel["name"]: {name: part["attrs"] for name, part in panel["parts"].items() if name.startswith("marker:")}
        for panel in geometry["panels"]
    }
    form.page.wait_for_function(
        """([id, summary, markers]) => {
          const figure = document.getElementById(id).querySelector('[data-role="chart"]');
          return figure.querySelector('[data-part="summary"]').textContent === summary &&
            Object.entries(markers).every(([panel, parts]) => Object.entries(parts).every(([name, attrs]) =>
              Object.entries(attrs).every(([key, value]) =>
                figure.querySelector(`[data-panel="${panel}"] [data-part="${name}"]`).getAttribute(key) === value)));
        }""",
        arg=[form.get_attribute("id"), geometry["parts"]["summary"]["text"], markers],
        timeout=timeout,
    )
    shown = shown_chart(form)
    assert_shows(shown, geometry)
    return shown


@pytest.mark.parametrize("name", CHART_PAGES)
def test_prerendered_chart_plots_native_python_without_javascript(browser, base_url, name):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    form = open_form(context.new_page(), name)
    shown = shown_chart(form)
    assert_shows(shown, native_chart(form))
    raw = form_raw(form)
    result, data = calculators.evaluate(name, raw), calculators.series(name, raw)
    x = data["x"]["name"]
    for parts in shown["panels"].values():
        x_tol, y_tol = tolerance(parts)
        for line, points in plotted(parts).items():
            assert [px for px, _ in points] == pytest.approx([row[x] for row in data["points"]], abs=x_tol)
            assert [py for _, py in points] == pytest.approx([row[line] for row in data["points"]], abs=y_tol)
        for part_name, part in parts.items():
            output = result["outputs"].get(part_name.removeprefix("marker:"))
            if part_name.startswith("marker:") and output:
                assert float(part["attrs"]["data-value"]) == output["value"]
    context.close()


@pytest.mark.parametrize("name", CHART_PAGES)
def test_every_input_change_redraws_the_chart_and_moves_the_marked_point(page: Page, console_errors, name):
    form = open_form(page, name)
    start_python(form)
    x_name = calculators.series(name)["x"]["name"]
    positions = {}
    for field in form.locator("input[name]").all():
        field.fill(another_valid_value(field))
        wait_for_native(form)
        shown = wait_for_native_chart(form)
        for panel, parts in shown["panels"].items():
            marker = next(part["attrs"] for key, part in parts.items() if key.startswith("marker:"))
            positions.setdefault(panel, set()).add((marker["cx"], marker["cy"]))
            assert marker["data-x"] == form.locator(f'input[name="{x_name}"]').input_value()
    assert any(len(seen) > 1 for seen in positions.values()), positions
    assert console_errors == []


def rgb(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour, ``rgb(...)`` or ``rgba(...)``, as numbers."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour, background) -> tuple[float, float, float]:
    alpha = colour[3]
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background[:3]))


def contrast(a, b) -> float:
    """WCAG contrast ratio of two opaque colours."""

    def luminance(colour):
        channels = [c / 255 for c in colour]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", CHART_PAGES)
def test_chart_draws_visible_lines_and_labels_in_light_and_dark(page: Page, name):
    form = open_form(page, name)
    wait_for_instant_navigation(page)  # Material sets the scheme when its bundle runs: switch after that
    counter = page.context.new_page()
    for scheme in ("default", "slate"):
        page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
        background = rgb(form.evaluate("form => getComputedStyle(form).backgroundColor"))
        for panel in form.locator("svg[data-panel]").all():
            panel.scroll_into_view_if_needed()
            strokes = [over(rgb(css), background) for css in panel.locator("polyline").evaluate_all(
                "lines => lines.map((line) => getComputedStyle(line).stroke)")]
            for stroke in strokes:
                assert contrast(stroke, background[:3]) >= 3, f"{scheme}: every line must stand out (WCAG 1.4.11)"
            for css in panel.locator("text").evaluate_all("texts => texts.map((text) => getComputedStyle(text).fill)"):
                assert contrast(over(rgb(css), background), background[:3]) >= 4.5, f"{scheme}: labels must be readable (WCAG 1.4.3)"
            for classes, size in panel.locator("text").evaluate_all(
                    "texts => texts.map((text) => [text.getAttribute('class') || '', getComputedStyle(text).fontSize])"):
                # The sizes the chart's layout leaves room for (calculators/charts.py), not the theme's.
                titled = "st-chart__title" in classes or "st-chart__label" in classes
                assert size == f"{FONT_SIZE if titled else TICK_FONT_SIZE}px", (scheme, classes)
            stroke = strokes[-1]  # the reader's own line, drawn on top
            png = base64.b64encode(panel.screenshot()).decode()
            counted = counter.evaluate(COUNT_COLOURS, [png, [background[:3], stroke]])
            near_background, near_stroke = counted["counts"]
            assert counted["pixels"] - near_background > 0.03 * counted["pixels"], f"{scheme}: the chart is empty"
            assert near_stroke > 300, f"{scheme}: the reader's line is not drawn in its colour"
