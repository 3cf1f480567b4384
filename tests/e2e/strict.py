"""Helpers for driving pages served under the strict Content-Security-Policy
(as the session's default builds are: tests/conftest.py).

Playwright's own calls run outside the page's policy, but for one case:
``wait_for_function`` given a bare expression evaluates it in the page, which
the policy refuses; given a function (``"() => ..."``) it is not. Every wait
in these tests passes a function. Violations are collected twice: in
the page (``securitypolicyviolation`` events, sent to the console) and by
the server from the policy's
``report-uri`` (the only way to hear of violations inside Web Workers).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page, expect

import calculators
from tests.e2e.forms import form_raw, same_value, shown_outputs, wait_for_instant_navigation
from tests.support.nginx import shipped_policy

VIOLATION = "CSP violation: "
REPORT_PATH = "/__csp-report"

LISTEN_FOR_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.warn("%s" + JSON.stringify({
    directive: event.effectiveDirective, blocked: event.blockedURI,
    source: event.sourceFile, line: event.lineNumber, page: location.href,
  }));
});
""" % VIOLATION


def strict_policy(*origins: str, report_uri: str | None = None) -> str:
    """The shipped policy, with extra origins (a CDN) allowed to serve scripts
    and answer fetches, and an optional ``report-uri``."""
    policy = shipped_policy()
    for directive in ("script-src", "connect-src"):
        for origin in origins:
            policy, found = re.subn(rf"({directive} [^;]+)", rf"\1 {origin}", policy)
            assert found == 1, f"the shipped policy has no {directive}"
    return f"{policy}; report-uri {report_uri}" if report_uri else policy


def record_violations(page: Page) -> list[dict]:
    """Violations the page's documents see, from now on, across navigations."""
    seen: list[dict] = []
    page.add_init_script(LISTEN_FOR_VIOLATIONS)

    def on_console(message):
        if message.text.startswith(VIOLATION):
            seen.append(json.loads(message.text[len(VIOLATION):]))

    page.on("console", on_console)
    return seen


def reports_after(path: Path, since: int = 0) -> tuple[list[dict], int]:
    """The violation reports a server collected (documents and workers) from
    byte ``since`` of its file on, and where the next read starts. A line
    still being written is left for that next read."""
    if not path.exists():
        return [], since
    with path.open("rb") as file:
        file.seek(since)
        data = file.read()
    complete = data[: data.rfind(b"\n") + 1]
    return [json.loads(line) for line in complete.decode("utf-8").splitlines() if line.strip()], since + len(complete)


def read_reports(path: Path, since: int = 0) -> list[dict]:
    """The reports from byte ``since`` of the file on (``report_file_size`` earlier)."""
    return reports_after(path, since)[0]


def report_file_size(path: Path) -> int:
    """Where the reports a server collects from now on will start in its file."""
    return path.stat().st_size if path.exists() else 0


def expect_state(form, state: str, timeout: float = 60_000) -> None:
    expect(form).to_have_attribute("data-state", state, timeout=timeout)


def expect_native(form, timeout: float = 60_000) -> None:
    """Every output shows what native Python computes for the inputs shown now."""
    expected = calculators.evaluate(form.get_attribute("data-calculator"), form_raw(form))
    assert expected["ok"], expected["errors"]
    for name, output in expected["outputs"].items():
        expect(form.locator(f'output[name="{name}"]')).to_have_text(output["text"], timeout=timeout)
    shown = shown_outputs(form)
    for name, output in expected["outputs"].items():
        assert same_value(shown[name]["value"], output["value"]), name


def filled_in_block_copies_for_adr(form, raw: dict[str, str]) -> str:
    """A block opened from a link with ``raw`` inputs holds them, gives
    native results, and Copy for ADR records them; returns the record."""
    assert {name: form_raw(form)[name] for name in raw} == raw
    expect_state(form, "ready")
    expect_native(form)
    form.locator('[data-action="copy-adr"]').click()
    expect(form.locator('[data-role="copied"]')).to_have_text("Copied.")
    record = form.page.evaluate("navigator.clipboard.readText()")
    for value in raw.values():
        assert f"| `{value}` |" in record
    return record


def sitemap_pages(base_url: str, site: Path) -> list[str]:
    """Every page of a built site, as URLs under ``base_url``, from its sitemap."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", text)]
    assert paths, "the sitemap lists no pages"
    return [urljoin(base_url, path) for path in paths]


def violations(seen: list[dict], reports: Path, since: int = 0) -> list[dict]:
    """The violations seen in the page (``seen``) and those reported to the
    server (``reports``, from byte ``since`` on), once late reports are in."""
    time.sleep(0.5)  # reports are POSTed asynchronously
    return seen + [report.get("csp-report", report) for report in read_reports(reports, since)]


def assert_no_violations(seen: list[dict], reports: Path, since: int = 0) -> None:
    """No violation in the page (``seen``) nor reported to the server
    (``reports``, from byte ``since`` on)."""
    found = violations(seen, reports, since)
    assert found == [], f"CSP violations: {found}"


def watch_violations(page: Page, reports: Path):
    """For a fixture: yield the page's violations as they come, then fail on
    any, in the page or reported to the server since the start."""
    since = report_file_size(reports)
    seen = record_violations(page)
    yield seen
    assert_no_violations(seen, reports, since)


def moved_page_forwards_query_and_anchor(page: Page, site_url: str) -> None:
    """An ADR link to a moved page lands on the new page's section, filled in."""
    page.goto(site_url + "guide/resource-tax/?sidecar_ram.pods=250#sidecar-memory")
    page.wait_for_url("**/guide/resources/?sidecar_ram.pods=250#sidecar-memory")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    expect(form.locator('input[name="pods"]')).to_have_value("250")
    expect_state(form, "ready")
    expect_native(form)


def instant_navigation_keeps_one_python(page: Page, site_url: str) -> None:
    """From a ready calculator, the nav link to the other one: no reload, the
    same worker answers there."""
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(site_url + "guide/resources/")
    form = page.locator('form[data-calculator="sidecar_ram"]')
    form.locator("input[name]").first.focus()
    expect_state(form, "ready")
    wait_for_instant_navigation(page)
    page.evaluate("window.__notReloaded = true")
    page.locator('nav.md-nav--primary a.md-nav__link[href$="guide/latency/"]').first.click()
    page.wait_for_url("**/guide/latency/")
    latency = page.locator('form[data-calculator="chain_latency"]')
    expect_state(latency, "ready", timeout=10_000)
    latency.locator('input[name="hops"]').fill("9")
    expect_native(latency)
    assert page.evaluate("window.__notReloaded") is True, "the link reloaded the page"
    assert len([url for url in workers if url.endswith("/python-worker.js")]) == 1
