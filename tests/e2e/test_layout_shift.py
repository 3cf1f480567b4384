"""Calculators never move the page (issue 27): no layout shift as a page
loads and as its forms go from static to loading to ready or error.

Shifts are read as browsers count them for CLS: the Layout Instability
API's ``layout-shift`` entries, without those that follow the reader's own
input within 500 ms (``hadRecentInput``). Every state's words must fit the
room the form keeps for them, on a phone and on a desktop.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import PAGES, open_form, wait_for_state

pytestmark = pytest.mark.e2e

VIEWPORTS = {"phone": {"width": 390, "height": 800}, "desktop": {"width": 1280, "height": 800}}
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const moved = entry.sources.map((source) => source.node?.nodeName + '.' + (source.node?.className || ''));
    window.__shifts.push({ value: entry.value, moved });
  }
}).observe({ type: 'layout-shift', buffered: true });
"""


def shifts(page: Page) -> list[dict]:
    """The shifts so far, once the browser has reported what it painted."""
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    return page.evaluate("window.__shifts")


@pytest.fixture(params=VIEWPORTS)
def sized_page(request, new_context):
    context = new_context(viewport=VIEWPORTS[request.param])
    context.add_init_script(RECORD_SHIFTS)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", sorted(set(PAGES.values())))
def test_a_calculator_page_loads_without_layout_shift(sized_page: Page, name):
    sized_page.goto(name)
    sized_page.wait_for_load_state("networkidle")
    assert shifts(sized_page) == []


def test_starting_python_moves_nothing(sized_page: Page):
    form = open_form(sized_page, "sidecar_ram")
    form.scroll_into_view_if_needed()
    form.locator(".st-calc__title").hover()  # pointer intent: no input, so every shift counts
    wait_for_state(form, "ready")
    assert shifts(sized_page) == []


def test_python_failing_to_start_moves_nothing(sized_page: Page):
    sized_page.route("**/pyodide/**", lambda route: route.abort())
    form = open_form(sized_page, "sidecar_ram")
    form.scroll_into_view_if_needed()
    form.locator(".st-calc__title").hover()
    wait_for_state(form, "error")
    assert shifts(sized_page) == []


def test_every_state_fits_the_room_the_form_keeps(sized_page: Page):
    """Each status the form can show (each state, and each reason Python did not
    start) and each stale note leaves the form the same height."""
    form = open_form(sized_page, "sidecar_ram")
    heights = form.evaluate("""form => {
      const status = form.querySelector('[data-role="status"]');
      const stale = form.querySelector('[data-role="stale"]');
      const retry = form.querySelector('[data-action="retry"]');
      const height = () => form.getBoundingClientRect().height;
      const seen = {static: height()};
      const reasons = Object.keys(status.dataset).filter((key) => key.startsWith('why'));
      for (const state of ['loading', 'ready', 'slow', 'error']) {
        for (const why of state === 'error' ? reasons : ['']) {
          form.dataset.state = state === 'slow' ? 'loading' : state;
          status.textContent = [status.dataset[state], why && status.dataset[why]].filter(Boolean).join(' ');
          retry.hidden = state !== 'error' && state !== 'slow';
          seen[state + (why ? ' ' + why : '')] = height();
        }
      }
      for (const why of ['invalid', 'outdated']) {
        stale.hidden = false;
        stale.textContent = stale.dataset[why];
        seen['stale ' + why] = height();
      }
      return seen;
    }""")
    assert set(heights.values()) == {heights["static"]}, heights
