"""Starting Python from the build's memory snapshot, and every way back to the
normal start (issue 8).

The worker tells the page how it started: ``<html data-runtime-start>`` is
``snapshot`` or ``normal``. Whatever happens to the snapshot, the reader gets
the same results (native Python's), and a broken or mismatched snapshot is
reported once with ``console.warn``, never as a console error.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest
from playwright.sync_api import Page, Route

from tests.conftest import ROOT, StaticServer, runtime_config
from tests.e2e.forms import wait_for_native, wait_for_state

pytestmark = pytest.mark.e2e

PAGE = "guide/resources/"
URL_STATE = "?sidecar_ram.pods=250&sidecar_ram.sidecar_mib=90"
SNAPSHOTS = "**/assets/calculators/python/snapshot-*"
WARNING = "Sidecar Tax: starting Python the normal way"


class Watched:
    """A page's requests and warnings, then its calculator once it is ready."""

    def __init__(self, page: Page):
        self.page = page
        self.requests: list[str] = []
        self.warnings: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda message: self.warnings.append(message.text) if message.type == "warning" else None)

    def open(self, url: str = PAGE + URL_STATE):
        self.page.goto(url)
        form = self.page.locator('form[data-calculator="sidecar_ram"]').first
        wait_for_state(form, "ready")
        assert form.locator('input[name="pods"]').input_value() == "250"
        wait_for_native(form)
        return form

    @property
    def started_from(self) -> str:
        return self.page.evaluate("document.documentElement.dataset.runtimeStart")

    def snapshot_requests(self) -> list[str]:
        return [url for url in self.requests if "/snapshot-" in url]

    def fallback_warnings(self) -> list[str]:
        return [text for text in self.warnings if WARNING in text]


def test_url_state_results_come_from_the_snapshot(page: Page, console_errors, built_site):
    config = runtime_config(built_site)
    snapshot = config["snapshot"]
    assert snapshot["pyodideVersion"] == config["pyodideVersion"]
    assert snapshot["calculatorsHash"] == config["calculatorsHash"]
    watched = Watched(page)
    watched.open()
    assert watched.started_from == "snapshot"
    assert [url.rsplit("/", 1)[1] for url in watched.snapshot_requests()] == [snapshot["url"].rsplit("/", 1)[1]]
    # The snapshot holds the calculators imported: their archive is for the normal start.
    assert [url for url in watched.requests if "/python/calculators-" in url] == []
    assert watched.fallback_warnings() == []
    assert console_errors == []


def test_a_snapshot_the_host_inflated_is_still_used(page: Page, console_errors, built_site, tmp_path):
    """Some hosts send a .gz with Content-Encoding, so the browser hands the
    worker the inflated bytes: those must work as well as the gzipped ones.
    The inflated copy comes from a server of its own (the page cannot tell):
    a body this size handed over by Playwright's routing costs seconds."""
    real = next((built_site / "assets" / "calculators" / "python").glob("snapshot-*"))
    (tmp_path / "inflated").write_bytes(gzip.decompress(real.read_bytes()))
    host = StaticServer(tmp_path)
    try:
        page.route(SNAPSHOTS, lambda route: route.continue_(url=host.url + "inflated"))
        watched = Watched(page)
        watched.open()
    finally:
        host.stop()
    assert watched.started_from == "snapshot"
    assert watched.fallback_warnings() == []
    assert console_errors == []


def snapshot_header_only() -> bytes:
    """Pyodide's magic number and nothing sensible after it: fetched and
    inflated fine, refused by Pyodide itself."""
    return gzip.compress(b"\0snp" + bytes(4096))


BROKEN = {
    "missing (404)": (404, b"", r"HTTP 404"),
    "garbage, not gzip": (200, b"garbage" * 1000, r"not a Pyodide memory snapshot"),
    "truncated gzip": (200, None, r"did not download and inflate whole"),  # body: half the real file
    "gzip of garbage": (200, gzip.compress(b"garbage" * 1000), r"not a Pyodide memory snapshot"),
    "rejected by Pyodide": (200, snapshot_header_only(), r"^Snapshot "),
}


