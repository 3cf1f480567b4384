"""Python starts on a reader's intent, not on sight (issue 27).

A reader who only reads downloads no Pyodide; pointing at, touching or
focusing a calculator starts it, and so does a link with calculator state;
an edit made while it starts is applied once it is ready. A reader who asks
to save data starts it only by focusing or editing. ``start: viewport``
keeps the old behaviour for sites that want it.

Starting is synchronous (the form's state turns ``loading`` within the
event that asks for it), so "did not start" is read right after the event,
with no waiting.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import without_search_index
from tests.e2e.forms import CONTROLS, hold, open_form, shown_outputs, wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

PYTHON_FILES = ("/pyodide/", "/python/")  # Pyodide's files; the calculators package and the snapshot
SAVE_DATA = "Object.defineProperty(Navigator.prototype, 'connection', {get: () => ({saveData: true})});"


def python_requests(page: Page) -> list[str]:
    """Every request for Python's files the tab makes from now on, its worker's included."""
    seen: list[str] = []
    page.context.on("request", lambda request: any(part in request.url for part in PYTHON_FILES) and seen.append(request.url))
    return seen


def read_to_the_end(page: Page) -> None:
    """Scroll through the whole page as a reader does, pointer left on the header."""
    page.wait_for_load_state("load")
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height, 400):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_function(f"() => Math.abs(window.scrollY - Math.min({top}, document.documentElement.scrollHeight - innerHeight)) < 2")
    page.wait_for_load_state("networkidle")


def test_a_reader_who_only_reads_downloads_no_python(page: Page, console_errors):
    requested = python_requests(page)
    workers = []
    page.on("worker", lambda worker: "/assets/calculators/" in worker.url and workers.append(worker.url))
    form = open_form(page, "sidecar_ram")
    read_to_the_end(page)
    assert requested == [] and workers == []
    for each in page.locator("form[data-calculator]").all():
        assert each.get_attribute("data-state") == "static"
    expect(form.locator('[data-role="presets"]')).to_be_visible()  # usable at once: they start Python
    assert console_errors == []


@pytest.mark.parametrize("intent", ["pointer", "focus", "touch"])
def test_pointing_at_touching_or_focusing_a_calculator_starts_python(new_context, intent):
    context = new_context(has_touch=intent == "touch")
    page = context.new_page()
    requested = python_requests(page)
    form = open_form(page, "sidecar_ram")
    page.wait_for_load_state("networkidle")
    assert form.get_attribute("data-state") == "static" and requested == []
    title = form.locator(".st-calc__title")
    {"pointer": title.hover, "focus": form.locator(CONTROLS).first.focus, "touch": title.tap}[intent]()
    wait_for_state(form, "ready")
    assert requested
    form.locator('input[name="pods"]').fill("321")
    wait_for_native(form)
    context.close()


def test_a_link_with_calculator_state_starts_python_and_shows_its_results(page: Page):
    form = open_form(page, "sidecar_ram", "?sidecar_ram.pods=250")
    wait_for_state(form, "ready")
    assert form.locator('input[name="pods"]').input_value() == "250"
    wait_for_native(form)


def test_an_edit_typed_while_python_starts_is_applied_when_it_is_ready(page: Page, console_errors):
    release = hold(page, "**/pyodide/**")
    form = open_form(page, "sidecar_ram")
    built = shown_outputs(form)
    field = form.locator('input[name="pods"]')
    field.click()
    field.press("Control+a")
    field.press_sequentially("250")
    assert form.get_attribute("data-state") == "loading"
    expect(form.locator('[data-role="status"]')).to_have_text(form.locator('[data-role="status"]').get_attribute("data-loading"))
    expect(form.locator('[data-role="stale"]')).to_be_visible()  # the build's results, said to be for other inputs
    assert shown_outputs(form) == built
    release()
    wait_for_state(form, "ready")
    assert field.input_value() == "250"
    wait_for_native(form)
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    assert console_errors == []


def test_a_reader_saving_data_starts_python_by_focus_not_by_pointing(new_context):
    context = new_context()
    context.add_init_script(SAVE_DATA)
    page = context.new_page()
    requested = python_requests(page)
    form = open_form(page, "sidecar_ram")
    page.wait_for_load_state("networkidle")
    form.locator(".st-calc__title").hover()
    assert form.get_attribute("data-state") == "static"
    form.locator(CONTROLS).first.focus()
    wait_for_state(form, "ready")
    assert requested
    context.close()


def test_start_viewport_starts_python_as_a_calculator_comes_into_view(browser, site_builds):
    site = site_builds.get("start-viewport", CALCULATORS_START="viewport")
    context = without_search_index(browser.new_context(base_url=site.url))
    page = context.new_page()
    form = open_form(page, "sidecar_ram")
    form.evaluate("form => form.scrollIntoView()")
    wait_for_state(form, "ready")
    context.close()
