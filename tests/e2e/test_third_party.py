"""No request leaves the site, except to the Pyodide CDN when the site uses it.

Every page (from the built sitemap, plus the 404 page and a moved page) is
opened, scrolled to the end, its calculators used (which starts Python),
and the search run. Every request of the tab, its workers included, goes
through a route that lets the site's own host through and aborts and
records any other, so nothing ever reaches the network.

- self-hosted: no other host at all (in ``test_every_page.py``, in the
  same walk as the strict policy);
- CDN (``PYODIDE_SOURCE=cdn``, a second build, about a second): every file
  is the self-hosted build's but for ``config.js``, which names the CDN as
  Pyodide's home, so that walk holds for each of its pages too; on two of
  its calculator pages the CDN's host is the only other one asked, and under
  the strict Content-Security-Policy with that host added, Python starts
  from it (its files answered from the pinned copy, the same bytes as the
  CDN's) without a violation.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Collection
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from sitebuild.options import RuntimeOptions
from tests.conftest import SEARCH_WORKER, StaticServer, let_real_search_in, runtime_config
from tests.e2e.forms import record_console_errors
from tests.e2e.strict import (
    REPORT_PATH,
    assert_no_violations,
    expect_native,
    expect_state,
    record_violations,
    sitemap_pages,
    strict_policy,
)

pytestmark = pytest.mark.e2e


def test_a_tests_pages_build_no_search_index(page: Page):
    """tests/conftest.py gives Material's search worker a stand-in that does
    nothing (the walks below let the real one in before they search): the
    worker the theme starts is still found by its name, and none runs."""
    page.goto("")
    quieted = page.wait_for_function("() => self.__stQuietedSearch").json_value()
    assert SEARCH_WORKER.search(urlsplit(quieted).path), quieted
    page.wait_for_load_state("networkidle")
    assert [worker.url for worker in page.workers if SEARCH_WORKER.search(urlsplit(worker.url).path)] == []


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def guard_hosts(page: Page, own: str, answer=None) -> list[str]:
    """Let the site's own origin through; abort (or ``answer``) and record any other."""
    foreign: list[str] = []

    def route(route: Route) -> None:
        url = route.request.url
        if origin(url) == own:
            route.fallback()
            return
        foreign.append(url)
        if answer is not None and answer(route):
            return
        route.abort("blockedbyclient")

    page.context.route("**/*", route)
    return foreign


def material_search(page: Page) -> None:
    page.locator("input.md-search__input").click()
    page.keyboard.type("sidecar")  # Material searches as keys come up
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)


def visit_everything(page: Page, base_url: str, site: Path, *, search=material_search,
                     each_page=lambda page: None, live_elsewhere: Collection[tuple[str, str]] = ()) -> None:
    """What a reader does on the whole site; ``each_page`` checks each page once it shows.

    ``live_elsewhere`` holds (page, calculator) pairs whose first block on
    that page other tests of this build already run live (``FIRST_BLOCKS``):
    the walk leaves those blocks alone, as each costs a Python start. The
    search runs with Material's real search worker, whatever the pages before
    it had (``without_search_index`` in tests/conftest.py), and logs no error.
    """
    page.goto(base_url + "guide/resource-tax/")  # a moved page forwards to its new address
    page.wait_for_url("**/guide/resources/")
    for url in [*sitemap_pages(base_url, site), base_url + "404.html"]:
        page.goto(url)
        expect(page.locator("article h1").first).to_be_visible()
        each_page(page)
        page.mouse.wheel(0, 20_000)
        path, used = url.removeprefix(base_url), set()
        for form in page.locator("form[data-calculator]").all():
            name = form.get_attribute("data-calculator")
            first_of_its_kind = name not in used
            used.add(name)
            if first_of_its_kind and (path, name) in live_elsewhere:
                continue
            form.locator("input[name]").first.fill("3")
            expect_state(form, "ready")
            expect_native(form)
        page.wait_for_load_state("networkidle")
    let_real_search_in(page.context)
    errors = record_console_errors(page)
    page.goto(base_url)
    search(page)
    assert errors == [], f"console errors while searching: {errors}"


@pytest.fixture(scope="module")
def cdn_site(site_builds):
    built = site_builds.get("cdn", PYODIDE_SOURCE="cdn")
    cdn = runtime_config(built.site)["pyodideIndexURL"]
    assert cdn.startswith("https://"), f"a CDN build loads Pyodide from {cdn}"
    assert not (built.site / "assets/calculators/pyodide").exists(), "a CDN build ships no Pyodide"
    return SimpleNamespace(url=built.url, site=built.site, cdn=cdn)


