"""Two editions of the site, published from two commits of a temporary copy
of this project, served from its ``editions`` branch as ``make
serve-editions`` does.

The copy is the working tree as it is (tracked and new files), committed;
the second commit changes how sidecar_ram computes memory (GB instead of
GiB) and its default pod count, so the two editions answer differently.
Both editions are built without the start-up snapshot (SNAPSHOT=false):
the snapshot is tested in tests/e2e/test_snapshot.py, and leaving it out
saves two snapshot builds; each edition still ships its own Pyodide copy
and calculators package.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.conftest import console_errors  # noqa: F401 (a fixture)

OLDER, NEWER = "2026-01-05", "2026-01-12"
FILLED = {"pods": "250", "sidecar_mib": "90"}


@dataclass(frozen=True)
class Editions:
    url: str
    clone: Path
    expected: dict[str, dict]  # edition -> native outputs for FILLED, with that edition's code


def git(clone: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=clone, check=True, capture_output=True, text=True).stdout


def copy_working_tree(target: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    (ROOT / ".cache").mkdir(exist_ok=True)
    (target / ".cache").symlink_to(ROOT / ".cache")  # the pinned Pyodide, fetched once
    git(target, "init", "-q", "-b", "main")
    git(target, "config", "user.name", "Editions test")
    git(target, "config", "user.email", "editions@example.invalid")


def commit(clone: Path, edition: str, summary: str) -> None:
    """Everything in the clone, with the edition's summary for readers."""
    (clone / "editionbuild" / "summaries" / f"{edition}.md").write_text(summary, encoding="utf-8")
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", f"edition {edition}")


def native_outputs(clone: Path) -> dict:
    """sidecar_ram for FILLED, computed by the clone's code as it is now."""
    code = f"import calculators, json; print(json.dumps(calculators.evaluate('sidecar_ram', {FILLED!r})))"
    result = json.loads(subprocess.run([sys.executable, "-c", code], cwd=clone, check=True, capture_output=True, text=True).stdout)
    assert result["ok"], result
    return result["outputs"]


def change_the_calculator(clone: Path) -> None:
    module = clone / "calculators" / "sidecar_ram.py"
    text = module.read_text(encoding="utf-8")
    changed, found = re.subn(r"ram_gib = pods \* sidecar_mib / 1024", "ram_gib = pods * sidecar_mib / 1000", text)
    changed, found_default = re.subn(r'("pods", "Pods", "pods", int, )100,', r"\g<1>120,", changed)
    assert found == found_default == 1, "sidecar_ram.py changed: update this test's edit"
    module.write_text(changed, encoding="utf-8")


def publish(clone: Path, edition: str, url: str) -> None:
    env = {**os.environ, "SITE_URL": url, "SNAPSHOT": "false", "PYODIDE_SOURCE": "self-hosted", "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "editionbuild", "publish", edition], cwd=clone, env=env,
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, f"edition {edition}:\n{built.stdout}\n{built.stderr}"


@pytest.fixture(scope="session")
def editions(tmp_path_factory):
    clone = tmp_path_factory.mktemp("editions-clone")
    copy_working_tree(clone)
    server = subprocess.Popen([sys.executable, "-m", "editionbuild", "serve", "--port", "0"], cwd=clone,
                              stdout=subprocess.PIPE, text=True)
    try:
        url = re.search(r"http://\S+/", server.stdout.readline()).group(0)
        commit(clone, OLDER, "The first edition.\n")
        expected = {OLDER: native_outputs(clone)}
        publish(clone, OLDER, url)
        change_the_calculator(clone)
        commit(clone, NEWER, "Sidecar memory is now counted in GB, and the example has 120 pods.\n")
        expected[NEWER] = native_outputs(clone)
        assert expected[OLDER]["ram_gib"]["value"] != expected[NEWER]["ram_gib"]["value"]
        publish(clone, NEWER, url)
        yield Editions(url, clone, expected)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(editions) -> str:
    return editions.url


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "permissions": ["clipboard-read", "clipboard-write"]}
