"""Reading calculator forms the way a reader sees them, and checking them
against what native Python computes for the same inputs."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

import calculators


def form_raw(form) -> dict[str, str]:
    """The raw text of every input of a calculator form, as a reader typed it."""
    return form.locator("input[name]").evaluate_all(
        "inputs => Object.fromEntries(inputs.map(i => [i.name, i.value]))"
    )


def shown_outputs(form) -> dict[str, dict]:
    """What each ``<output>`` shows: its text and its unrounded ``data-value``."""
    return form.locator("output[name]").evaluate_all(
        "outs => Object.fromEntries(outs.map(o => [o.name, {text: o.textContent, value: Number(o.dataset.value)}]))"
    )


def native(form) -> dict:
    """What native Python computes for the inputs the form shows now."""
    return calculators.evaluate(form.get_attribute("data-calculator"), form_raw(form))


def assert_shows_native(form) -> None:
    expected = native(form)
    assert expected["ok"], expected["errors"]
    shown = shown_outputs(form)
    for name, output in expected["outputs"].items():
        assert shown[name]["text"] == output["text"], name
        assert shown[name]["value"] == pytest.approx(output["value"], rel=1e-12), name


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


# The calculators' guide pages, by calculator name.
PAGES = {"sidecar_ram": "guide/resources/", "chain_latency": "guide/latency/"}


def open_form(page: Page, name: str, query: str = ""):
    page.goto(PAGES[name] + query)
    return page.locator(f'form[data-calculator="{name}"]').first


def another_valid_value(field) -> str:
    """A different in-bounds value for an input, chosen from its own bounds."""
    current = float(field.input_value())
    maximum = float(field.get_attribute("max") or "inf")
    candidate = current * 2 if current else 1
    if candidate > maximum:
        candidate = current / 2
    return str(int(candidate)) if field.get_attribute("inputmode") == "numeric" else repr(candidate)


def start_python(form, state: str = "ready") -> None:
    """Focus the form's first input, as a reader does, and wait for Python's ``state``."""
    form.locator("input[name]").first.focus()
    wait_for_state(form, state)


def wait_for_instant_navigation(page: Page) -> None:
    """Material's instant navigation follows links once its bundle has read
    the sitemap; a link followed before then loads its page in full."""
    page.wait_for_function("() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/sitemap.xml'))")


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
