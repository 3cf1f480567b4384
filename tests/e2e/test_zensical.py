"""The site built by Zensical (``make build-zensical``), read as a reader does.

The browser tests that matter most, against the second engine's build,
served under the strict Content-Security-Policy of ``deploy/nginx.conf``
(any violation, in a page or a worker, fails the test): results at first
paint, live recompute, URL state, Copy for ADR, a moved page's redirect,
instant navigation with one Python per tab, no request to another host, and
no page wider than a phone.
The site tests (tests/site/) read this build's HTML too: links, stable
anchors, no inline script.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.forms import FIRST_BLOCKS, PAGES, another_valid_value, assert_shows_native
from tests.e2e.strict import (
    expect_native,
    expect_state,
    filled_in_block_copies_for_adr,
    instant_navigation_keeps_one_python,
    moved_page_forwards_query_and_anchor,
    watch_violations,
)
from tests.e2e.test_accessibility import wider_than_a_phone
from tests.e2e.test_third_party import guard_hosts, origin, visit_everything

pytestmark = pytest.mark.e2e


@pytest.fixture
def violations(zensical_site, page: Page):
    yield from watch_violations(page, zensical_site.reports)


def open_calculator(page: Page, site, name: str, query: str = ""):
    page.goto(site.url + PAGES[name] + query)
    return page.locator(f'form[data-calculator="{name}"]').first


@pytest.mark.parametrize("name", PAGES)
def test_results_are_there_at_first_paint_without_javascript(browser, zensical_site, name):
    context = browser.new_context(java_script_enabled=False)
    form = open_calculator(context.new_page(), zensical_site, name)
    assert form.get_attribute("data-state") == "static"
    assert_shows_native(form)
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_every_input_recomputes_live(page: Page, zensical_site, violations, name):
    form = open_calculator(page, zensical_site, name)
    form.locator("[name]").first.focus()
    expect_state(form, "ready")
    for field in form.locator("input[name], select[name]").all():
        value = another_valid_value(field)
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
        expect_native(form)


def test_a_link_with_inputs_fills_the_form_and_copies_for_an_adr(page: Page, zensical_site, violations):
    form = open_calculator(page, zensical_site, "sidecar_ram", "?sidecar_ram.pods=250&sidecar_ram.sidecar_mib=90#sidecar-memory")
    record = filled_in_block_copies_for_adr(form, {"pods": "250", "sidecar_mib": "90"})
    for output in form.locator("output").all():
        assert f"| {output.inner_text().strip()} |" in record
    assert "sidecar_ram.pods=250" in record and "#sidecar-memory" in record


def test_a_moved_page_forwards_its_query_and_anchor(page: Page, zensical_site, violations):
    moved_page_forwards_query_and_anchor(page, zensical_site.url)


def test_instant_navigation_keeps_one_python_for_the_tab(page: Page, zensical_site, violations):
    instant_navigation_keeps_one_python(page, zensical_site.url)


def zensical_search(page: Page) -> None:
    """Zensical's search dialog (in a shadow root, which locators pierce)."""
    page.locator(".md-search__button").click()
    page.keyboard.type("sidecar")
    expect(page.locator('dialog a[href*="?h=sidecar"]').first).to_be_visible(timeout=15_000)


def test_nothing_is_requested_from_another_host_and_every_page_fits_a_phone(page: Page, zensical_site):
    """Every page read and its calculators used, then a search: no request
    to another host; and at a phone's width no page scrolls sideways."""
    foreign = guard_hosts(page, origin(zensical_site.url))
    wider: list[str] = []
    visit_everything(page, zensical_site.url, zensical_site.site, search=zensical_search, live_elsewhere=FIRST_BLOCKS,
                     each_page=lambda page: wider.append(wider_than_a_phone(page)))
    assert (foreign, [page for page in wider if page]) == ([], [])
