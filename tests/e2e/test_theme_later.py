"""Material's bundle, and the search index it builds, wait while Python starts.

``assets/calculators/theme-later.js`` runs Material's bundle at once on pages
without a calculator, and on the others once the runtime says Python is not
starting, when the reader reaches for anything outside a calculator, or after
10 s. The reader must never lose anything to it: search, the palette toggle
and the search shortcut work at once, whether or not Python or the
calculators' runtime start.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import hold, theme_scripts, wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

MATERIAL = re.compile(r"/javascripts/(bundle|workers/search)\.\w+\.min\.js$")

# Well under theme-later.js's 10 s fallback: the theme must run because of a release.
WITHIN_MS = 5_000
# The reader's own action wakes the theme at once.
AT_ONCE_MS = 2_000


def search_for(page: Page, words: str, timeout: float = WITHIN_MS) -> None:
    page.keyboard.press("/")
    page.keyboard.type(words)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=timeout)


def material_requests(page: Page) -> list[str]:
    """Requests for Material's bundle and its search worker, as they happen."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if MATERIAL.search(request.url) else None)
    return requests


def open_while_python_starts(page: Page, path: str):
    """Open a link with a calculator's inputs while Pyodide's files are held
    back; returns the form and a function that lets Python start."""
    release_python = hold(page, "**/pyodide/**")
    requests = material_requests(page)
    page.goto(path)
    form = page.locator("form[data-calculator]").first
    wait_for_state(form, "loading")
    page.wait_for_timeout(300)  # time for a wrong release and its requests to show
    theme_scripts(page, "held")
    assert requests == []
    return form, release_python


def test_material_runs_at_once_on_a_page_without_calculators(page: Page, console_errors):
    page.goto("")
    theme_scripts(page, "running")
    search_for(page, "sidecar")
    expect(page.locator(".md-search-result__item").first).to_contain_text(re.compile("sidecar", re.I))
    assert console_errors == []


# When the form is ready, when it shows its first results, and when
# Material's bundle runs.
RECORD_TIMES = """
window.__times = {};
document.addEventListener("calculator:result", () => (window.__times.results ??= performance.now()), true);
new MutationObserver(() => {
  if (document.querySelector("form[data-calculator]")?.dataset.state === "ready") window.__times.ready ??= performance.now();
  if (document.documentElement.dataset.themeScripts === "running") window.__times.running ??= performance.now();
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-state", "data-theme-scripts"] });
"""
BUNDLE_REQUESTED = "performance.getEntriesByType('resource').find((entry) => /bundle\\.\\w+\\.min\\.js$/.test(entry.name)).startTime"


def test_material_waits_while_python_starts_and_runs_once_the_results_are_shown(page: Page, console_errors):
    page.add_init_script(RECORD_TIMES)
    form, release_python = open_while_python_starts(page, "guide/resources/?sidecar_ram.pods=250")
    release_python()
    wait_for_state(form, "ready")
    theme_scripts(page, "running")
    wait_for_native(form)
    times = page.evaluate("window.__times")
    assert times["running"] - times["ready"] < AT_ONCE_MS  # released, not the 10 s fallback
    assert page.evaluate(BUNDLE_REQUESTED) > times["results"]  # it would have delayed them
    search_for(page, "latency")
    assert console_errors == []


def test_material_waits_too_when_a_calculator_near_the_screen_starts_python(page: Page):
    """No inputs in the link: the form on the first screen starts Python."""
    page.add_init_script(RECORD_TIMES)
    form, release_python = open_while_python_starts(page, "guide/resources/")
    release_python()
    wait_for_state(form, "ready")
    theme_scripts(page, "running")
    times = page.evaluate("window.__times")
    assert times["running"] - times["ready"] < AT_ONCE_MS  # released, not the 10 s fallback


def test_reading_does_not_wake_the_theme(page: Page):
    """Scrolling by key or wheel and clicking into the text are reading, not
    reaching for the theme."""
    open_while_python_starts(page, "guide/resources/?sidecar_ram.pods=250")
    for key in ("PageDown", "Space", "ArrowDown", "End"):
        page.keyboard.press(key)
    page.mouse.wheel(0, -2000)
    page.locator("article p").first.click()
    page.wait_for_timeout(300)
    theme_scripts(page, "held")


def test_without_materials_bundle_the_page_falls_back_to_its_layout_without_js(page: Page):
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto("guide/resources/?sidecar_ram.pods=250")
    wait_for_native(page.locator('form[data-calculator="sidecar_ram"]'))
    theme_scripts(page, "failed")
    expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
    expect(page.locator(".md-search")).to_be_hidden()  # Material hides what needs its script


