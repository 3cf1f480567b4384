"""Reading the guide in Chromium: landing page, instant navigation, permalinks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import hold, open_form, wait_for_instant_navigation, wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e


def test_landing_page_renders(page: Page, console_errors):
    page.goto("")
    expect(page).to_have_title("The Sidecar Tax")
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator('article a[href*="guide/resources/"]').first).to_be_visible()
    assert console_errors == []


def test_instant_navigation_reaches_every_guide_page(page: Page, console_errors):
    page.goto("")
    wait_for_instant_navigation(page)
    page.evaluate("window.__notReloaded = true")
    targets = page.locator("nav.md-nav--primary a.md-nav__link[href]").evaluate_all(
        "links => [...new Set(links.map(a => a.href.split('#')[0]))]"
    )
    assert len(targets) >= 10
    for target in targets:
        if target == page.url:
            continue
        page.evaluate(
            "target => [...document.querySelectorAll('nav.md-nav--primary a.md-nav__link')]"
            ".find(a => a.href === target).click()",
            target,
        )
        page.wait_for_url(target)
        expect(page.locator("article h1")).to_be_visible()
        assert page.evaluate("window.__notReloaded") is True, f"{target} reloaded the page"
    assert console_errors == []


def test_a_link_followed_while_python_loads_navigates_instantly_with_one_python(page: Page, console_errors):
    """Nothing holds the theme while Python starts: a reader who follows a
    link at once gets instant navigation, and the tab keeps its one worker."""
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    release_python = hold(page, "**/pyodide/**")
    with page.expect_request("**/pyodide/**"):
        open_form(page, "sidecar_ram", "?sidecar_ram.pods=250")
    wait_for_instant_navigation(page)
    page.evaluate("window.__notReloaded = true")
    page.locator('nav.md-nav--primary a[href$="latency/"]').first.click()
    page.wait_for_url("**/guide/latency/")
    assert page.evaluate("window.__notReloaded") is True, "the link reloaded the page"
    release_python()
    latency = page.locator('form[data-calculator="chain_latency"]')
    wait_for_state(latency, "ready")
    latency.locator('input[name="hops"]').fill("9")
    wait_for_native(latency)
    assert len([url for url in workers if url.endswith("/python-worker.js")]) == 1
    assert console_errors == []


def test_permalink_scrolls_to_its_heading(page: Page):
    page.goto("guide/resources/#sidecar-memory")
    heading = page.locator("#sidecar-memory")
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    assert box["y"] < page.viewport_size["height"] / 2


# Records the colour scheme the page has once it is parsed, before the
# theme's bundle sets up its palette (on DOMContentLoaded): what
# material-init.js's palette step applied.
RECORD_SCHEME_BEFORE_THEME = """
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") {
    window.__schemeBeforeTheme = document.body.getAttribute("data-md-color-scheme");
  }
});
"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_readers_colour_choice_is_applied_before_first_paint(new_context, system):
    """The palette toggle cycles system -> light -> dark -> system; the next
    page shows the choice from its first paint (no flash of the other scheme)."""
    context = new_context(color_scheme=system)
    page = context.new_page()
    page.add_init_script(RECORD_SCHEME_BEFORE_THEME)
    page.goto("")
    toggle = page.locator('form[data-md-component="palette"] label:not([hidden])')
    for choice, scheme in (("light", "default"), ("dark", "slate"), ("system", "slate" if system == "dark" else "default")):
        toggle.click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
        page.goto("sources/")
        assert page.evaluate("window.__schemeBeforeTheme") == scheme, choice
        page.goto("")
    context.close()
