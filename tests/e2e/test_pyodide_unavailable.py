"""When Python cannot start in the browser: blocked, slow or damaged files.

In every case the page stays readable, the results computed at build time
stay, the form says what happened in plain words (no error names, no URLs)
and offers a retry; a retry once the files come through works without a
reload. Requests are blocked, held back or answered with garbage by
Playwright's routing, which also covers the Python worker's requests.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.forms import shown_outputs, start_python, wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

# What a reader must never be shown: error class names, URLs, file names, codes.
TECHNICAL = re.compile(r"Error\b|https?:|\.(wasm|zip|mjs|js)\b|magic|exit\(|0x|undefined|null", re.I)


def open_calculator(page: Page):
    page.goto("guide/resources/")
    expect(page.locator("article h1")).to_be_visible()
    return page.locator('form[data-calculator="sidecar_ram"]')


def assert_readable_with_build_results(page: Page, form, prerendered) -> str:
    """The page reads on, the build's results stay, and the status is plain words."""
    expect(page.locator("article h1")).to_be_visible()
    expect(form.locator('[data-action="retry"]')).to_be_visible()
    assert shown_outputs(form) == prerendered
    status = form.locator('[data-role="status"]').inner_text()
    assert not TECHNICAL.search(status), status
    return status


def failed_start(page: Page):
    """Open the calculator and let Python try to start and fail: the form, and
    its status once checked as plain words beside the build's results."""
    form = open_calculator(page)
    prerendered = shown_outputs(form)
    start_python(form, "error")
    return form, assert_readable_with_build_results(page, form, prerendered)


def retry_works(page: Page, form) -> None:
    """Retry (no reload): Python starts and results are live and right."""
    page.evaluate("window.__notReloaded = true")
    form.locator('[data-action="retry"]').click()
    wait_for_state(form, "ready")
    expect(form.locator('[data-action="retry"]')).to_be_hidden()
    form.locator('input[name="pods"]').fill("77")
    wait_for_native(form)
    assert page.evaluate("window.__notReloaded") is True


@pytest.mark.parametrize(
    ("blocked", "also_blocked"),
    [
        ("**/assets/calculators/pyodide/**", None),
        ("**/pyodide.asm.wasm", None),
        # Only the normal start reads the package: a snapshot holds it imported.
        ("**/python/calculators-*.zip", "**/python/snapshot-*"),
    ],
    ids=["whole-pyodide-folder", "webassembly-binary", "calculators-package"],
)
def test_blocked_files_are_explained_and_retry_recovers(page: Page, blocked, also_blocked):
    page.route(blocked, lambda route: route.abort("blockedbyclient"))
    if also_blocked:
        page.route(also_blocked, lambda route: route.abort())
    form, status = failed_start(page)
    assert "could not be downloaded" in status
    page.unroute(blocked)
    retry_works(page, form)


def garbage(route: Route) -> None:
    """Damaged bytes, served with the type the real file has."""
    wasm = route.request.url.endswith(".wasm")
    content_type = "application/wasm" if wasm else "application/octet-stream"
    route.fulfill(status=200, body=b"\x00not what you asked for\xff" * 4096, content_type=content_type)


@pytest.mark.parametrize(
    ("damaged", "also_blocked"),
    [
        ("**/pyodide.asm.wasm", None),
        # The standard library and the package are read by the normal start;
        # a build's snapshot already holds what the calculators import, so
        # hold that back.
        ("**/python_stdlib.zip", "**/python/snapshot-*"),
        ("**/python/calculators-*.zip", "**/python/snapshot-*"),
        ("**/pyodide-lock.json", None),
    ],
    ids=["webassembly-binary", "standard-library", "calculators-package", "lock-file"],
)
def test_damaged_files_are_explained_and_retry_recovers(page: Page, damaged, also_blocked):
    page.route(damaged, garbage)
    if also_blocked:
        page.route(also_blocked, lambda route: route.abort())
    form, status = failed_start(page)
    assert "damaged" in status
    page.unroute(damaged)
    retry_works(page, form)


def test_a_misconfigured_server_is_explained(page: Page):
    """A web server that sends the WebAssembly binary as a download."""

    def wrong_type(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.route("**/pyodide.asm.wasm", wrong_type)
    form, status = failed_start(page)
    assert "wrong type" in status


def test_slow_files_are_explained_and_the_late_load_still_counts(page: Page):
    """The WebAssembly binary arrives 20 s late (page time: Playwright's clock
    is moved on instead of waiting). After 10 s the form says it is slow and
    offers a retry; when the file does arrive, Python starts as usual."""
    held: list[Route] = []
    page.route("**/pyodide.asm.wasm", lambda route: held.append(route))
    page.clock.install()
    with page.expect_request("**/pyodide.asm.wasm"):  # on a busy machine the worker asks late
        form = open_calculator(page)
        prerendered = shown_outputs(form)
        form.locator('input[name="pods"]').fill("250")  # the reader edits while Python loads
    wait_for_state(form, "loading")
    expect(form.locator('[data-role="stale"]')).to_be_visible()  # at once, not only once slow
    expect(form.locator('[data-action="retry"]')).to_be_hidden()
    page.clock.fast_forward(10_500)
    expect(form.locator('[data-role="status"]')).to_contain_text("taking longer than usual")
    assert form.get_attribute("data-state") == "loading"
    status = assert_readable_with_build_results(page, form, prerendered)
    assert "retry" in status
    expect(form.locator('[data-role="stale"]')).to_be_visible()  # results are not for 250 pods
    page.clock.fast_forward(10_000)
    assert held, "the worker never asked for the WebAssembly binary"
    for route in held:
        route.fallback()
    wait_for_state(form, "ready")
    expect(form.locator('[data-action="retry"]')).to_be_hidden()
    expect(form.locator('[data-role="stale"]')).to_be_hidden()
    wait_for_native(form)


def test_retry_while_slow_starts_afresh(page: Page):
    """The first start is stuck for good on its WebAssembly binary; the
    retry's own request goes through. (Unrouting instead could let the held
    request through too: the first start then became ready before the retry
    click, which hid the retry button.)"""
    held: list[Route] = []
    page.route("**/pyodide.asm.wasm", lambda route: route.continue_() if held else held.append(route))
    page.clock.install()
    with page.expect_request("**/pyodide.asm.wasm"):  # the first start is stuck on it
        form = open_calculator(page)
        form.locator("input[name]").first.focus()
    wait_for_state(form, "loading")
    page.clock.fast_forward(10_500)
    expect(form.locator('[data-action="retry"]')).to_be_visible()
    retry_works(page, form)
    page.clock.fast_forward(20_000)  # the abandoned start's timers change nothing now
    assert form.get_attribute("data-state") == "ready"
    expect(form.locator('[data-action="retry"]')).to_be_hidden()
