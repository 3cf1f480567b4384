"""Reading the guide in Chromium: landing page, instant navigation, permalinks."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_landing_page_renders(page: Page, console_errors):
    page.goto("")
    expect(page).to_have_title("The Sidecar Tax")
    expect(page.locator("article h1")).to_be_visible()
    expect(page.locator('article a[href*="guide/resources/"]').first).to_be_visible()
    assert console_errors == []


def test_instant_navigation_reaches_every_guide_page(page: Page, console_errors):
    page.goto("")
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
