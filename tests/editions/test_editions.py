"""Editions as a reader meets them: two editions published from two commits
(conftest.py), served from the editions branch under the shipped policy,
and the branch behind nginx (the end of this file, in the same file so that
one pytest-xdist worker publishes the editions once for both)."""

from __future__ import annotations

import json
import subprocess
import time
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import without_search_index
from tests.e2e.forms import wait_for_instant_navigation
from tests.e2e.strict import expect_state, record_violations
from tests.e2e.test_accessibility import serious
from tests.editions.conftest import FILLED, NEWER, OLDER
from tests.site.test_strict_csp import Refused
from tests.support.nginx import NginxServer, fetch, nginx_binary, shipped_policy

pytestmark = pytest.mark.e2e

QUERY = "?" + "&".join(f"sidecar_ram.{name}={value}" for name, value in FILLED.items())
SECTION = f"guide/resources/{QUERY}#sidecar-memory"


def on_branch(editions, path: str) -> bytes | None:
    shown = subprocess.run(["git", "show", f"editions:{path}"], cwd=editions.clone, capture_output=True)
    return shown.stdout if shown.returncode == 0 else None


def expect_outputs(form, outputs: dict) -> None:
    for name, output in outputs.items():
        expect(form.locator(f'output[name="{name}"]')).to_have_text(output["text"], timeout=60_000)


def test_versions_json_lists_both_editions_and_latest_is_the_newer(editions):
    versions = json.loads(urlopen(editions.url + "versions.json").read())
    assert {entry["version"]: entry["aliases"] for entry in versions} == {NEWER: ["latest"], OLDER: []}


def test_no_inline_script_anywhere_on_the_branch(editions):
    names = subprocess.run(["git", "ls-tree", "-r", "--name-only", "editions"], cwd=editions.clone,
                           check=True, capture_output=True, text=True).stdout.split()
    pages = [name for name in names if name.endswith(".html")]
    problems = []
    for name in pages:
        parser = Refused()
        parser.feed(on_branch(editions, name).decode("utf-8"))
        problems += [f"{name}: {found}" for found in parser.found]
    assert "index.html" in pages and len(pages) >= 3 * 15  # the root, two editions and latest
    assert problems == [], "\n".join(problems)


def test_the_root_opens_the_latest_edition(page: Page, editions):
    page.goto(editions.url)
    page.wait_for_url(f"{editions.url}latest/")
    expect(page.locator("[data-md-component=outdated]")).to_be_hidden()


