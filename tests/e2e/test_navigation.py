"""Reading the guide in Chromium: landing page, instant navigation, permalinks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import wait_for_instant_navigation

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


def test_permalink_scrolls_to_its_heading(page: Page):
    page.goto("guide/resources/#sidecar-memory")
    heading = page.locator("#sidecar-memory")
    expect(heading).to_be_in_viewport()
    box = heading.bounding_box()
    assert box["y"] < page.viewport_size["height"] / 2


# Records the colour scheme the page has once it is parsed, before the
# deferred theme bundle runs: what material-init.js's palette step applied.
RECORD_SCHEME_BEFORE_THEME = """
document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") {
    window.__schemeBeforeTheme = document.body.getAttribute("data-md-color-scheme");
  }
});
"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_readers_colour_choice_is_applied_before_first_paint(browser, base_url, system):
    """The palette toggle cycles system -> light -> dark -> system; the next
    page shows the choice from its first paint (no flash of the other scheme)."""
    context = browser.new_context(base_url=base_url, color_scheme=system)
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
