"""The site behind nginx with the shipped ``deploy/nginx.conf``, as deployed.

nginx runs in the foreground on a free loopback port with the shipped file
(only ``listen``, ``root`` and, under a sub-path, ``error_page`` replaced,
and a ``report-uri`` added to its policy so violations in workers are
heard), once with the site at the server's root and once under a sub-path.
The site is built for that address (instant navigation needs site_url's
port and path). Checked: the types,
caching and compression nginx sends, every page served under the shipped
policy, then a representative run of the
end-to-end tests (URL state, Python start, native results, instant
navigation with one runtime, a moved page) under the policy nginx sends.
``make test`` installs nginx from Debian when it is missing.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import StaticServer, build_site, runtime_config
from tests.e2e.strict import (
    REPORT_PATH,
    expect_native,
    expect_state,
    instant_navigation_keeps_one_python,
    sitemap_pages,
    watch_violations,
)
from tests.support.nginx import NginxServer, fetch, nginx_binary, page_text, shipped_policy

pytestmark = pytest.mark.e2e

YEAR = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module", params=["", "sidecar-tax/"], ids=["at-root", "at-sub-path"])
def nginx_site(request, tmp_path_factory):
    """The site at the server's root, and under a sub-path as the README's
    example deploys it (SITE_URL=.../sidecar-tax/, root on the parent folder)."""
    assert nginx_binary(), "nginx is not installed: `make test` installs it (apt-get install nginx)"
    prefix = request.param
    work = tmp_path_factory.mktemp("nginx")
    collector = StaticServer(work / "empty", "--reports", str(work / "reports.jsonl"))
    server = NginxServer(work / "nginx")
    site = work / "root" / prefix
    result = build_site(site, SITE_URL=server.url + prefix)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    server.start(work / "root", prefix=prefix, report_uri=collector.url.rstrip("/") + REPORT_PATH)
    yield SimpleNamespace(url=server.url + prefix, site=site, reports=work / "reports.jsonl", server=server)
    server.stop()
    collector.stop()


@pytest.fixture
def violations(nginx_site, page: Page):
    yield from watch_violations(page, nginx_site.reports)


def runtime_files(nginx_site) -> dict[str, str]:
    """Paths of the versioned and hashed runtime files, from the built config.js."""
    config = runtime_config(nginx_site.site)
    index, package = config["pyodideIndexURL"], config["packageURL"]
    return {
        "wasm": f"assets/calculators/{index}pyodide.asm.wasm",
        "mjs": f"assets/calculators/{index}pyodide.mjs",
        "stdlib": f"assets/calculators/{index}python_stdlib.zip",
        "package": f"assets/calculators/{package}",
    }


def test_nginx_sends_types_caching_compression_and_the_policy(nginx_site):
    files = runtime_files(nginx_site)
    bundle = next((nginx_site.site / "assets/javascripts").glob("bundle.*.min.js")).name
    search_worker = next((nginx_site.site / "assets/javascripts/workers").glob("search.*.min.js")).name
    expected = [
        # path, Content-Type, Cache-Control, gzipped
        ("", "text/html", "public, max-age=300", True),
        ("guide/resources/", "text/html", "public, max-age=300", True),
        (files["wasm"], "application/wasm", YEAR, True),
        (files["mjs"], "text/javascript", YEAR, True),
        (files["stdlib"], "application/zip", YEAR, False),
        (files["package"], "application/zip", YEAR, False),
        (f"assets/javascripts/{bundle}", "text/javascript", YEAR, True),
        ("assets/calculators/python-worker.js", "text/javascript", "no-cache", True),
        (f"assets/javascripts/workers/{search_worker}", "text/javascript", YEAR, True),
        ("assets/site/material-init.js", "text/javascript", "public, max-age=300", True),
        ("assets/calculators/config.js", "text/javascript", "no-cache", None),
        ("assets/calculators/calculators.css", "text/css", "no-cache", None),
    ]
    problems = []
    for path, content_type, cache, gzipped in expected:
        response = fetch(nginx_site.url + path)
        headers = response.headers
        got = (response.status, headers.get_content_type(), headers.get("Cache-Control"))
        if got != (200, content_type, cache):
            problems.append(f"{path}: got {got}, want {(200, content_type, cache)}")
        if not headers.get("Content-Security-Policy", "").startswith(shipped_policy()):
            problems.append(f"{path}: Content-Security-Policy {headers.get('Content-Security-Policy')}")
        if headers.get("X-Content-Type-Options") != "nosniff":
            problems.append(f"{path}: no X-Content-Type-Options: nosniff")
        if gzipped is not None and (headers.get("Content-Encoding") == "gzip") != gzipped:
            problems.append(f"{path}: Content-Encoding {headers.get('Content-Encoding')}, gzip expected: {gzipped}")
    for shipped in (nginx_site.site / "assets/calculators/python").iterdir():  # all named by content hash
        cache = fetch(nginx_site.url + f"assets/calculators/python/{shipped.name}", "HEAD").headers.get("Cache-Control")
        if cache != YEAR:
            problems.append(f"{shipped.name}: Cache-Control {cache}")
    missing = fetch(nginx_site.url + "no/such/page/")
    if missing.status != 404 or missing.headers.get("Cache-Control") or "Content-Security-Policy" not in missing.headers:
        problems.append(f"a missing page: {missing.status}, {dict(missing.headers)}")
    elif "md-content" not in page_text(missing):
        problems.append("a missing page does not get the site's own 404 page")
    assert problems == []


def test_url_state_gives_native_results_under_nginx(nginx_site, page: Page, violations):
    page.goto(nginx_site.url + "guide/resources/?sidecar_ram.pods=250&sidecar_ram.sidecar_mib=90#sidecar-memory")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    expect(form.locator('input[name="pods"]')).to_have_value("250")
    expect_state(form, "ready")
    expect_native(form)
    form.locator('input[name="sidecar_vcpu"]').fill("0.25")
    expect_native(form)


def test_instant_navigation_reuses_the_worker_under_nginx(nginx_site, page: Page, violations):
    instant_navigation_keeps_one_python(page, nginx_site.url)


def test_every_page_and_a_moved_one_load_under_nginx(nginx_site, page: Page, violations):
    """nginx serves every page, with the shipped policy; how pages render
    under that same policy is test_every_page.py's walk, so they are not drawn again here."""
    problems = []
    for url in sitemap_pages(nginx_site.url, nginx_site.site):
        response = fetch(url)
        policy = response.headers.get("Content-Security-Policy", "")
        if response.status != 200 or not policy.startswith(shipped_policy()) or "<h1" not in page_text(response):
            problems.append(f"{url}: {response.status}, policy {policy!r}")
    assert problems == []
    page.goto(nginx_site.url + "guide/latency-amplification/?chain_latency.hops=8#chain-latency")
    page.wait_for_url("**/guide/latency/?chain_latency.hops=8#chain-latency")
    form = page.locator('form[data-calculator="chain_latency"]')
    expect_state(form, "ready")
    expect_native(form)
