"""One fresh browser context per measurement, timed inside the page.

Every timestamp comes from the page (``performance.now()``, i.e. milliseconds
since navigation start), taken by ``instrument.js``; Playwright only drives
the page and lists the requests it made (worker requests included).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request

INSTRUMENT = (Path(__file__).with_name("instrument.js")).read_text(encoding="utf-8")
TIMEOUT_MS = 120_000
LONG_TASK_MS = 50

# What counts as "Pyodide bytes": its core files and the calculators package.
PYODIDE_PARTS = ("/assets/calculators/pyodide/", "/assets/calculators/python/")
CALCULATOR_WORKER = "/assets/calculators/python-worker.js"
OWN_FOLDERS = ("/assets/calculators/", "/assets/site/")


@dataclass
class Scenario:
    """Where the measured pages are, relative to a built site's root URL."""

    calculator_page: str = "guide/resources/"
    block: str = "sidecar_ram"
    url_state: dict[str, str] = field(default_factory=lambda: {"pods": "250", "sidecar_mib": "90"})
    anchor: str = "sidecar-memory"
    recompute_input: str = "pods"
    second_page: str = "guide/latency/"
    second_calculator: str = "chain_latency"
    plain_page: str = ""  # the home page: no calculator on it

    def calculator_url(self, base: str) -> str:
        query = "&".join(f"{self.block}.{name}={value}" for name, value in self.url_state.items())
        return f"{base}{self.calculator_page}?{query}#{self.anchor}"

    @property
    def form_selector(self) -> str:
        return f"form#{self.block}[data-calculator]"

    @property
    def second_form_selector(self) -> str:
        return f'form[data-calculator="{self.second_calculator}"]'

    @property
    def second_ready_selector(self) -> str:
        return f'form[data-calculator="{self.second_calculator}"][data-state="ready"]'


class Session:
    """A fresh browser context with the probes installed and requests listed."""

    def __init__(self, browser: Browser, probe_config: dict):
        self.context: BrowserContext = browser.new_context(viewport={"width": 1280, "height": 800})
        script = f"window.__benchConfig = {json.dumps(probe_config)};\n{INSTRUMENT}\n//# sourceURL=bench-probes.js\n"
        self.context.add_init_script(script=script)
        self.requests: list[Request] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.context.on("requestfinished", lambda request: self.requests.append(request))
        self.context.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page: Page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.context.close()

    def probes(self) -> dict:
        return self.page.evaluate("window.__bench")

    def time_origin(self) -> float:
        return self.page.evaluate("performance.timeOrigin")

    def fetched(self, since: int = 0) -> list[dict]:
        """Requests finished so far: path, start/end (ms since navigation
        start) and encoded body bytes."""
        origin = self.time_origin()
        rows = []
        for request in self.requests[since:]:
            timing = request.timing
            start = timing["startTime"] - origin
            end = start + timing["responseEnd"] if timing.get("responseEnd", -1) >= 0 else None
            size = request.sizes()["responseBodySize"]
            if not size:  # worker scripts report 0: take the header
                response = request.response()
                size = int((response.headers if response else {}).get("content-length", 0) or 0)
            rows.append({"path": urlsplit(request.url).path, "start": start, "end": end, "bytes": size})
        return rows


# A promise that rejects after ``ms``: the page waits, nothing polls it.
WITHIN = "((promise, ms) => Promise.race([promise, new Promise((_, no) => setTimeout(() => no(new Error('timed out')), ms))]))"


# How long after Material's bundle has run its setup's blocking time is counted.
THEME_SETUP_MS = 1_000


def wait_for_mark(page: Page, *names: str) -> dict:
    """Wait, inside the page and without polling, until one of the probes' marks is set."""
    return page.evaluate(f"([names, ms]) => {WITHIN}(__bench.when(...names), ms)", [list(names), TIMEOUT_MS])


def first(rows: list[dict], part: str, key: str = "start") -> float | None:
    """When the first request whose path contains ``part`` started (or ended)."""
    times = [row[key] for row in rows if part in row["path"] and row[key] is not None]
    return min(times) if times else None


def pyodide_rows(rows: list[dict]) -> list[dict]:
    return [row for row in rows if any(part in row["path"] for part in PYODIDE_PARTS)]


def byte_summary(rows: list[dict]) -> dict:
    pyodide = pyodide_rows(rows)
    return {
        "requests": len(rows),
        "bytes": sum(row["bytes"] for row in rows),
        "pyodide_requests": len(pyodide),
        "pyodide_bytes": sum(row["bytes"] for row in pyodide),
    }


