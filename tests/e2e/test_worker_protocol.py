"""The worker protocol (sitebuild/assets/calculators/worker-protocol.js),
message by message, against the worker the site ships: a page posts raw
messages to python-worker.js and reads every reply; the page's client
(python-client.js) drops edits superseded while a call is in flight."""

from __future__ import annotations

import json
import time

import pytest

import calculators

pytestmark = pytest.mark.e2e

WORKER = "assets/calculators/python-worker.js"
OPEN_WORKER = """(url) => {
  window.replies = [];
  window.worker = new Worker(new URL(url, document.baseURI), { type: "module" });
  worker.onmessage = ({ data }) => replies.push(data);
  worker.onerror = (event) => replies.push({ type: "worker error", message: event.message });
}"""


def wait_for_reply(page, **fields) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for reply in page.evaluate("replies"):
            if all(reply.get(key) == value for key, value in fields.items()):
                return reply
        page.wait_for_timeout(50)
    raise AssertionError(f"no reply with {fields}; replies: {page.evaluate('replies')}")


@pytest.fixture(scope="module")
def worker_page(browser, default_site):
    page = browser.new_page()
    page.goto(default_site.url)
    page.evaluate(OPEN_WORKER, WORKER)
    yield page
    page.close()


def post(page, message: dict) -> None:
    page.evaluate("(message) => worker.postMessage(message)", message)


def test_ready_says_how_python_started(worker_page):
    assert wait_for_reply(worker_page, type="ready")["start"] == "snapshot"


def test_a_call_gets_a_result_with_the_chart(worker_page):
    raw = {"pods": "250", "sidecar_mib": "90"}
    post(worker_page, {"type": "call", "id": 1, "entry": "recompute", "name": "sidecar_ram", "raw": raw})
    result = wait_for_reply(worker_page, type="result", id=1)["result"]
    native = calculators.recompute("sidecar_ram", raw)
    assert {name: output["text"] for name, output in result["outputs"].items()} == {
        name: output["text"] for name, output in native["outputs"].items()
    }
    assert result["chart"]["parts"] == json.loads(json.dumps(native["chart"]["parts"]))


@pytest.mark.parametrize(
    ("message", "says"),
    [
        ({"type": "call", "id": 2, "entry": "__import__", "name": "os", "raw": {}}, 'unknown entry "__import__" (entries: recompute)'),
        ({"type": "call", "id": 3, "entry": "recompute", "name": "sidecar_rum", "raw": {}}, "KeyError"),
        ({"type": "run", "id": 4}, 'unknown message type "run"'),
    ],
)
def test_a_call_that_cannot_be_answered_gets_an_error_saying_why(worker_page, message, says):
    post(worker_page, message)
    assert says in wait_for_reply(worker_page, type="error", id=message["id"])["message"]


def test_python_that_cannot_start_is_reported_as_failed(browser, default_site):
    page = browser.new_page()

    def no_pyodide(route):
        config = route.fetch().text().replace('"pyodideIndexURL": "', '"pyodideIndexURL": "missing/')
        route.fulfill(body=config, content_type="text/javascript")

    page.route("**/assets/calculators/config.js", no_pyodide)
    page.goto(default_site.url)
    page.evaluate(OPEN_WORKER, WORKER)
    assert "missing/" in wait_for_reply(page, type="failed")["message"]
    page.close()


def test_a_burst_of_edits_costs_one_waiting_call_and_the_latest_wins(worker_page):
    outcome = worker_page.evaluate("""async () => {
      const client = await import(new URL("assets/calculators/python-client.js", document.baseURI));
      const calls = ["10", "20", "30", "40"].map((pods) => client.recompute("form", "sidecar_ram", { pods })
        .then((result) => result.inputs.pods, (error) => error.message));
      return Promise.all(calls);
    }""")
    superseded = worker_page.evaluate("""async () =>
      (await import(new URL("assets/calculators/python-client.js", document.baseURI))).SUPERSEDED""")
    assert outcome == [10, superseded, superseded, 40]
