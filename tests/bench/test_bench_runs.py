"""The benchmark script runs: once, in tiny mode, without Lighthouse (a
minute an audit; ``make bench`` runs it). No timing is asserted (machines
are noisy); only that it measures every thing and writes JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import browser_for_tests, debian_headless_shell

pytestmark = pytest.mark.e2e

RUN = Path(__file__).with_name("run.py")
MEASUREMENTS = (
    "1. bare boot",
    "2. calculator ready",
    "3. first results visible",
    "4. recompute p50",
    "recompute p95",
    "5. total blocking time",
    "6. second page ready",
    "7. own JS",
    "own CSS",
    "page without a calculator: bytes fetched",
    "own JS / CSS as served, minified",
    "8. intent -> live result (ms) [start: intent]",
    "8. intent -> live result (ms) [start: viewport]",
    "9. warm revisit",
)


def test_tiny_benchmark_prints_every_measurement_and_writes_json(tmp_path):
    """In the tests' browser (``make bench`` measures full Chromium)."""
    chromium = ["--chromium", browser] if (browser := browser_for_tests()) else []
    result = subprocess.run(
        [sys.executable, str(RUN), "--tiny", "--no-lighthouse", "--out", str(tmp_path), *chromium],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    for label in MEASUREMENTS:
        assert label in result.stdout, f"{label!r} missing from:\n{result.stdout}"
    assert "budgets met:" in result.stdout

    written = sorted(tmp_path.glob("bench-*-tiny.json"))
    assert len(written) == 1
    report = json.loads(written[0].read_text(encoding="utf-8"))
    assert report["settings"]["runs"] == 1
    assert report["machine"]["nproc"] >= 1 and report["machine"]["chromium"]
    assert len(report["runs"]["bare"]) == 1 and report["runs"]["bare"][0]["boot_ms"] > 0
    assert "normal" in report["runs"]["modes"]
    for mode, runs in report["runs"]["modes"].items():
        assert len(runs) == 1, mode
        run = runs[0]
        assert run["ready_ms"] > 0 and run["visible_ms"] > 0, mode
        assert len(run["recompute_ms"]) == report["settings"]["values"], mode
        assert run["second_page_reloaded"] is False, mode
        assert run["second_page_ms"] is not None, mode
    # Each start's timeline names the file it read: the package, or the snapshot instead.
    normal, snapshot = (report["runs"]["modes"][mode][0]["timeline"] for mode in ("normal", "snapshot"))
    assert normal["calculators zip received"] > 0 and normal["snapshot received"] is None
    assert snapshot["snapshot received"] > 0 and snapshot["calculators zip received"] is None
    assert report["assets"]["js_bytes"] > 0 and report["assets"]["css_bytes"] > 0
    assert report["runs"]["plain"][0]["pyodide_bytes"] == 0
    assert all(isinstance(row["met"], bool) for row in report["budgets"])
    # Each start mode went from a pointer over the form to an edit's result; a reload found Python again.
    for mode in ("intent", "viewport"):
        assert report["runs"]["intent"][mode][0]["intent_to_result_ms"] > 0, mode
    assert 0 < report["runs"]["warm"][0]["warm_ready_ms"]
    assert "lighthouse" not in report["runs"]
    assert report["assets"]["shipped"]["js_bytes"] < report["assets"]["js_bytes"]


def test_browser_cost_compares_both_browsers_on_every_operation(default_site):
    """tests/bench/browser_cost.py, one round on the session's build: each
    operation gets a time for Chromium and, where Debian's headless shell is
    installed (``make test`` installs it), for the shell and its share."""
    result = subprocess.run(
        [sys.executable, str(RUN.with_name("browser_cost.py")), "--site", default_site.url, "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("| ")}
    # Columns: Chromium's wall, the shell's wall, Chromium's CPU, the shell's, the shell's share.
    columns = [0, 1, 2, 3, 4] if debian_headless_shell() else [0, 2]
    if not Path("/proc/stat").exists():  # busy CPU is read from Linux's /proc/stat
        columns = [column for column in columns if column < 2]
    for operation in ("page load", "axe", "Python start"):
        cells = [cell.strip() for cell in rows[operation].split("|")[2:-1]]
        for column in columns:
            assert cells[column] != "-" and float(cells[column]) > 0, rows[operation]
