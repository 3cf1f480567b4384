"""The calculators on someone else's docs site, from the wheel alone.

Builds the project's wheel, installs it into a fresh virtualenv next to the
MkDocs and Material versions pinned in pyproject.toml, or separately next to
the pinned Zensical (nothing else of this project), builds
``tests/adr_site/`` (another team's handbook: an ADR page with a filled-in
calculator block and a custom fence of its own; for MkDocs one plugin line,
for Zensical the lines of ``zensical.yml`` and ``python -m sitebuild``),
serves it under a sub-path with the strict Content-Security-Policy of
``deploy/nginx.conf`` and reads it in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, StaticServer, pinned_pyodide, without_search_index
from tests.e2e.forms import form_raw
from tests.e2e.strict import (
    REPORT_PATH,
    expect_native,
    expect_state,
    filled_in_block_copies_for_adr,
    strict_policy,
    watch_violations,
)
from tests.e2e.test_third_party import guard_hosts, origin

pytestmark = pytest.mark.e2e

SUB_PATH = "handbook/"
ADR = "adr/0007-no-service-mesh/"
RUNTIME_FILES = ("mount-forms.js", "python-worker.js", "calculators.css")
BUILD_LITTER = (".git", ".venv", ".cache", "site", "build", "*.egg-info", "__pycache__", "node_modules", "tests")
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


#: What each engine's virtualenv gets besides the wheel: pyproject.toml's pins (extra, names).
ENGINES = {"mkdocs": ("docs", ("mkdocs", "mkdocs-material")), "zensical": ("zensical", ("zensical",))}


def pinned(extra: str, names: tuple[str, ...]) -> list[str]:
    """The requirement lines pyproject.toml pins for ``names`` in ``extra``."""
    lines = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"][extra]
    found = [line for line in lines if re.split(r"[=<>]", line)[0] in names]
    assert len(found) == len(names), f"pyproject.toml pins {found} of {names}"
    return found


def run(command: list, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    result = subprocess.run([str(part) for part in command], cwd=cwd, env={**clean, **env},
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(map(str, command))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def theme_script_hashes(site: Path) -> list[str]:
    """The theme's own inline scripts, allowed by hash: this site has no
    shims for them (The Sidecar Tax ports them to files), and the calculators
    must need nothing beyond what the theme already needs."""
    found = set()
    for page in site.rglob("*.html"):
        for script in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return sorted(found)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    wheels, source = work / "wheels", work / "source"
    # From a copy: setuptools' in-tree build/ folder could carry deleted files into the wheel.
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*BUILD_LITTER))
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", wheels, source], cwd=work)
    built = next(wheels.glob("sidecar_tax-*.whl"))
    names = zipfile.ZipFile(built).namelist()
    for name in (*(f"sitebuild/assets/calculators/{file}" for file in RUNTIME_FILES),
                 "sitebuild/templates/calculator.html", "sitebuild/make_snapshot.mjs", "calculators/figures.toml"):
        assert name in names, f"the wheel lacks {name}"
    return built


def install_handbook(engine: str, work: Path, wheel: Path) -> tuple[Path, StaticServer]:
    """``tests/adr_site/`` built by ``engine`` from a fresh virtualenv with the
    wheel, and served under ``SUB_PATH``: the site folder and its server."""
    # A virtualenv with nothing in it; this session's pip installs into it
    # (no copy of pip of its own, no bytecode written ahead: both only cost time).
    run([sys.executable, "-m", "venv", "--without-pip", work / "venv"], cwd=work)
    python = work / "venv" / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile",
         wheel, *pinned(*ENGINES[engine])], cwd=work)
    project = work / "project"
    shutil.copytree(ROOT / "tests" / "adr_site", project)
    (project / ".cache").mkdir()  # the pinned Pyodide, hash-checked again by the build
    (project / ".cache" / "pyodide").symlink_to(pinned_pyodide().parent)
    root = work / "root"
    site = root / SUB_PATH
    if engine == "mkdocs":
        run([python, "-m", "mkdocs", "build", "--strict", "--site-dir", site], cwd=project, NO_MKDOCS_2_WARNING="1")
    else:  # Zensical writes inside the project only
        run([python, "-m", "zensical", "build", "--strict", "-f", "zensical.yml"], cwd=project)
        run([python, "-m", "sitebuild", "site", "--pyodide-source", "self-hosted", "--snapshot", "false"], cwd=project)
        root.mkdir()
        shutil.move(project / "site", site)
    policy = strict_policy(report_uri=REPORT_PATH).replace("script-src 'self'", "script-src 'self' " + " ".join(theme_script_hashes(site)))
    return site, StaticServer(root, "--header", f"Content-Security-Policy: {policy}", "--reports", str(work / "reports.jsonl"))


@pytest.fixture(scope="module")
def handbooks(tmp_path_factory, wheel):
    """Each engine's handbook, made once for the module whatever order its tests run in."""
    made: dict[str, tuple] = {}
    servers: list[StaticServer] = []

    def get(engine: str) -> tuple[str, Path, Path]:
        if engine not in made:
            work = tmp_path_factory.mktemp(f"handbook-{engine}")
            site, server = install_handbook(engine, work, wheel)
            servers.append(server)
            made[engine] = (server.url + SUB_PATH, site, work / "reports.jsonl")
        return made[engine]

    yield get
    for server in servers:
        server.stop()


@pytest.fixture(params=ENGINES)
def handbook(request, handbooks):
    """The handbook's address, site folder and CSP report file, for each engine."""
    return handbooks(request.param)


@pytest.fixture
def reader(browser, handbook):
    """A tab on the handbook that records requests to other hosts and CSP violations."""
    url, _, reports = handbook
    context = without_search_index(browser.new_context(permissions=["clipboard-read", "clipboard-write"]))
    page = context.new_page()
    foreign = guard_hosts(page, origin(url))
    violations = watch_violations(page, reports)
    next(violations)
    yield page, url
    assert foreign == [], f"requests to another host: {foreign}"
    next(violations, None)  # fails on any violation, in a page or a worker
    context.close()


def test_the_sites_own_fence_still_renders_next_to_the_calculator(handbook):
    html = (handbook[1] / ADR / "index.html").read_text(encoding="utf-8")
    assert '<div class="diagram">checkout -&gt; payments -&gt; ledger</div>' in html
    assert html.count('<form class="st-calc"') == 1


def test_results_at_first_paint_then_live_under_the_strict_policy(browser, reader):
    page, url = reader
    static = browser.new_context(java_script_enabled=False).new_page()
    static.goto(url + ADR)
    form = static.locator('form[data-calculator="sidecar_ram"]')
    assert form.get_attribute("id") == "payments" and form_raw(form)["pods"] == "180"
    expect_native(form)
    static.context.close()

    page.goto(url + ADR)
    form = page.locator("form#payments")
    form.locator('input[name="pods"]').focus()
    expect_state(form, "ready")
    form.locator('input[name="pods"]').fill("420")
    expect_native(form)
    expect(page).to_have_url(re.compile(r"[?&]payments\.pods=420\b"))


def test_a_link_with_inputs_fills_the_block_and_copies_for_the_adr(reader):
    page, url = reader
    page.goto(url + ADR + "?payments.pods=250&payments.sidecar_mib=90")
    record = filled_in_block_copies_for_adr(page.locator("form#payments"), {"pods": "250", "sidecar_mib": "90"})
    assert f"/{SUB_PATH}{ADR}?" in record and "payments.pods=250" in record
