"""Reading calculator forms the way a reader sees them, and checking them
against what native Python computes for the same inputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

import calculators

DOCS = Path(__file__).resolve().parents[2] / "docs"

#: Every control a reader fills in: number inputs and yes/no selects.
CONTROLS = "input[name], select[name]"


def form_raw(form) -> dict[str, str]:
    """The raw text of every input of a calculator form, as a reader typed it."""
    return form.locator(CONTROLS).evaluate_all(
        "inputs => Object.fromEntries(inputs.map(i => [i.name, i.value]))"
    )


def shown_outputs(form) -> dict[str, dict]:
    """What each ``<output>`` shows: its text and its ``data-value``, read
    back as the number, the text output's slug, or None when empty."""
    return form.locator("output[name]").evaluate_all(
        "outs => Object.fromEntries(outs.map(o => [o.name, {text: o.textContent, value:"
        " o.dataset.value === '' ? null : Number.isNaN(Number(o.dataset.value)) ? o.dataset.value"
        " : Number(o.dataset.value)}]))"
    )


def same_value(shown, expected) -> bool:
    """A shown ``data-value`` is Python's: numbers to the last digit, text and None exactly."""
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return shown == pytest.approx(expected, rel=1e-12)
    return shown == expected


def native(form) -> dict:
    """What native Python computes for the inputs the form shows now."""
    return calculators.evaluate(form.get_attribute("data-calculator"), form_raw(form))


def assert_shows_native(form) -> None:
    expected = native(form)
    assert expected["ok"], expected["errors"]
    shown = shown_outputs(form)
    for name, output in expected["outputs"].items():
        assert shown[name]["text"] == output["text"], name
        assert same_value(shown[name]["value"], output["value"]), name


def wait_for_state(form, state: str, timeout: float = 60_000) -> None:
    form.page.wait_for_function(
        "([id, state]) => document.getElementById(id)?.dataset.state === state",
        arg=[form.get_attribute("id"), state],
        timeout=timeout,
    )


def wait_for_native(form, timeout: float = 60_000) -> None:
    """Wait until every output shows what native Python computes for the
    inputs shown now, then check the unrounded values too."""
    expected = native(form)
    assert expected["ok"], expected["errors"]
    texts = {name: output["text"] for name, output in expected["outputs"].items()}
    form.page.wait_for_function(
        "([id, texts]) => [...document.getElementById(id).querySelectorAll('output[name]')]"
        ".every(o => !(o.name in texts) || o.textContent === texts[o.name])",
        arg=[form.get_attribute("id"), texts],
        timeout=timeout,
    )
    assert_shows_native(form)


def calculator_pages(docs: Path = DOCS) -> dict[str, str]:
    """The first page that shows each calculator, by calculator name, read
    from the docs' ``calculator`` blocks (snippets are included, not pages),
    so a new calculator placed on a page is covered without a test change."""
    pages: dict[str, str] = {}
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs)
        if relative.parts[0] == "snippets":
            continue
        url = relative.with_suffix("").as_posix() + "/"
        url = url.removesuffix("index/")
        for body in re.findall(r"^```calculator\n(.*?)^```", path.read_text(encoding="utf-8"), re.M | re.S):
            pages.setdefault(str(yaml.safe_load(body)["name"]), url)
    return {name: pages[name] for name in calculators.CALCULATORS if name in pages}


#: The calculators' pages, by calculator name.
PAGES = calculator_pages()
#: The (page, calculator) blocks that the per-calculator tests run live, on
#: each build: the first block of each calculator on its page.
FIRST_BLOCKS = frozenset((page, name) for name, page in PAGES.items())
#: The pages of the calculators that have a chart (a chart is optional).
CHART_PAGES = {name: page for name, page in PAGES.items() if calculators.get(name).has_chart}


def open_form(page: Page, name: str, query: str = ""):
    page.goto(PAGES[name] + query)
    return page.locator(f'form[data-calculator="{name}"]').first


def another_valid_value(field) -> str:
    """A different in-bounds value for an input, chosen from its own bounds;
    for a yes/no select, its other answer."""
    if field.evaluate("element => element.tagName") == "SELECT":
        options = field.locator("option").evaluate_all("options => options.map(o => o.value)")
        return next(option for option in options if option != field.input_value())
    current = float(field.input_value())
    maximum = float(field.get_attribute("max") or "inf")
    candidate = current * 2 if current else 1
    if candidate > maximum:
        candidate = current / 2
    return str(int(candidate)) if field.get_attribute("inputmode") == "numeric" else repr(candidate)


def start_python(form, state: str = "ready") -> None:
    """Focus the form's first input, as a reader does, and wait for Python's ``state``."""
    form.locator(CONTROLS).first.focus()
    wait_for_state(form, state)


def wait_for_instant_navigation(page: Page) -> None:
    """Material's instant navigation follows links once its bundle has read
    the sitemap; a link followed before then loads its page in full."""
    page.wait_for_function("() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/sitemap.xml'))")


def record_console_errors(page: Page) -> list[str]:
    """The console errors and uncaught exceptions ``page`` shows from now on."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def hold(page: Page, pattern: str):
    """Hold back requests matching ``pattern``, as a very slow network would;
    returns a function that lets them through."""
    held: list = []
    page.route(pattern, lambda route: route.continue_() if held is None else held.append(route))

    def release():
        nonlocal held
        routes, held = held, None
        for route in routes:
            route.continue_()

    return release