def as_served(file: Path, site_url: str) -> bytes:
    """A built file's content with its build's own address and the sitemap's
    build dates taken out (a ``.gz`` inflated first): what two builds served
    at two ports share, even when they straddle midnight."""
    content = file.read_bytes()
    if file.suffix == ".gz":
        content = gzip.decompress(content)
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"<lastmod/>", content.replace(site_url.encode(), b"{site_url}"))


def same_file(name: str, one, other) -> bool:
    """The file ``name`` of two builds (each with its ``site`` folder and
    ``url``) is the same once served. A memory snapshot is the same by its
    name, which is its cache key (Pyodide, calculators, script): its bytes
    are a copy from ``.cache/``, made again only if the cache dropped it
    between the two builds."""
    if (one.site / name).read_bytes() == (other.site / name).read_bytes() or "/snapshot-" in name:
        return True
    return as_served(one.site / name, one.url) == as_served(other.site / name, other.url)


def test_a_cdn_build_is_the_self_hosted_build_but_for_where_pyodide_comes_from(cdn_site, default_site):
    """Byte for byte, once each build's own address is taken out, but for
    config.js and the self-hosted copy of Pyodide: so the walk over every page
    of the self-hosted build (test_every_page.py: no other host, the strict
    policy, the search) holds for every page of the CDN build, and what the
    CDN build adds is the test below's."""

    def files(site: Path) -> set[str]:
        return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}

    own_pyodide = "assets/calculators/pyodide/"
    assert files(cdn_site.site) == {name for name in files(default_site.site) if not name.startswith(own_pyodide)}
    differing = sorted(name for name in files(cdn_site.site) if not same_file(name, cdn_site, default_site))
    assert differing == ["assets/calculators/config.js"]
    cdn_config, own_config = (runtime_config(site) for site in (cdn_site.site, default_site.site))
    assert cdn_config.pop("pyodideIndexURL") == RuntimeOptions().pyodide_cdn_url
    own_config.pop("pyodideIndexURL")
    assert cdn_config == own_config


def test_cdn_site_asks_only_the_cdn_and_runs_under_the_strict_policy_with_it_added(page: Page, cdn_site, built_site,
                                                                                  tmp_path):
    """On two calculator pages (every page shares the runtime that reads
    config.js), the only other host asked is the CDN, for Pyodide; the
    policy of deploy/nginx.conf plus the CDN origin in script-src and
    connect-src is enough: Pyodide imports from the CDN, compiles and runs."""
    pinned = built_site / "assets/calculators" / runtime_config(built_site)["pyodideIndexURL"]
    policy = strict_policy(origin(cdn_site.cdn), report_uri=REPORT_PATH)
    reports = tmp_path / "reports.jsonl"
    server = StaticServer(cdn_site.site, "--header", f"Content-Security-Policy: {policy}", "--reports", str(reports))

    def from_pinned_copy(route: Route) -> bool:
        name = route.request.url.removeprefix(cdn_site.cdn).split("?")[0]
        if "/" in name or not (pinned / name).is_file():
            return False
        content_type = {"mjs": "text/javascript", "wasm": "application/wasm", "json": "application/json"}
        route.fulfill(
            path=pinned / name,
            content_type=content_type.get(name.rsplit(".", 1)[-1], "application/zip"),
            headers={"Access-Control-Allow-Origin": "*"},  # as the CDN sends: the worker imports across origins
        )
        return True

    try:
        seen = record_violations(page)
        foreign = guard_hosts(page, origin(server.url), answer=from_pinned_copy)
        for path, name in (("guide/resources/", "sidecar_ram"), ("guide/latency/", "chain_latency")):
            page.goto(server.url + path)
            form = page.locator(f'form[data-calculator="{name}"]')
            form.locator("input[name]").first.fill("4")
            expect_state(form, "ready")
            expect_native(form)
        assert all(url.startswith(cdn_site.cdn) for url in foreign), foreign  # the CDN's Pyodide folder only
        assert any(url.endswith("pyodide.mjs") for url in foreign), "the calculators never asked the CDN for Pyodide"
        assert_no_violations(seen, reports)
    finally:
        server.stop()
