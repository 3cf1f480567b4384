"""Lighthouse on the built site, as browsers audit pages (issue 27).

The pinned npm release is installed once into ``.cache/lighthouse-VERSION/``
(ignored by git) and drives the same Chromium as the rest of the benchmark.
Each audit is one cold load, mobile (Lighthouse's default emulation: a
mid-range phone, 4x CPU slowdown, throttled network) or desktop
(``--preset=desktop``), with no interaction: what a reader who only reads
pays.

    python tests/bench/lighthouse.py URL [URL ...]    # audit served pages, print the table
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VERSION = "13.5.0"
INSTALL_DIR = ROOT / ".cache" / f"lighthouse-{VERSION}"
CLI = INSTALL_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


class LighthouseError(RuntimeError):
    """Lighthouse could not be installed or run; the message says why."""


def install() -> Path:
    """The pinned Lighthouse CLI, installed with npm on first use."""
    if CLI.is_file():
        return CLI
    if shutil.which("npm") is None:
        raise LighthouseError(f"Lighthouse {VERSION} is installed with npm, which is not on PATH: "
                              "install Node.js, or run the benchmark with --no-lighthouse")
    INSTALL_DIR.mkdir(parents=True, exist_ok=True)
    command = ["npm", "install", "--prefix", str(INSTALL_DIR), "--no-audit", "--no-fund", "--save-exact",
               f"lighthouse@{VERSION}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not CLI.is_file():
        raise LighthouseError(f"{' '.join(command)} failed:\n{result.stderr[-2000:]}")
    return CLI


def audit(url: str, form_factor: str, chromium: str | None) -> dict:
    """One Lighthouse run on ``url``: the four category scores (0-100), bytes
    transferred, CLS, total blocking time, and the audits that did not pass."""
    cli = install()
    with tempfile.TemporaryDirectory(prefix="sidecar-lighthouse-") as folder:
        report_path = Path(folder) / "report.json"
        command = ["node", str(cli), url, "--output=json", f"--output-path={report_path}", "--quiet",
                   f"--chrome-flags={CHROME_FLAGS}"]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {"CHROME_PATH": chromium} if chromium else {}
        result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                                env={**os.environ, **env})
        if result.returncode != 0 or not report_path.is_file():
            raise LighthouseError(f"Lighthouse failed on {url} ({form_factor}):\n{result.stderr[-2000:]}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    audits = report["audits"]
    failing = sorted(
        name for name, item in audits.items()
        if item.get("score") is not None and item["score"] < 1
        and item.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return {
        "url": url,
        "form_factor": form_factor,
        "scores": {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "transferred_bytes": audits["total-byte-weight"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "not_passed": failing,
        "runtime_error": report.get("runtimeError"),
    }


def audit_pages(pages: dict[str, str], chromium: str | None) -> list[dict]:
    """Each named page's URL audited on mobile then desktop."""
    return [dict(audit(url, factor, chromium), page=name) for name, url in pages.items() for factor in FORM_FACTORS]


def table(rows: list[dict]) -> str:
    """The audits as a table: one line per page and form factor."""
    head = (f"{'page':<18} {'form':<8} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} "
            f"{'transferred':>12} {'CLS':>7} {'TBT ms':>7}")
    lines = [head, "-" * len(head)]
    for row in rows:
        scores = row["scores"]
        lines.append(
            f"{row['page']:<18} {row['form_factor']:<8} {scores['performance']:>5} {scores['accessibility']:>5} "
            f"{scores['best-practices']:>5} {scores['seo']:>5} {row['transferred_bytes']:>12,.0f} "
            f"{row['cls']:>7.3f} {row['tbt_ms']:>7.0f}"
        )
    for row in rows:
        if row["not_passed"]:
            lines.append(f"  not passed, {row['page']} {row['form_factor']}: {', '.join(row['not_passed'])}")
    return "\n".join(lines)


if __name__ == "__main__":
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    found = audit_pages({url.rstrip("/").rsplit("/", 1)[-1] or url: url for url in sys.argv[1:]},
                        chromium if Path(chromium).exists() else None)
    print(table(found))
    print(json.dumps(found, indent=2))
