"""A link with a calculator's inputs starts Python from the page's head.

``assets/calculators/early-start.js`` runs as soon as the first paint lets
it, before the page is parsed and the runtime (``runtime.js``) mounts the
forms. Holding ``runtime.js`` back shows which of the two started Python.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.forms import hold, start_python, wait_for_native

pytestmark = pytest.mark.e2e

WORKER = "/assets/calculators/worker.js"


def worker_requests(page: Page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url) if request.url.endswith(WORKER) else None)
    return requests


def test_a_link_with_a_forms_inputs_starts_python_before_the_runtime_has_loaded(page: Page):
    release_runtime = hold(page, "**/assets/calculators/runtime.js")
    with page.expect_request(f"**{WORKER}"):
        page.goto("guide/resources/?sidecar_ram.pods=250", wait_until="commit")
    release_runtime()
    wait_for_native(page.locator('form[data-calculator="sidecar_ram"]'))


@pytest.mark.parametrize(
    "path",
    ["guide/resources/", "guide/latency/?sidecar_ram.pods=250"],
    ids=["no-inputs-in-the-link", "inputs-for-a-form-not-on-the-page"],
)
def test_other_links_leave_python_to_the_forms(page: Page, path: str):
    requests = worker_requests(page)
    release_runtime = hold(page, "**/assets/calculators/runtime.js")
    page.goto(path, wait_until="commit")
    page.wait_for_function("() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/python.js'))")
    page.wait_for_timeout(500)  # early-start.js has what it imports: time for its request to show
    assert requests == []
    release_runtime()
    start_python(page.locator("form[data-calculator]").first)
    assert len(requests) == 1