def test_an_older_edition_links_to_the_same_section_in_latest_with_its_state(page: Page, editions, console_errors):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    violations = record_violations(page)
    page.goto(f"{OLDER}/{SECTION}")
    banner = page.locator("[data-md-component=outdated]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(f"edition of {OLDER}")
    expect(banner).to_contain_text(f"A newer edition, {NEWER}, exists.")
    link = banner.locator("[data-edition-latest]")
    expect(link).to_have_attribute("href", f"{editions.url}latest/{SECTION}")
    link.click()
    page.wait_for_url(f"{editions.url}latest/{SECTION}")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    for name, value in FILLED.items():
        expect(form.locator(f'input[name="{name}"]')).to_have_value(value)
    expect(page.locator("[data-md-component=outdated]")).to_be_hidden()
    assert {urlsplit(url).netloc for url in requests} == {urlsplit(editions.url).netloc}
    assert violations == [] and console_errors == []


def test_after_instant_navigation_the_banner_links_to_the_new_page(page: Page, editions, console_errors):
    page.goto(f"{OLDER}/guide/resources/")
    expect(page.locator("[data-edition-latest]")).to_have_attribute("href", f"{editions.url}latest/guide/resources/")
    wait_for_instant_navigation(page)
    page.evaluate("window.__notReloaded = true")
    page.locator('nav.md-nav--primary a.md-nav__link[href$="guide/latency/"]').first.click()
    page.wait_for_url(f"**/{OLDER}/guide/latency/")
    expect(page.locator("[data-md-component=outdated]")).to_be_visible()
    expect(page.locator("[data-edition-latest]")).to_have_attribute("href", f"{editions.url}latest/guide/latency/")
    assert page.evaluate("window.__notReloaded") is True, "the link reloaded the page: not an instant navigation"
    assert console_errors == []


def test_a_filled_in_calculator_on_the_older_edition_computes_with_that_editions_code(page: Page, editions, console_errors):
    page.goto(f"{OLDER}/{SECTION}")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    form.locator('input[name="pods"]').focus()
    expect_state(form, "ready")
    expect_outputs(form, editions.expected[OLDER])
    assert console_errors == []


def test_copy_link_and_copy_for_adr_give_the_pinned_link_next_to_the_living_one(page: Page, editions):
    """On the page's defaults, whose results the build wrote: no need to wait for Python."""
    page.goto(f"{OLDER}/guide/resources/")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    form.locator('[data-action="copy-link"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    pinned, living = page.evaluate("navigator.clipboard.readText()").splitlines()
    assert pinned.startswith(f"Edition {OLDER}: {editions.url}{OLDER}/guide/resources/?")
    assert living.startswith(f"Latest edition: {editions.url}latest/guide/resources/?")
    for line in (pinned, living):
        assert "sidecar_ram.pods=100" in line and line.endswith("#sidecar-memory")
    form.locator('[data-action="copy-adr"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    record = page.evaluate("navigator.clipboard.readText()")
    assert f"Link (edition {OLDER}, as read): <{editions.url}{OLDER}/guide/resources/?" in record
    assert f"Latest edition: <{editions.url}latest/guide/resources/?" in record


def test_the_latest_copy_pins_links_to_the_newest_edition(page: Page, editions):
    page.goto(f"latest/{SECTION}")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    form.locator('[data-action="copy-link"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()").startswith(f"Edition {NEWER}: {editions.url}{NEWER}/guide/")


def test_the_version_selector_lists_the_editions_by_date(page: Page, editions):
    page.goto(f"{OLDER}/")
    links = page.locator(".md-version__list .md-version__link")
    expect(links).to_have_count(2)
    assert [text.split()[0] for text in links.all_inner_texts()] == [NEWER, OLDER]


def test_what_changed_names_the_changed_default_and_says_where_a_register_is_missing(page: Page, editions):
    page.goto("latest/changes/")
    article = page.locator("article")
    expect(article).to_contain_text("Sidecar memory is now counted in GB")
    expect(article).to_contain_text("sidecar_ram.inputs.pods.default: 100 → 120")
    expect(article).to_contain_text("The calculators' code changed")
    if on_branch(editions, f"{NEWER}/figures.json") is None:
        expect(article).to_contain_text("No register of figures in this edition.")
    elif on_branch(editions, f"{OLDER}/figures.json") is None:
        expect(article).to_contain_text(f"No register in the previous edition ({OLDER})")
    else:
        expect(article).to_contain_text("No figure was added, changed or removed.")
    page.goto(f"{OLDER}/changes/")
    expect(page.locator("article")).to_contain_text("This is the first edition")


def test_the_banner_shim_fails_loudly_when_the_themes_banner_is_gone(page: Page, editions, console_errors):
    """As after a theme upgrade that drops the outdated component."""

    def without_banner(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('data-md-component="outdated"', ""))

    page.route(f"{editions.url}{OLDER}/guide/resources/", without_banner)
    page.goto(f"{OLDER}/guide/resources/")
    expect(page.locator('form[data-calculator="sidecar_ram"]')).to_be_visible()
    loud = lambda: any("the theme's outdated banner changed" in error for error in console_errors)  # noqa: E731
    deadline = time.monotonic() + 10  # the shim reads versions.json first
    while not loud() and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert loud(), console_errors


def test_axe_finds_nothing_serious_in_the_banner_or_what_changed(browser, editions):
    """axe injects its script, which the served policy would refuse: bypassed
    here only. One colour scheme: the theme draws the banner in its default
    scheme whatever the reader's, and tests/e2e/test_every_page.py checks
    the pages' typography in both."""
    context = without_search_index(browser.new_context(base_url=editions.url, bypass_csp=True))
    page = context.new_page()
    problems = []
    for url in (f"{OLDER}/guide/resources/", f"{OLDER}/changes/", "latest/changes/"):
        page.goto(url)
        if url.startswith(OLDER):
            expect(page.locator("[data-md-component=outdated]")).to_be_visible()
        problems += serious(page, url)
    context.close()
    assert problems == [], "\n".join(problems)


# -- behind nginx ------------------------------------------------------------
# The editions branch published as deploy/README.md says: its files copied
# under a sub-path, behind nginx with deploy/nginx.conf (``root`` on the
# folder above, ``error_page`` on latest's 404 page). The editions were built
# for the test server's address, so only what does not depend on SITE_URL is
# checked here: the root page, the banner's link, types, caching, the policy.

PREFIX = "sidecar-tax/"


@pytest.fixture(scope="module")
def published(editions, tmp_path_factory):
    assert nginx_binary(), "nginx is not installed: `make test` installs it (apt-get install nginx)"
    work = tmp_path_factory.mktemp("editions-nginx")
    target = work / "root" / PREFIX
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "editions"], cwd=editions.clone, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    server = NginxServer(work / "nginx")
    server.start(work / "root", prefix=f"{PREFIX}latest/")
    yield server.url + PREFIX
    server.stop()


def headers(url: str):
    response = fetch(url)
    return response.status, response.headers


def test_nginx_serves_the_editions_with_the_policy_and_revalidates_versions_json(published):
    status, sent = headers(published + "versions.json")
    assert status == 200 and sent["Cache-Control"] == "no-cache"
    assert sent["Content-Security-Policy"] == shipped_policy()
    status, sent = headers(published + f"{OLDER}/assets/calculators/editions.js")
    assert status == 200 and sent["Content-Type"].startswith("text/javascript")
    status, _ = headers(published + f"{OLDER}/no-such-page/")
    assert status == 404


def test_under_a_sub_path_the_root_opens_latest_and_the_banner_keeps_the_section(page: Page, published, console_errors):
    violations = record_violations(page)
    missing = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.goto(published)
    page.wait_for_url(f"{published}latest/")
    section = "guide/resources/?sidecar_ram.pods=250#sidecar-memory"
    page.goto(f"{published}{OLDER}/{section}")
    banner = page.locator("[data-md-component=outdated]")
    expect(banner).to_contain_text(f"A newer edition, {NEWER}, exists.")
    banner.locator("[data-edition-latest]").click()
    page.wait_for_url(f"{published}latest/{section}")
    expect(page.locator('form[data-calculator="sidecar_ram"] input[name="pods"]')).to_have_value("250")
    assert missing == [] and violations == [] and console_errors == []