def blocking_time(longtasks: list[dict], until: float) -> tuple[float, int, float]:
    """Total blocking time (the part of each long task over 50 ms), the
    number of long tasks and the longest one, for tasks starting before ``until``."""
    tasks = [task for task in longtasks if task["start"] < until]
    total = sum(max(0.0, task["duration"] - LONG_TASK_MS) for task in tasks)
    longest = max((task["duration"] for task in tasks), default=0.0)
    return total, len(tasks), longest


def attribute(longtasks: list[dict], frames: list[dict], until: float) -> list[dict]:
    """Each long task before ``until`` with the scripts (from Long Animation
    Frames) that ran during it, longest first."""
    named = []
    for task in longtasks:
        if task["start"] >= until:
            continue
        end = task["start"] + task["duration"]
        scripts = [
            script
            for frame in frames
            for script in frame["scripts"]
            if script["start"] < end and script["start"] + script["duration"] > task["start"] and script["duration"] >= 5
        ]
        scripts.sort(key=lambda script: script["duration"], reverse=True)
        named.append({
            **task,
            "scripts": [
                {"duration": round(script["duration"], 1), "layout": round(script["layout"], 1),
                 "what": f"{urlsplit(script['source']).path or '(inline)'} {_invoker(script)}"}
                for script in scripts[:4]
            ],
        })
    return named


def _invoker(script: dict) -> str:
    """What started a script: a URL means its top-level evaluation."""
    invoker = script["invoker"] or script["type"]
    return "(evaluation)" if "://" in invoker else invoker


def own_script_time(frames: list[dict], until: float) -> float:
    """Time the site's own scripts (assets/calculators/, assets/site/) ran
    inside long animation frames before ``until``: their share of any
    main-thread blocking (Material's bundle is reported, not budgeted)."""
    return sum(
        script["duration"]
        for frame in frames
        if frame["start"] < until
        for script in frame["scripts"]
        if any(folder in (script["source"] or "") for folder in OWN_FOLDERS)
    )


def worker_times(probes: dict, url_part: str) -> dict:
    for worker in probes["workers"]:
        if url_part in worker["url"]:
            answered = [message["time"] for message in worker["messages"]]
            ready = [message for message in worker["messages"] if message["type"] == "ready"]
            return {
                "created": worker["created"],
                "first_message": min(answered) if answered else None,
                "ready_message": ready[0]["time"] if ready else None,
                "started_from": ready[0]["start"] if ready else None,
            }
    return {"created": None, "first_message": None, "ready_message": None, "started_from": None}


def recompute_parts(samples: list[dict], workers: list[dict]) -> list[dict]:
    """Split each recompute into: main thread before its call is posted, the
    worker's round trip (queueing included), main thread after the result
    arrives. Also counts other calls posted meanwhile (a burst's newest edit)."""
    worker = next((w for w in workers if CALCULATOR_WORKER in w["url"]), None)
    if worker is None:
        return []
    parts = []
    for sample in samples:
        sent = [m for m in worker["sent"] if m["type"] == "call" and m["time"] >= sample["input"] - 0.001]
        if not sent:
            continue
        post = sent[0]
        answer = next((m for m in worker["messages"] if m["type"] == "result" and m["id"] == post["id"]), None)
        if answer is None:
            continue
        others = [m for m in worker["sent"] if m["id"] != post["id"] and sample["input"] <= m["time"] <= sample["shown"]]
        answered = {m["id"]: m["time"] for m in worker["messages"] if m["type"] == "result"}
        queued = [m for m in worker["sent"] if m["id"] is not None and m["id"] != post["id"]
                  and m["time"] <= post["time"] and answered.get(m["id"], float("inf")) > post["time"]]
        parts.append({
            "queued_behind": [m["type"] for m in queued],
            "before_post": post["time"] - sample["input"],
            "worker_round_trip": answer["time"] - post["time"],
            "after_result": sample["shown"] - answer["time"],
            "other_messages": len(others),
        })
    return parts


def measure_bare_boot(browser: Browser, url: str, answer: float) -> dict:
    """1. Navigation start to the bare worker's answer."""
    with Session(browser, {"formId": None}) as session:
        session.page.goto(url)
        bare = session.page.evaluate("ms => within(window.__bareDone, ms)".replace("within", WITHIN), TIMEOUT_MS)
        if "error" in bare or bare.get("answer") != answer:
            raise RuntimeError(f"bare boot answered {bare!r}, not {answer}")
        probes = session.probes()
        rows = session.fetched()
        workers = worker_times(probes, "/bare-boot/worker.js")
        return {
            "boot_ms": bare["time"],
            "timeline": {
                "worker created": workers["created"],
                "worker.js requested": first(rows, "/bare-boot/worker.js"),
                "pyodide.mjs requested": first(rows, "/pyodide.mjs"),
                "pyodide.asm.wasm requested": first(rows, "/pyodide.asm.wasm"),
                "pyodide.asm.wasm received": first(rows, "/pyodide.asm.wasm", "end"),
                "python_stdlib.zip received": first(rows, "/python_stdlib.zip", "end"),
                "answer": bare["time"],
            },
            "fetched": byte_summary(rows),
            "errors": session.errors + session.failed,
        }


