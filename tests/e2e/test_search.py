"""Material's search, which builds its index only when Python is not starting.

The search worker (``assets/javascripts/workers/search-later.js``) holds
Material's messages until its page says go on the page's own channel. The
reader must never notice: search works on any page, at once when the reader
goes to it, and whether or not Python or the calculators' runtime start.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

MATERIAL_SEARCH_WORKER = re.compile(r"/workers/search\.\w+\.min\.js$")

# What is said on this page's search channel, in order: subscribes as soon as
# search-channel.js names it, before Material's bundle creates the worker.
LISTEN = """
window.__searchChannel = [];
new MutationObserver((changes, observer) => {
  const name = document.documentElement?.dataset.searchChannel;
  if (!name) return;
  observer.disconnect();
  new BroadcastChannel(name).onmessage = ({ data }) => window.__searchChannel.push(data);
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-search-channel"] });
"""

# Well under search-later.js's 10 s fallback: results must come from a "go".
RESULTS_WITHIN_MS = 5_000


def search_for(page: Page, words: str, timeout: float = RESULTS_WITHIN_MS) -> None:
    page.keyboard.press("/")
    page.keyboard.type(words)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=timeout)


def material_worker_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if MATERIAL_SEARCH_WORKER.search(request.url) else None)
    return requests


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


def heard(page: Page, message: str, timeout: float = RESULTS_WITHIN_MS) -> None:
    page.wait_for_function("(message) => window.__searchChannel.includes(message)", arg=message, timeout=timeout)


def test_search_builds_its_index_at_once_on_a_page_without_calculators(page: Page, console_errors):
    page.add_init_script(LISTEN)
    requests = material_worker_requests(page)
    page.goto("")
    heard(page, "go")  # before the reader goes to search
    page.wait_for_load_state("networkidle")
    assert len(requests) == 1
    search_for(page, "sidecar")
    expect(page.locator(".md-search-result__item").first).to_contain_text(re.compile("sidecar", re.I))
    assert console_errors == []


def test_search_waits_while_python_starts_and_builds_its_index_once_it_is_ready(page: Page, console_errors):
    page.add_init_script(LISTEN)
    requests = material_worker_requests(page)
    release_python = hold(page, "**/pyodide/**")
    page.goto("guide/resources/?sidecar_ram.pods=250")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    heard(page, "waiting")
    page.wait_for_timeout(300)  # time for a wrong "go" and its request to show
    assert "go" not in page.evaluate("window.__searchChannel")
    assert requests == []
    release_python()
    wait_for_state(form, "ready")
    heard(page, "go")
    search_for(page, "latency")
    assert len(requests) == 1
    wait_for_native(form)
    assert console_errors == []


def test_going_to_search_while_python_starts_builds_the_index_at_once(page: Page):
    page.add_init_script(LISTEN)
    requests = material_worker_requests(page)
    hold(page, "**/pyodide/**")
    page.goto("guide/latency/?chain_latency.hops=7")
    form = page.locator('form[data-calculator="chain_latency"]')
    heard(page, "waiting")
    assert "go" not in page.evaluate("window.__searchChannel") and requests == []
    page.keyboard.press("/")
    heard(page, "go", timeout=2_000)  # the fallback never says go
    page.keyboard.type("debugging")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=RESULTS_WITHIN_MS)
    assert form.get_attribute("data-state") == "loading"
    assert form.locator('[data-action="retry"]').is_hidden()  # still starting, not yet "slow"


def test_search_builds_its_index_when_python_cannot_start(page: Page):
    page.add_init_script(LISTEN)
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto("guide/resources/?sidecar_ram.pods=250")
    wait_for_state(page.locator('form[data-calculator="sidecar_ram"]'), "error")
    heard(page, "go")  # before the reader goes to search
    search_for(page, "ambient")


def test_search_typed_in_before_the_runtime_loads_gets_results(page: Page):
    """The reader is in the search box before the runtime (and Material, which
    waits for it) has loaded, while Python is held back: results still come."""
    hold(page, "**/pyodide/**")
    release_runtime = hold(page, "**/assets/calculators/runtime.js")
    page.goto("guide/resources/?sidecar_ram.pods=250", wait_until="commit")
    page.locator("form[name=search] input").focus()
    page.keyboard.type("ambient")
    release_runtime()
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=RESULTS_WITHIN_MS)


def test_another_tab_does_not_release_this_tabs_index(context):
    """Each page load has its own channel: an idle tab of the site must not
    start the index of a tab that is starting Python."""
    idle = context.new_page()
    idle.goto("")
    search_for(idle, "sidecar")
    starting = context.new_page()
    starting.add_init_script(LISTEN)
    requests = material_worker_requests(starting)
    hold(starting, "**/pyodide/**")
    starting.goto("guide/resources/?sidecar_ram.pods=250")
    heard(starting, "waiting")
    starting.wait_for_timeout(300)
    assert requests == []


def test_search_works_when_the_calculators_runtime_cannot_load(page: Page):
    """Without the runtime nobody says go: the worker starts on its own after 10 s."""
    page.route("**/assets/calculators/runtime.js", lambda route: route.abort())
    page.goto("")
    search_for(page, "sidecar", timeout=20_000)
