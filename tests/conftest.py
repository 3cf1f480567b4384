"""Shared fixtures: each variant of the site built once per session, served
over HTTP from a separate process on an ephemeral port (as pytest-pyodide
does).

Every build uses self-hosted Pyodide unless a variant says otherwise, so
the browser tests run offline. A build needs its server's address first:
Material's instant navigation only follows links under ``site_url``, port
included.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild.options import RuntimeOptions
from sitebuild.postbuild import cache_lock
from sitebuild.runtime_files import unpack_pyodide

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def build_site(target: Path, engine: str = "mkdocs", **env: str) -> subprocess.CompletedProcess:
    """Build this project into ``target`` as ``make build`` or ``make
    build-zensical`` does; ``env`` adds environment variables (SITE_URL, ...).

    Zensical only writes inside the project, so its build goes to
    ``.cache/test-sites/`` and is then moved to ``target``.
    """
    env = {**os.environ, "PYODIDE_SOURCE": "self-hosted", "NO_MKDOCS_2_WARNING": "1", **env}
    if engine == "mkdocs":
        return _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(target)], env)
    inside = ROOT / ".cache" / "test-sites" / uuid.uuid4().hex
    built = _run([sys.executable, "-m", "zensical", "build", "--strict"], {**env, "SITE_DIR": str(inside)})
    if built.returncode == 0:
        options = ["--pyodide-source", env["PYODIDE_SOURCE"], "--snapshot", env.get("SNAPSHOT", "true")]
        built = _run([sys.executable, "-m", "sitebuild", str(inside), *options], env)
    if inside.exists():
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(inside, target)
    return built


def pinned_pyodide() -> Path:
    """The pinned Pyodide, unpacked in ``.cache/`` once, under the lock builds
    take: a test that reads it while a parallel build unpacks it waits."""
    with cache_lock(ROOT / ".cache"):
        return unpack_pyodide(RuntimeOptions(), ROOT / ".cache" / "pyodide")


def runtime_config(site: Path) -> dict:
    """A built site's ``assets/calculators/config.js``, as data."""
    text = (site / "assets" / "calculators" / "config.js").read_text(encoding="utf-8")
    return json.loads(text.split("export default", 1)[1].strip().rstrip(";"))


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


@dataclass(frozen=True)
class ServedSite:
    """A built site and the server that serves it; ``reports`` collects the
    CSP violation reports the server was sent (when asked for)."""

    url: str
    site: Path
    reports: Path | None


class SiteBuilds:
    """Each variant of the site, built and served at most once per session."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sites: dict[str, ServedSite] = {}
        self.servers: list[StaticServer] = []

    def get(self, name: str, *, engine: str = "mkdocs", headers: tuple[str, ...] = (),
            reports: bool = False, **env: str) -> ServedSite:
        """The variant ``name``: built by ``engine`` with ``env``, served with
        ``headers`` on every response. The first call builds it."""
        if name not in self.sites:
            work = self.folder / name
            options = [part for header in headers for part in ("--header", header)]
            report_file = work / "reports.jsonl" if reports else None
            if report_file:
                options += ["--reports", str(report_file)]
            server = StaticServer(work / "site", *options)
            self.servers.append(server)
            result = build_site(work / "site", engine, SITE_URL=server.url, **env)
            assert result.returncode == 0, f"{engine} build of {name} failed:\n{result.stdout}\n{result.stderr}"
            self.sites[name] = ServedSite(server.url, work / "site", report_file)
        return self.sites[name]

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


@pytest.fixture(scope="session")
def site_builds(tmp_path_factory):
    builds = SiteBuilds(tmp_path_factory.mktemp("sites"))
    yield builds
    builds.stop()


def production_policy() -> str:
    """The Content-Security-Policy header of ``deploy/nginx.conf``, reporting
    each violation to the test server (``ServedSite.reports``)."""
    from tests.e2e.strict import REPORT_PATH, strict_policy

    return f"Content-Security-Policy: {strict_policy(report_uri=REPORT_PATH)}"


@pytest.fixture(scope="session")
def default_site(site_builds) -> ServedSite:
    """The site as ``make build`` makes it, served under the production policy."""
    return site_builds.get("default", headers=(production_policy(),), reports=True)


@pytest.fixture(scope="session")
def zensical_site(site_builds) -> ServedSite:
    """The site as ``make build-zensical`` makes it, served under the production policy."""
    return site_builds.get("zensical", engine="zensical", headers=(production_policy(),), reports=True)


#: How far each session build's CSP report file has been read.
REPORTS_READ: dict[Path, int] = {}


@pytest.fixture(autouse=True)
def no_violation_reported_by_the_session_builds(request):
    """Every test on the session's default builds runs under the production
    policy: a violation reported to their servers while it ran (by a page
    or a Web Worker) fails it. Reports are POSTed a little later: one that
    arrives after its test ended fails the next test on the same build."""
    from tests.e2e.strict import reports_after

    builds = [request.getfixturevalue(name) for name in ("default_site", "zensical_site") if name in request.fixturenames]
    yield
    for served in builds:
        reported, REPORTS_READ[served.reports] = reports_after(served.reports, REPORTS_READ.get(served.reports, 0))
        assert reported == [], f"CSP violations reported to the {served.url} build: {reported}"


@pytest.fixture(scope="session")
def built_site(default_site) -> Path:
    return default_site.site


@pytest.fixture(scope="session")
def base_url(default_site) -> str:
    """pytest-playwright resolves relative ``page.goto`` URLs against this."""
    return default_site.url


@pytest.fixture
def browser_context_args(browser_context_args, base_url):
    """Each test's own ``base_url`` (a folder's conftest may name another):
    pytest-playwright's session-wide arguments keep the first one a worker saw."""
    return {**browser_context_args, "base_url": base_url}


