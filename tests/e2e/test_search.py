"""Material's search, which builds its index only when Python is not starting.

The search worker (``assets/javascripts/workers/search-later.js``) holds
Material's messages until a page says go. The reader must never notice: search
works on any page, at once when the reader goes to it, and whether or not
Python starts.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

MATERIAL_SEARCH_WORKER = re.compile(r"/workers/search\.\w+\.min\.js$")

# What the page's tab hears on the search channel, in order.
LISTEN = """
window.__searchChannel = [];
new BroadcastChannel("sidecar-tax-search").onmessage = ({ data }) => window.__searchChannel.push(data);
"""


# Well under search-later.js's 10 s fallback: results must come from a "go".
RESULTS_WITHIN_MS = 5_000


def search_for(page: Page, words: str) -> None:
    page.keyboard.press("/")
    page.keyboard.type(words)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=RESULTS_WITHIN_MS)


def material_worker_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if MATERIAL_SEARCH_WORKER.search(request.url) else None)
    return requests


def hold_python(page: Page):
    """Hold back Pyodide's files, as a very slow network would; returns a
    function that lets them through."""
    held: list = []
    page.route("**/pyodide/**", lambda route: route.continue_() if held is None else held.append(route))

    def release():
        nonlocal held
        routes, held = held, None
        for route in routes:
            route.continue_()

    return release


def test_search_finds_pages_from_a_page_without_calculators(page: Page, console_errors):
    page.goto("")
    search_for(page, "sidecar")
    expect(page.locator(".md-search-result__item").first).to_contain_text(re.compile("sidecar", re.I))
    assert console_errors == []


def test_search_waits_while_python_starts_and_builds_its_index_once_it_is_ready(page: Page, console_errors):
    page.add_init_script(LISTEN)
    requests = material_worker_requests(page)
    release_python = hold_python(page)
    page.goto("guide/resources/?sidecar_ram.pods=250")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    page.wait_for_function("window.__searchChannel.includes('waiting')")
    page.wait_for_timeout(300)  # time for a wrong "go" and its request to show
    assert "go" not in page.evaluate("window.__searchChannel")
    assert requests == []
    release_python()
    wait_for_state(form, "ready")
    page.wait_for_function("window.__searchChannel.includes('go')")
    search_for(page, "latency")
    assert len(requests) == 1
    wait_for_native(form)
    assert console_errors == []


def test_search_works_at_once_while_python_is_still_starting(page: Page):
    hold_python(page)
    page.goto("guide/latency/?chain_latency.hops=7")
    form = page.locator('form[data-calculator="chain_latency"]')
    page.wait_for_function("document.querySelector('form[data-calculator]').dataset.state === 'loading'")
    search_for(page, "debugging")
    assert form.get_attribute("data-state") == "loading"


def test_search_builds_its_index_when_python_cannot_start(page: Page):
    page.add_init_script(LISTEN)
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto("guide/resources/?sidecar_ram.pods=250")
    wait_for_state(page.locator('form[data-calculator="sidecar_ram"]'), "error")
    page.wait_for_function("window.__searchChannel.includes('go')")  # before the reader goes to search
    search_for(page, "ambient")


def test_search_typed_in_before_the_runtime_loads_gets_results(page: Page):
    """The reader is in the search box before the runtime (and Material, which
    waits for it) has loaded, while Python is held back: results still come."""
    hold_python(page)
    held = []
    page.route("**/assets/calculators/runtime.js", lambda route: held.append(route))
    page.goto("guide/resources/?sidecar_ram.pods=250", wait_until="commit")
    page.locator("form[name=search] input").focus()
    page.keyboard.type("ambient")
    held[0].continue_()
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=RESULTS_WITHIN_MS)


def test_two_open_tabs_do_not_keep_talking(context):
    """A tab says "go" only when a search worker asks, so two tabs never echo."""
    pages = [context.new_page() for _ in range(2)]
    for page in pages:
        page.add_init_script(LISTEN)
        page.goto("")
        search_for(page, "sidecar")
    heard = [page.evaluate("window.__searchChannel.length") for page in pages]
    pages[0].wait_for_timeout(500)
    assert [page.evaluate("window.__searchChannel.length") for page in pages] == heard