def measure_calculator(
    browser: Browser,
    base: str,
    scenario: Scenario,
    expected: dict[str, str],
    recompute: list[tuple[str, dict[str, str]]],
) -> dict:
    """2-6 in one context: open the calculator page with URL state, wait for
    its results, type values, then follow the nav link to the other calculator."""
    config = {"formId": scenario.block, "expected": expected}
    with Session(browser, config) as session:
        page = session.page
        page.goto(scenario.calculator_url(base))
        wait_for_mark(page, "resultsShown", "stateError")
        wait_for_mark(page, "themeRunning")
        # Material's setup goes on for a while after its bundle has run; then
        # the long-task observer delivers its last entries.
        page.wait_for_timeout(THEME_SETUP_MS + 200)
        probes = session.probes()
        marks = probes["marks"]
        if "resultsShown" not in marks:
            raise RuntimeError(f"calculator went to data-state=error: {session.errors}")
        ready = marks["resultsShown"]
        rows = session.fetched()
        requests_at_ready = len(session.requests)
        tbt, long_count, longest = blocking_time(probes["longtasks"], ready)
        theme_running = marks["themeRunning"]
        tbt_to_theme = blocking_time(probes["longtasks"], theme_running + THEME_SETUP_MS)[0]
        workers = worker_times(probes, CALCULATOR_WORKER)
        fcp = marks.get("first-contentful-paint")
        painted = marks.get("outputsPainted")
        visible = max(value for value in (fcp, painted) if value is not None)
        pyodide_first = min((row["start"] for row in pyodide_rows(rows)), default=None)
        navigation = page.evaluate("JSON.parse(JSON.stringify(performance.getEntriesByType('navigation')[0]))")

        # 4. Recompute latency: typed values, input event -> output text.
        page.evaluate(
            "([selector, name, expected]) => __bench.watchRecompute(selector, name, expected)",
            [scenario.form_selector, scenario.recompute_input, {value: texts for value, texts in recompute}],
        )
        field = page.locator(f"{scenario.form_selector} input[name={scenario.recompute_input}]")
        for count, (value, _texts) in enumerate(recompute, start=1):
            field.fill(value)
            page.evaluate("([n, ms]) => __bench.recomputed(n, ms)", [count, TIMEOUT_MS])
        latencies = page.evaluate("__bench.recompute")
        parts = recompute_parts(page.evaluate("__bench.recomputeSamples"), page.evaluate("__bench.workers"))

        # 6. Second page by instant navigation; the runtime must survive it.
        second_url = base + scenario.second_page
        arm = "([href, ready, form]) => __bench.armNavigation(href, ready, form)"
        if not page.evaluate(arm, [second_url, scenario.second_ready_selector, scenario.second_form_selector]):
            raise RuntimeError(f"no primary nav link to {second_url}")
        before = len(session.requests)
        page.locator("[data-bench-target]").click()
        page.wait_for_function(
            "() => !window.__notReloaded || (__bench.navigation && __bench.navigation.ready !== null)",
            timeout=TIMEOUT_MS,
        )
        reloaded = not page.evaluate("window.__notReloaded === true")
        navigation_probe = page.evaluate("__bench.navigation") if not reloaded else None
        after = session.fetched(since=before)
        calculator_workers = [w for w in page.evaluate("__bench.workers") if CALCULATOR_WORKER in w["url"]]

        return {
            "ready_ms": ready,
            "state_ready_ms": marks.get("stateReady"),
            "fcp_ms": fcp,
            "outputs_painted_ms": painted,
            "visible_ms": visible,
            "first_pyodide_request_ms": pyodide_first,
            "worker_created_ms": workers["created"],
            "tbt_ms": tbt,
            "tbt_to_theme_running_ms": tbt_to_theme,
            "own_scripts_in_long_frames_ms": own_script_time(probes["frames"], ready),
            "long_tasks": long_count,
            "longest_task_ms": longest,
            "longtasks": attribute(probes["longtasks"], probes["frames"], ready),
            "recompute_ms": latencies,
            "recompute_parts": parts,
            "started_from": workers["started_from"],
            "second_page_ms": None if reloaded else navigation_probe["ready"] - navigation_probe["clicked"],
            "second_page_form_in_dom_ms": None if reloaded else navigation_probe["inserted"] - navigation_probe["clicked"],
            "second_page_reloaded": reloaded,
            "second_page_new_workers": len(calculator_workers) - 1 if not reloaded else None,
            "second_page_pyodide_requests": len(pyodide_rows(after)),
            "timeline": {
                "HTML received": navigation["responseEnd"],
                "outputs in DOM": marks.get("outputsInDom"),
                "first contentful paint": fcp,
                "bundle.js received": first(rows, "/javascripts/bundle.", "end"),
                "python-client.js received": first(rows, "/calculators/python-client.js", "end"),
                "mount-forms.js requested": first(rows, "/mount-forms.js"),
                "config.js received": first(rows, "/config.js", "end"),
                "outputs painted (frame after)": painted,
                "Material's setup (DOMContentLoaded)": theme_running,
                "DOMContentLoaded": navigation["domContentLoadedEventStart"],
                "worker created": workers["created"],
                "worker.js requested": first(rows, CALCULATOR_WORKER),
                "pyodide.mjs requested": first(rows, "/pyodide.mjs"),
                "calculators zip received": first(rows, "/assets/calculators/python/calculators-", "end"),
                "snapshot received": first(rows, "/assets/calculators/python/snapshot-", "end"),
                "pyodide.asm.wasm requested": first(rows, "/pyodide.asm.wasm"),
                "pyodide.asm.wasm received": first(rows, "/pyodide.asm.wasm", "end"),
                "python_stdlib.zip received": first(rows, "/python_stdlib.zip", "end"),
                "worker says ready": workers["ready_message"],
                "results shown": ready,
                "Material's search worker loaded": first(rows, "/workers/search."),
            },
            "fetched_until_ready": byte_summary(rows[:requests_at_ready]),
            "errors": session.errors + session.failed,
        }


