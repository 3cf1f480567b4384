"""Shared fixtures: one real ``mkdocs build`` per session, served over HTTP.

The site is built with self-hosted Pyodide (so the browser tests run
offline) into a temporary folder, and served from a separate process on an
ephemeral port, as pytest-pyodide does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def build_site(target: Path, **env: str) -> subprocess.CompletedProcess:
    """Run a real ``mkdocs build --strict`` of this project into ``target``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)],
        cwd=ROOT,
        env={**os.environ, "PYODIDE_SOURCE": "self-hosted", "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


class StaticServer:
    """A folder served by ``tests/support/serve.py`` in its own process."""

    def __init__(self, directory: Path, *options: str):
        """``options`` go to serve.py: ``--header 'Name: value'``, ``--reports FILE``."""
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "support" / "serve.py"), str(directory), *options],
            stdout=subprocess.PIPE,
            text=True,
        )
        port = self.process.stdout.readline().strip()
        self.url = f"http://127.0.0.1:{port}/"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """The server starts first: Material's instant navigation only follows
    links whose port matches ``site_url``, so the build needs the port."""
    server = StaticServer(tmp_path_factory.mktemp("site") / "site")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    target = site_server.directory
    result = build_site(target, SITE_URL=site_server.url)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stderr}"
    return target


@pytest.fixture(scope="session")
def base_url(site_server, built_site) -> str:
    """pytest-playwright resolves relative ``page.goto`` URLs against this."""
    return site_server.url


def chromium_path() -> str | None:
    """Debian's Chromium when present; otherwise Playwright's own download."""
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    if chromium_path():
        args["executable_path"] = chromium_path()
    return args
