"""The editions branch published as deploy/README.md says: its files copied
under a sub-path, behind nginx with deploy/nginx.conf (``root`` on the
folder above, ``error_page`` on latest's 404 page). The editions were built
for the test server's address, so only what does not depend on SITE_URL is
checked here: the root page, the banner's link, types, caching, the policy."""

from __future__ import annotations

import subprocess
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.strict import record_violations
from tests.editions.conftest import NEWER, OLDER
from tests.support.nginx import NginxServer, nginx_binary, shipped_policy

pytestmark = pytest.mark.e2e
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
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


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
