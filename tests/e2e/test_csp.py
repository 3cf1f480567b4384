"""The site under the strict Content-Security-Policy of ``deploy/nginx.conf``.

The policy allows no inline script and no eval: ``script-src 'self'
'wasm-unsafe-eval'; worker-src 'self'`` (and ``default-src 'self'``, no
inline styles). The session's builds are served by ``tests/support/serve.py``
with that header on every response (tests/conftest.py), plus a ``report-uri``
whose reports the server keeps: a violation anywhere, a page or a Web
Worker, fails the test it happened in, here and in every other test on
those builds.
The theme's own inline scripts are moved into ``assets/site/material-init.js``
(overrides/partials/javascripts/), the redirect pages' into ``redirect.js``.
Every page is walked under the policy, with the other checks each page needs,
in ``test_every_page.py``.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import StaticServer
from tests.e2e.forms import wait_for_instant_navigation
from tests.e2e.strict import (
    REPORT_PATH,
    expect_native,
    expect_state,
    moved_page_forwards_query_and_anchor,
    read_reports,
    strict_policy,
    watch_violations,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def violations(default_site, page: Page):
    """Every violation seen during the test, in pages and in workers; the test fails on any."""
    yield from watch_violations(page, default_site.reports)


def fill_and_check(form, value: str = "7") -> None:
    expect_state(form, "ready")
    field = form.locator("input[name]").first
    field.fill(value)
    expect_native(form)


def test_instant_navigation_keeps_one_runtime_under_the_strict_policy(default_site, page: Page, violations):
    page.goto(default_site.url)
    wait_for_instant_navigation(page)
    page.evaluate("window.__notReloaded = true")
    for target in ("guide/", "guide/resources/", "guide/debugging/", "guide/latency/"):
        page.evaluate("document.querySelector('article').dataset.left = 'yes'")
        page.locator(f'nav.md-nav--primary a.md-nav__link[href$="{target}"]').first.evaluate("a => a.click()")
        page.wait_for_url(f"**/{target}")
        expect(page.locator("article[data-left]")).to_have_count(0)  # the new page's content is in
        forms = page.locator("form[data-calculator]")
        if forms.count():
            forms.first.locator("input[name]").first.focus()
            fill_and_check(forms.first, "3")
    assert page.evaluate("window.__notReloaded") is True, "instant navigation reloaded a page"


def test_materials_moved_scripts_still_do_their_jobs(default_site, page: Page, violations):
    """With Material's bundle refused, only material-init.js can have done these."""
    page.goto(default_site.url)
    toggle = page.locator("form[data-md-component=palette] label:not([hidden])")
    for _ in range(3):  # automatic -> light -> dark, whatever the start
        if page.evaluate("document.body.dataset.mdColorScheme") == "slate":
            break
        toggle.first.click()
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(default_site.url + "guide/debugging/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the saved palette was not applied"
    second_tab = page.locator(".tabbed-set input[type=radio]").nth(1).get_attribute("id")
    page.goto("about:blank")  # a fresh load, not a jump within the page
    page.goto(default_site.url + f"guide/debugging/#{second_tab}")
    assert page.evaluate("id => document.getElementById(id).checked", second_tab), "the #tab link did not open its tab"
    assert page.evaluate("__md_scope.href") == default_site.url


def test_a_moved_page_forwards_query_and_anchor_under_the_strict_policy(default_site, page: Page, violations):
    moved_page_forwards_query_and_anchor(page, default_site.url)


def test_a_policy_without_wasm_unsafe_eval_is_reported_in_plain_words(default_site, page: Page, tmp_path):
    """The control experiment: the same site, a policy that refuses WebAssembly.
    The violation happens in the worker and reaches the server's report
    file, and the form says plainly why Python cannot run."""
    reports = tmp_path / "reports.jsonl"
    policy = strict_policy(report_uri=REPORT_PATH).replace(" 'wasm-unsafe-eval'", "")
    server = StaticServer(default_site.site, "--header", f"Content-Security-Policy: {policy}", "--reports", str(reports))
    try:
        page.goto(server.url + "guide/latency/")
        form = page.locator('form[data-calculator="chain_latency"]')
        prerendered = form.locator("output").all_text_contents()
        form.locator("input[name]").first.focus()
        expect_state(form, "error")
        expect(form.locator('[data-role="status"]')).to_contain_text("Content-Security-Policy")
        expect(form.locator('[data-action="retry"]')).to_be_visible()
        assert form.locator("output").all_text_contents() == prerendered
        deadline = time.monotonic() + 5
        while not read_reports(reports) and time.monotonic() < deadline:
            time.sleep(0.1)
        blocked = [report["csp-report"] for report in read_reports(reports)]
        assert any(report["document-uri"].endswith("/python-worker.js") for report in blocked), blocked
    finally:
        server.stop()