@pytest.mark.parametrize("broken", BROKEN)
def test_a_broken_snapshot_falls_back_to_the_normal_start(page: Page, console_errors, built_site, broken):
    status, body, reason = BROKEN[broken]
    if body is None:
        real = next((built_site / "assets" / "calculators" / "python").glob("snapshot-*"))
        body = real.read_bytes()[: real.stat().st_size // 2]
    page.route(SNAPSHOTS, lambda route: route.fulfill(status=status, body=body))
    watched = Watched(page)
    watched.open()
    assert watched.started_from == "normal"
    assert len(watched.snapshot_requests()) == 1
    warnings = watched.fallback_warnings()
    assert len(warnings) == 1, watched.warnings
    assert re.search(reason, warnings[0].split(": ", 2)[-1]), warnings[0]
    assert console_errors == []


def tampered_config(change):
    """A route handler serving the site's config.js with ``change`` applied to its snapshot entry."""

    def handle(route: Route):
        text = route.fetch().text()
        config = json.loads(text.split("export default", 1)[1].strip().rstrip(";"))
        change(config["snapshot"])
        route.fulfill(body=f"export default {json.dumps(config)};\n", content_type="text/javascript")

    return handle


MISMATCHED = {
    "calculators hash": (lambda snapshot: snapshot.update(calculatorsHash="000000000000"), "made from calculators"),
    "Pyodide version": (lambda snapshot: snapshot.update(pyodideVersion="0.0.1"), "made for Pyodide 0.0.1"),
}


@pytest.mark.parametrize("mismatch", MISMATCHED)
def test_a_mismatched_snapshot_is_not_used(page: Page, console_errors, built_site, mismatch):
    change, reason = MISMATCHED[mismatch]
    page.route("**/assets/calculators/config.js", tampered_config(change))
    watched = Watched(page)
    watched.open()
    assert watched.started_from == "normal"
    warnings = watched.fallback_warnings()
    assert len(warnings) == 1 and reason in warnings[0], watched.warnings
    if mismatch == "calculators hash":  # known before anything is fetched
        assert watched.snapshot_requests() == []
    assert console_errors == []


@pytest.fixture(scope="module")
def snapshots_off(site_builds):
    """The site built with ``SNAPSHOT=false``, served on its own port."""
    return site_builds.get("snapshots-off", SNAPSHOT="false")


def test_with_snapshots_off_no_snapshot_is_requested(page: Page, console_errors, snapshots_off):
    watched = Watched(page)
    watched.open(snapshots_off.url + PAGE + URL_STATE)
    assert watched.started_from == "normal"
    assert watched.snapshot_requests() == []
    assert watched.fallback_warnings() == []
    assert console_errors == []


@pytest.fixture(scope="module")
def cdn_site(site_builds):
    """The site built with the CDN Pyodide (the snapshot still comes from the site)."""
    built = site_builds.get("cdn", PYODIDE_SOURCE="cdn")
    return built, runtime_config(built.site)


def test_with_the_cdn_pyodide_the_snapshot_comes_from_the_site(page: Page, console_errors, cdn_site):
    """No internet here: the CDN's folder is answered from the pinned npm
    package the build checked, which has the same core files."""
    server, config = cdn_site
    cdn = config["pyodideIndexURL"]
    assert cdn.startswith("https://") and config["snapshot"]["url"].startswith("python/")
    unpacked = ROOT / ".cache" / "pyodide" / f"v{config['pyodideVersion']}"
    types = {".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".zip": "application/zip"}

    def from_npm_package(route: Route):
        path = unpacked / route.request.url.removeprefix(cdn).split("?")[0]
        if not path.is_file():
            return route.fulfill(status=404, headers={"Access-Control-Allow-Origin": "*"})
        route.fulfill(path=path, headers={"Access-Control-Allow-Origin": "*", "Content-Type": types[path.suffix]})

    page.context.route(cdn + "**", from_npm_package)
    watched = Watched(page)
    watched.open(server.url + PAGE + URL_STATE)
    assert watched.started_from == "snapshot"
    assert [url for url in watched.snapshot_requests() if not url.startswith(server.url)] == []
    assert any(url.startswith(cdn) for url in watched.requests)
    assert console_errors == []