def chromium_path() -> str | None:
    """Debian's Chromium when present; otherwise None (Playwright's own download).
    The benchmark measures this browser: the one a reader runs."""
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


def debian_headless_shell() -> str | None:
    """Debian's Chromium headless shell, when installed: the binary itself
    first (``/usr/bin/chromium-headless-shell`` is a shell script around it)."""
    for found in ("/usr/lib/chromium/chromium-headless-shell", shutil.which("chromium-headless-shell")):
        if found and Path(found).exists():
            return found
    return None


def browser_for_tests(headless: bool = True) -> str | None:
    """The browser the tests run in: Debian's headless shell, else Debian's
    Chromium, else None (Playwright's own download, its headless shell).

    The shell has the same Blink and V8 as Chromium without the browser
    around them, as in Playwright's own headless runs, and takes less CPU
    (``tests/bench/browser_cost.py`` compares the two). ``pytest --headed``
    needs a window, so it gets Chromium.
    """
    return (debian_headless_shell() if headless else None) or chromium_path()


#: The path of Material's search worker, as built sites ship it (Zensical's too).
SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[^/]*\.min\.js$")

#: Before any script of a page runs: the search worker the theme starts is a
#: stand-in that answers nothing, until ``let_real_search_in``.
QUIET_SEARCH = """
(() => {
  const searchWorker = new RegExp(%s);
  class QuietWorker extends EventTarget { postMessage() {} terminate() {} }
  self.Worker = new Proxy(self.Worker, {
    construct(Worker, args) {
      const url = new URL(args[0], location.href);
      if (self.__stRealSearch || !searchWorker.test(url.pathname)) return new Worker(...args);
      self.__stQuietedSearch = url.href;
      return new QuietWorker();
    },
  });
})();
""" % json.dumps(SEARCH_WORKER.pattern)


def without_search_index(context):
    """``context``, its pages' search worker a stand-in that does nothing,
    so that none of them builds a search index.

    The theme's worker builds the whole index on every full page load,
    whether or not the reader searches: about a third of a page load's CPU
    in the tests' browser. A test that never searches does not need it; the
    walks over every page let the real worker in before they search
    (``visit_everything`` in tests/e2e/test_third_party.py). A script run
    before the page's, not a route: any route turns off the context's HTTP
    cache and sends every request through Playwright (measured: a page load
    with the stand-in 0.41 core-seconds, with an empty script routed in 0.51,
    with the real worker 0.72).
    """
    context.add_init_script(QUIET_SEARCH)
    return context


def let_real_search_in(context) -> None:
    """Pages ``context`` opens from now on start Material's real search worker."""
    context.add_init_script("self.__stRealSearch = true")


@pytest.fixture
def new_context(new_context):
    """pytest-playwright's contexts (``page``'s too), without a search index."""
    return lambda **args: without_search_index(new_context(**args))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    browser = browser_for_tests(args.get("headless", True))
    if browser:
        args["executable_path"] = browser
    return args