def measure_plain_page(browser: Browser, base: str, scenario: Scenario, settle_ms: int) -> dict:
    """7. What a page without a calculator fetches (and that no Pyodide byte is among it)."""
    with Session(browser, {"formId": None}) as session:
        session.page.goto(base + scenario.plain_page, wait_until="load")
        session.page.wait_for_load_state("networkidle")
        session.page.wait_for_timeout(settle_ms)  # a lazily started runtime would show up here
        probes = session.probes()
        rows = session.fetched()
        summary = byte_summary(rows)
        summary["tbt_ms"] = blocking_time(probes["longtasks"], float("inf"))[0]
        summary["longtasks"] = attribute(probes["longtasks"], probes["frames"], float("inf"))
        summary["calculator_workers"] = len([w for w in probes["workers"] if CALCULATOR_WORKER in w["url"]])
        summary["largest"] = sorted(rows, key=lambda row: row["bytes"], reverse=True)[:5]
        summary["errors"] = session.errors + session.failed
        return summary


def profile_calculator(browser: Browser, base: str, scenario: Scenario, expected: dict[str, str], path: Path) -> dict:
    """A CPU profile of the main thread, navigation start to the URL's results
    (one extra load, not counted in the timings: the profiler slows it down).
    Writes ``path`` (open it in Chromium's DevTools, Performance panel) and
    returns the self time per script, longest first."""
    config = {"formId": scenario.block, "expected": expected}
    with Session(browser, config) as session:
        cdp = session.context.new_cdp_session(session.page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
        session.page.goto(scenario.calculator_url(base))
        wait_for_mark(session.page, "resultsShown", "stateError")
        profile = cdp.send("Profiler.stop")["profile"]
        ready = session.probes()["marks"].get("resultsShown")
    path.write_text(json.dumps(profile), encoding="utf-8")
    # Native functions (postMessage, querySelectorAll...) count for the script that called them.
    parents = {child: node["id"] for node in profile["nodes"] for child in node.get("children", [])}
    nodes = {node["id"]: node for node in profile["nodes"]}

    def script_of(node_id):
        node = nodes[node_id]
        while not node["callFrame"]["url"] and node["id"] in parents and nodes[parents[node["id"]]]["callFrame"]["url"]:
            node = nodes[parents[node["id"]]]
        frame = node["callFrame"]
        return urlsplit(frame["url"]).path or frame["url"] or frame["functionName"] or "(anonymous)"

    where = {node_id: script_of(node_id) for node_id in nodes}
    self_ms: dict[str, float] = {}
    for node_id, delta in zip(profile["samples"], profile["timeDeltas"]):
        self_ms[where[node_id]] = self_ms.get(where[node_id], 0.0) + delta / 1000
    ranked = sorted(self_ms.items(), key=lambda item: item[1], reverse=True)
    return {"file": str(path), "ready_ms_profiled": ready, "self_ms": dict(ranked)}
