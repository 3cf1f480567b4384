"""Every page of the site as ``make build`` makes it, read once for all the
checks each page needs.

One tab walks the sitemap, the 404 page and a moved page, under the strict
Content-Security-Policy the session's build is served with (tests/conftest.py),
as a reader would: it scrolls each page to the end, uses its calculators
(which starts Python; but the blocks the per-calculator tests already run
live) and finally searches, with Material's real search worker. On each page,
before the calculators are used, it runs:

- axe-core in the light and in the dark scheme (the palette follows the
  system's preference, emulated here; pages load in each scheme in turn and
  must show it from the first paint): no serious or critical finding;
- a phone's width, 390 px (WCAG reflow): wide tables scroll in their own
  box, the page itself never scrolls sideways;
- Material's moved scripts (``assets/site/material-init.js``) ran.

Throughout, no request may go to another host and no policy violation may
happen, in a page or a worker. Each check is its own test below, so a failure
names what broke; the walk itself runs once per session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page

from tests.conftest import without_search_index
from tests.e2e.forms import FIRST_BLOCKS
from tests.e2e.strict import record_violations, report_file_size, violations
from tests.e2e.test_accessibility import SCHEMES, preferred_scheme, serious_in_both_schemes, wider_than_a_phone
from tests.e2e.test_third_party import guard_hosts, origin, visit_everything

pytestmark = pytest.mark.e2e


@dataclass
class Findings:
    """What the walk found, check by check; every list must stay empty."""

    axe: list[str] = field(default_factory=list)
    scheme_at_first_paint: list[str] = field(default_factory=list)
    wider_than_a_phone: list[str] = field(default_factory=list)
    theme_scripts_missing: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)


@pytest.fixture(scope="module")
def walked(browser, default_site):
    context = without_search_index(browser.new_context(base_url=default_site.url))
    try:
        yield walk(context.new_page(), default_site)
    finally:
        context.close()


def walk(page: Page, default_site) -> Findings:
    """The walk itself, in ``page``: what it found, check by check."""
    found = Findings()
    since = report_file_size(default_site.reports)
    seen = record_violations(page)
    found.other_hosts = guard_hosts(page, origin(default_site.url))
    page.emulate_media(color_scheme="light")  # the first page loads light, the next dark, and so on

    def each_page(page: Page) -> None:
        loaded_in = preferred_scheme(page)
        if page.evaluate("document.body.dataset.mdColorScheme") != SCHEMES[loaded_in]:
            found.scheme_at_first_paint.append(f"{page.url} ({loaded_in})")
        if page.evaluate("typeof __md_get") != "function":
            found.theme_scripts_missing.append(page.url)
        if wider := wider_than_a_phone(page):
            found.wider_than_a_phone.append(wider)
        found.axe += serious_in_both_schemes(page, page.url)  # so the next page loads in the other scheme

    visit_everything(page, default_site.url, default_site.site, each_page=each_page, live_elsewhere=FIRST_BLOCKS)
    found.violations = violations(seen, default_site.reports, since)
    return found


def test_axe_finds_nothing_serious_on_any_page(walked):
    assert walked.axe == [], "\n".join(walked.axe)


def test_every_page_shows_the_systems_colour_scheme_from_its_first_paint(walked):
    assert walked.scheme_at_first_paint == []


def test_every_page_fits_a_phone_without_sideways_scrolling(walked):
    assert walked.wider_than_a_phone == []


def test_every_page_works_under_the_strict_policy_and_asks_no_other_host(walked):
    """No violation, Material's moved scripts ran, and no request went to another host."""
    assert walked.violations == []
    assert walked.theme_scripts_missing == []
    assert walked.other_hosts == []