def test_editing_a_calculator_while_python_starts_does_not_wake_the_theme(page: Page):
    form, _ = open_while_python_starts(page, "guide/resources/?sidecar_ram.pods=250")
    form.locator("input[name=pods]").fill("300")
    page.wait_for_timeout(300)
    theme_scripts(page, "held")


def test_the_search_shortcut_pressed_while_python_starts_opens_search(page: Page):
    form, _ = open_while_python_starts(page, "guide/latency/?chain_latency.hops=7")
    page.keyboard.press("/")  # Material is not listening yet: the key is replayed
    expect(page.locator("form[name=search] input")).to_be_focused(timeout=AT_ONCE_MS)
    page.keyboard.type("debugging")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=WITHIN_MS)
    assert form.get_attribute("data-state") == "loading"


def test_without_javascript_the_page_has_the_site_colours(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("guide/resources/")
    expect(page.locator("body")).to_have_attribute("data-md-color-primary", "teal")
    context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_page_has_its_colours_and_palette_toggle_while_the_theme_waits(browser, base_url, system):
    """The scheme the system asks for on a first visit, then the reader's
    saved choice, with the site's colours (mkdocs.yml) and the toggle, are
    there before Material's bundle runs, not a second later."""
    context = browser.new_context(base_url=base_url, color_scheme=system)
    page = context.new_page()
    open_while_python_starts(page, "guide/resources/?sidecar_ram.pods=250")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate" if system == "dark" else "default")
    expect(body).to_have_attribute("data-md-color-primary", "teal")
    expect(page.locator('form[data-md-component="palette"] label:not([hidden])')).to_have_count(1)
    saved = "default" if system == "dark" else "slate"  # the other scheme, chosen on another page
    page.goto("")
    for _ in range(2 if system == "light" else 1):  # system -> light -> dark
        page.locator('form[data-md-component="palette"] label:not([hidden])').click()
    expect(body).to_have_attribute("data-md-color-scheme", saved)
    open_while_python_starts(page, "guide/latency/?chain_latency.hops=7")
    expect(body).to_have_attribute("data-md-color-scheme", saved)
    context.close()


def test_the_palette_toggle_clicked_while_python_starts_is_not_lost(page: Page):
    """The toggle cycles system -> light -> dark: a first click lost while the
    theme is held, or a toggle left out of step, would not end on dark."""
    open_while_python_starts(page, "guide/resources/?sidecar_ram.pods=250")
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    toggle.click()
    theme_scripts(page, "running", timeout=AT_ONCE_MS)
    toggle.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_search_works_when_python_cannot_start(page: Page):
    page.route("**/pyodide/**", lambda route: route.abort())
    page.goto("guide/resources/?sidecar_ram.pods=250")
    wait_for_state(page.locator('form[data-calculator="sidecar_ram"]'), "error")
    theme_scripts(page, "running")
    search_for(page, "ambient")


def test_search_typed_in_before_the_runtime_loads_gets_results(page: Page):
    """The reader is in the search box before the runtime has loaded, while
    Python is held back: results still come."""
    hold(page, "**/pyodide/**")
    release_runtime = hold(page, "**/assets/calculators/runtime.js")
    page.goto("guide/resources/?sidecar_ram.pods=250", wait_until="commit")
    theme_scripts(page, "held")
    search = page.locator("form[name=search] input")
    search.focus()
    expect(search).to_be_focused()
    page.keyboard.type("ambient")
    release_runtime()
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=WITHIN_MS)


def test_a_shortcut_is_replayed_only_once_material_has_started(page: Page):
    """With the runtime slow, the bundle may run before DOMContentLoaded, on
    which Material starts: the shortcut must wait for that, not be lost."""
    hold(page, "**/pyodide/**")
    release_runtime = hold(page, "**/assets/calculators/runtime.js")
    page.goto("guide/latency/?chain_latency.hops=7", wait_until="commit")
    theme_scripts(page, "held")
    page.keyboard.press("/")
    page.wait_for_function("() => typeof window.component$ === 'object'")  # the bundle has run
    theme_scripts(page, "loading")  # but Material has not started: no DOMContentLoaded yet
    release_runtime()
    expect(page.locator("form[name=search] input")).to_be_focused(timeout=AT_ONCE_MS)


def test_material_runs_when_the_calculators_runtime_cannot_load(page: Page):
    """Without the runtime nobody releases the theme: it runs after 10 s."""
    page.route("**/assets/calculators/runtime.js", lambda route: route.abort())
    page.goto("guide/resources/")
    page.wait_for_timeout(1_000)
    theme_scripts(page, "held")
    theme_scripts(page, "running", timeout=20_000)
    search_for(page, "sidecar")
