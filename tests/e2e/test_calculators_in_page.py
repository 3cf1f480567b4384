"""What a reader of a calculator page sees and does, in Chromium.

Expected numbers always come from native Python for the inputs the page
shows (``tests/e2e/forms.py``), never from literals copied from the code.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple
from urllib.parse import quote

import pytest
from playwright.sync_api import Locator, Page, expect

import calculators
from tests.conftest import without_search_index
from tests.e2e.forms import (
    PAGES,
    another_valid_value,
    assert_shows_native,
    form_raw,
    hold,
    open_form,
    record_console_errors,
    shown_outputs,
    start_python,
    wait_for_instant_navigation,
    wait_for_native,
    wait_for_state,
)

pytestmark = pytest.mark.e2e

@pytest.mark.parametrize("name", PAGES)
def test_prerendered_results_match_native_python_without_javascript(browser, base_url, name):
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    page = context.new_page()
    form = open_form(page, name)
    assert form.get_attribute("data-state") == "static"
    assert_shows_native(form)
    context.close()


class OpenTab(NamedTuple):
    page: Page
    form: Locator
    errors: list[str]


@pytest.fixture(scope="module")
def open_tab(browser, base_url):
    """A reader's open tab on each calculator's page, Python started once in
    it and kept for the module: the tests that change inputs and press presets
    take it as the previous test left it, and need no fresh Python (each
    start costs seconds of CPU). ``errors``: console errors, which each test
    clears first."""
    context = without_search_index(
        browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"]))
    tabs: dict[str, OpenTab] = {}

    def tab(name: str) -> OpenTab:
        if name not in tabs:
            page = context.new_page()
            errors = record_console_errors(page)
            form = open_form(page, name)
            start_python(form)
            tabs[name] = OpenTab(page, form, errors)
        tabs[name].page.bring_to_front()  # a tab behind others has its timers throttled
        tabs[name].errors.clear()
        return tabs[name]

    yield tab
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_every_input_recomputes_to_native_values(open_tab, name):
    _, form, errors = open_tab(name)
    for field in form.locator("input[name]").all():
        field.fill(another_valid_value(field))
        wait_for_native(form)
    assert errors == []


@pytest.mark.parametrize("name", PAGES)
def test_presets_fill_their_inputs_and_show_their_citation(open_tab, name):
    _, form, errors = open_tab(name)
    calculator = calculators.get(name)
    for button in form.locator("button[data-preset]").all():
        preset = calculator.preset(button.get_attribute("data-preset"))
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        for key, value in preset.values.items():
            assert float(form.locator(f'input[name="{key}"]').input_value()) == pytest.approx(value)
        expect(form.locator('[data-role="citation"]')).to_contain_text(preset.citation)
        wait_for_native(form)
    assert errors == []


def presets_on_different_inputs() -> dict[str, tuple[str, str]]:
    """Per calculator, two presets that set no input in common (a function's
    price and a server's), read from the schema."""
    pairs = {}
    for name in PAGES:
        for first, second in itertools.combinations(calculators.get(name).presets, 2):
            if not set(first.values) & set(second.values):
                pairs.setdefault(name, (first.name, second.name))
    return pairs


@pytest.mark.parametrize("name", presets_on_different_inputs())
def test_presets_on_different_inputs_are_both_in_effect_and_both_cited(open_tab, name):
    first, second = (calculators.get(name).preset(preset) for preset in presets_on_different_inputs()[name])
    page, form, errors = open_tab(name)
    for preset in (first, second):
        form.locator(f'button[data-preset="{preset.name}"]').click()
    wait_for_native(form)
    for preset in (first, second):
        expect(form.locator(f'button[data-preset="{preset.name}"]')).to_have_attribute("aria-pressed", "true")
        expect(form.locator('[data-role="citation"]')).to_contain_text(preset.citation)
    form.locator('[data-action="copy-adr"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    record = page.evaluate("navigator.clipboard.readText()")
    for preset in (first, second):
        assert f"Preset: {preset.label}. {preset.citation}" in record
    assert errors == []


def test_url_state_restores_inputs_and_results(page: Page, console_errors):
    form = open_form(page, "sidecar_ram", "?sidecar_ram.pods=250&sidecar_ram.sidecar_mib=90&unknown.key=1#sidecar-memory")
    wait_for_state(form, "ready")
    expect(form.locator('input[name="pods"]')).to_have_value("250")
    expect(form.locator('input[name="sidecar_mib"]')).to_have_value("90")
    wait_for_native(form)
    assert console_errors == []


def python_workers(page: Page) -> list:
    """The Python workers the page starts, as Playwright sees them."""
    workers = []
    page.on("worker", lambda worker: workers.append(worker) if worker.url.endswith("/python-worker.js") else None)
    return workers


def test_a_link_with_inputs_starts_python_once(page: Page, console_errors):
    """The form starts Python for the link's inputs and the chart asks it too:
    one runtime, not one per caller."""
    workers = python_workers(page)
    form = open_form(page, "sidecar_ram", "?sidecar_ram.pods=250#sidecar-memory")
    wait_for_state(form, "ready")
    wait_for_native(form)
    assert len(workers) == 1
    assert console_errors == []


def test_typing_updates_the_url_without_adding_history(page: Page):
    form = open_form(page, "chain_latency")
    length = page.evaluate("history.length")
    form.locator('input[name="hops"]').fill("7")
    expect(page).to_have_url(re.compile(r"[?&]chain_latency\.hops=7(&|#|$)"))
    assert page.evaluate("history.length") == length


def test_copy_link_gives_a_url_that_restores_the_calculator(page: Page, context):
    form = open_form(page, "sidecar_ram")
    form.locator('input[name="pods"]').fill("321")
    form.locator('[data-action="copy-link"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    link = page.evaluate("navigator.clipboard.readText()")
    assert "sidecar_ram.pods=321" in link
    for name in form_raw(form):  # the defaults too: the link must not depend on them
        assert f"sidecar_ram.{name}=" in link, name
    assert link.endswith("#sidecar-memory")
    other = context.new_page()
    other.goto(link)
    restored = other.locator('form[data-calculator="sidecar_ram"]')
    wait_for_state(restored, "ready")
    expect(restored.locator('input[name="pods"]')).to_have_value("321")
    wait_for_native(restored)


def test_copy_for_adr_gives_a_markdown_record_before_python_is_ready(page: Page):
    page.route("**/pyodide/**", lambda route: route.abort())
    form = open_form(page, "chain_latency")
    form.locator('[data-action="copy-adr"]').click()
    snippet = page.evaluate("navigator.clipboard.readText()")
    for label in form.locator("label").all():
        assert label.inner_text().strip() in snippet
    for output in form.locator("output").all():
        assert f"| {output.inner_text().strip()} |" in snippet
    link = re.search(r"Link: <(http://127\.0\.0\.1:\d+/guide/latency/\?[^>#]+#chain-latency)>", snippet)
    assert link, snippet
    for name, value in form_raw(form).items():  # every input, so the link does not depend on defaults
        assert f"chain_latency.{name}={value}" in link.group(1), name
    assert re.search(r"Retrieved: \d{4}-\d{2}-\d{2}", snippet)


def copy_for_adr_is_refused(page: Page, form, why: str) -> None:
    """Copy for ADR copies nothing, says so with the form's words for ``why``
    (a data-* of its stale note), and leaves the clipboard as it was."""
    page.evaluate("navigator.clipboard.writeText('what the reader had copied')")
    form.locator('[data-action="copy-adr"]').click()
    words = form.locator('[data-role="stale"]').get_attribute(f"data-{why}")
    expect(form.locator('[data-role="copied"]')).to_have_text(f"Not copied: {words}")
    assert page.evaluate("navigator.clipboard.readText()") == "what the reader had copied"


def test_a_record_never_pairs_a_links_markup_with_results(page: Page):
    """A link's inputs are the reader's text, not Markdown: text that is no
    number gets a field error, and no record is made of the results beside it."""
    release_python = hold(page, "**/pyodide/**")
    hostile = "[click](javascript:alert(1))<img src=x onerror=alert(2)>"
    with page.expect_request("**/pyodide/**"):
        form = open_form(page, "chain_latency", f"?chain_latency.hops={quote(hostile)}")
    expect(form.locator('input[name="hops"]')).to_have_value(hostile)
    copy_for_adr_is_refused(page, form, "outdated")  # before Python has judged it
    release_python()
    wait_for_state(form, "ready")
    expect(form.locator('[data-error-for="hops"]')).not_to_be_empty()
    copy_for_adr_is_refused(page, form, "invalid")


def test_a_record_shows_any_input_as_inert_code(page: Page):
    """share.js's record writer on its own, for text no valid input holds:
    markup and backticks stay inside a code span."""
    form = open_form(page, "chain_latency")
    hostile = "`[click](javascript:alert(1))` | <img src=x>"
    snippet = form.evaluate(
        """async (form, value) => {
            const runtime = document.querySelector('script[src*="/calculators/mount-forms.js"]').src;
            const { adrSnippet } = await import(new URL("share.js", runtime));
            const inputs = [...form.querySelectorAll("input[name]")];
            inputs[0].value = value;
            return adrSnippet(form, inputs, []);
        }""",
        hostile,
    )
    rows = [line for line in snippet.splitlines() if "javascript:" in line]
    assert rows == [f"| {form.locator('label').first.inner_text().strip()} | `'[click](javascript:alert(1))' \\| <img src=x>` |"]


def test_results_for_other_inputs_are_marked_until_python_answers(page: Page):
    """A link's inputs while Python loads slowly: the build's results beside
    them are marked as not theirs and kept out of a record, until Python answers."""
    release_python = hold(page, "**/pyodide/**")
    with page.expect_request("**/pyodide/**"):
        form = open_form(page, "sidecar_ram", "?sidecar_ram.pods=250")
    prerendered = shown_outputs(form)
    expect(form.locator('[data-role="stale"]')).to_be_visible()
    copy_for_adr_is_refused(page, form, "outdated")
    assert shown_outputs(form) == prerendered
    release_python()
    wait_for_state(form, "ready")
    wait_for_native(form)
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    expect(form.locator('[data-role="copied"]')).to_be_empty()  # its refusal spoke of the build's results
    form.locator('[data-action="copy-adr"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    snippet = page.evaluate("navigator.clipboard.readText()")
    assert "| `250` |" in snippet
    for output in form.locator("output").all():
        assert f"| {output.inner_text().strip()} |" in snippet


def test_second_calculator_page_reuses_the_running_worker(page: Page):
    workers = []
    page.on("worker", lambda worker: workers.append(worker))
    form = open_form(page, "sidecar_ram")
    start_python(form)
    wait_for_instant_navigation(page)
    page.locator('a[href$="latency/"]').first.click()
    page.wait_for_url("**/guide/latency/")
    latency = page.locator('form[data-calculator="chain_latency"]')
    wait_for_state(latency, "ready", timeout=5_000)
    latency.locator('input[name="hops"]').fill("9")
    expect(latency.locator('output[name="proxy_traversals"]')).to_have_attribute("data-value", "18")
    python_workers = [worker for worker in workers if worker.url.endswith("/python-worker.js")]
    assert len(python_workers) == 1


def test_blocked_pyodide_keeps_results_and_recovers_on_retry(page: Page):
    page.route("**/pyodide/**", lambda route: route.abort())
    form = open_form(page, "sidecar_ram")
    prerendered = shown_outputs(form)
    start_python(form, "error")
    expect(form.locator('[data-role="status"]')).to_contain_text("could not be loaded")
    assert shown_outputs(form) == prerendered
    form.locator('input[name="pods"]').fill("500")  # an edit Python cannot answer
    expect(form.locator('[data-role="stale"]')).to_be_visible()
    assert shown_outputs(form) == prerendered
    page.unroute("**/pyodide/**")
    form.locator('[data-action="retry"]').click()
    wait_for_state(form, "ready")
    wait_for_native(form)
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    form.locator('input[name="pods"]').fill("77")
    wait_for_native(form)


def test_a_page_without_calculators_never_requests_pyodide(page: Page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    workers = []
    page.on("worker", lambda worker: workers.append(worker))
    page.goto("guide/debugging/")
    page.mouse.wheel(0, 5000)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "pyodide" in url or url.endswith("/python-worker.js")]
    assert not [worker for worker in workers if worker.url.endswith("/assets/calculators/python-worker.js")]


def test_a_requirement_below_scale_reads_so_in_the_page_and_in_copy_for_adr(page: Page):
    """The platform engineer's case, opened from an ADR link: 40 services, 3 teams
    deploying daily, no platform team, a workload-identity mandate."""
    case = {"services": "40", "teams_deploying_daily": "3", "platform_team": "no",
            "needs_encryption_or_identity": "yes"}
    form = open_form(page, "mesh_fit", "?" + "&".join(f"mesh_fit.{k}={v}" for k, v in case.items()))
    wait_for_state(form, "ready")
    wait_for_native(form)
    expected = calculators.evaluate("mesh_fit", case)["outputs"]
    assert expected["verdict"]["value"] == "requirement_below_scale"
    expect(form.locator('output[name="verdict"]')).to_have_attribute("data-value", "requirement_below_scale")
    expect(form.locator('output[name="verdict"]')).to_have_text(expected["verdict"]["text"])
    expect(form.locator('output[name="reason"]')).to_have_text(expected["reason"]["text"])
    form.locator('[data-action="copy-adr"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    record = page.evaluate("navigator.clipboard.readText()")
    assert expected["verdict"]["text"] in record and expected["reason"]["text"] in record
    assert "Don't adopt a mesh" not in record
