"""What the tests' browser costs: Chromium against its headless shell.

    python tests/bench/browser_cost.py                 # builds the site, 3 rounds
    python tests/bench/browser_cost.py --site URL      # a site already built and served

The test suite runs in Debian's ``chromium-headless-shell`` when it is
installed (``browser_for_tests()`` in ``tests/conftest.py``); ``make bench``
measures full Chromium, the browser a reader runs. This script shows why: for
each browser (Debian's, else Playwright's own download) it times the
three things the suite does most, each in a fresh context, browsers taking
turns so the machine's noise falls on both:

- page load    a page without a calculator, to its load event
- axe          a calculator page loaded and checked by axe-core
- Python start a calculator page with URL state, until its form is ready

Prints wall time and, on Linux, the busy CPU of the whole machine (both
Chromium and everything else: run it on an otherwise quiet machine) per
operation, and the shell's share of Chromium's. Without a headless shell it
measures Chromium alone and says so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from tests.conftest import CHROMIUM_FLAGS, StaticServer, build_site, chromium_path, debian_headless_shell  # noqa: E402

PLAIN_PAGE = "guide/"
CALCULATOR_PAGE = "guide/resources/"
URL_STATE = "?sidecar_ram.pods=250"


def busy_seconds() -> float | None:
    """CPU seconds the whole machine has been busy (Linux); None elsewhere."""
    try:
        fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def page_load(browser: Browser, base: str) -> None:
    context = browser.new_context()
    context.new_page().goto(base + PLAIN_PAGE)
    context.close()


def axe_check(browser: Browser, base: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + CALCULATOR_PAGE)
    Axe().run(page)
    context.close()


def python_start(browser: Browser, base: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + CALCULATOR_PAGE + URL_STATE)
    page.wait_for_selector('form[data-calculator][data-state="ready"]', timeout=60_000)
    context.close()


OPERATIONS = {"page load": page_load, "axe": axe_check, "Python start": python_start}


def measure(base: str, rounds: int) -> dict[tuple[str, str], list[tuple[float, float | None]]]:
    """(browser, operation) -> [(wall s, busy core-s)] for each round."""
    samples: dict[tuple[str, str], list[tuple[float, float | None]]] = {}
    with sync_playwright() as playwright:
        launched = {"chromium": playwright.chromium.launch(
            executable_path=chromium_path() or playwright.chromium.executable_path, args=CHROMIUM_FLAGS)}
        try:  # Playwright launches its own headless shell when given no path
            launched["headless shell"] = playwright.chromium.launch(executable_path=debian_headless_shell(),
                                                                    args=CHROMIUM_FLAGS)
        except PlaywrightError:
            print("no headless shell to compare with (apt-get install chromium-headless-shell):"
                  " Chromium alone is measured", file=sys.stderr)
        for browser in launched.values():
            page_load(browser, base)  # warm each browser once, outside the samples
        for turn in range(rounds):
            order = list(launched) if turn % 2 == 0 else list(reversed(launched))
            for name in order:
                for operation, run in OPERATIONS.items():
                    wall, busy = time.perf_counter(), busy_seconds()
                    run(launched[name], base)
                    after = busy_seconds()
                    samples.setdefault((name, operation), []).append(
                        (time.perf_counter() - wall, None if busy is None else after - busy))
        for browser in launched.values():
            browser.close()
    return samples


def table(samples: dict) -> str:
    def median(name: str, operation: str, index: int) -> float | None:
        values = [sample[index] for sample in samples.get((name, operation), [])]
        return None if not values or None in values else statistics.median(values)

    def cell(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    lines = ["| operation | chromium wall s | shell wall s | chromium core-s | shell core-s | shell / chromium (core-s) |",
             "|---|---|---|---|---|---|"]
    for operation in OPERATIONS:
        full_cpu, shell_cpu = median("chromium", operation, 1), median("headless shell", operation, 1)
        ratio = f"{shell_cpu / full_cpu:.2f}" if full_cpu and shell_cpu is not None else "-"
        lines.append(f"| {operation} | {cell(median('chromium', operation, 0))} | {cell(median('headless shell', operation, 0))}"
                     f" | {cell(full_cpu)} | {cell(shell_cpu)} | {ratio} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="samples per browser and operation (default 3)")
    parser.add_argument("--site", help="base URL of a site already built and served (default: build one)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.site:
        samples = measure(args.site if args.site.endswith("/") else args.site + "/", args.rounds)
    else:
        with tempfile.TemporaryDirectory(prefix="sidecar-browsers-") as folder:
            server = StaticServer(Path(folder) / "site")
            try:
                built = build_site(Path(folder) / "site", SITE_URL=server.url)
                if built.returncode != 0:
                    raise SystemExit(f"mkdocs build failed:\n{built.stderr}")
                samples = measure(server.url, args.rounds)
            finally:
                server.stop()
    print(f"medians of {args.rounds} round(s), each operation in a fresh context")
    print(table(samples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
