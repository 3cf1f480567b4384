"""nginx serving a built site with the shipped configuration, ``deploy/nginx.conf``.

The shipped file is used as it is, but for its ``listen`` lines (a free
loopback port), its ``root`` and, for a site under a sub-path, its
``error_page``; an optional ``report-uri``
is appended to its Content-Security-Policy so the tests hear of violations
in Web Workers too. A small main configuration around it keeps every file
nginx writes (pid, logs, temporary files) in a temporary folder, and nginx
runs in the foreground as a child of the tests.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "deploy" / "nginx.conf"
CSP_HEADER = re.compile(r'(add_header\s+Content-Security-Policy\s+")([^"]+)(")')


def nginx_binary() -> str | None:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    return found if Path(found).exists() else None


def shipped_policy() -> str:
    """The Content-Security-Policy that ``deploy/nginx.conf`` sends."""
    return CSP_HEADER.search(SHIPPED.read_text(encoding="utf-8")).group(2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_config(port: int, root: Path, prefix: str = "", report_uri: str | None = None) -> str:
    """The shipped file with this port and root, its 404 page under ``prefix``
    (the site's sub-path, as the file's comment says), and optionally a report-uri."""
    text = SHIPPED.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+[^;]+;\n", "", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf'\1root "{root}";\n\1listen 127.0.0.1:{port};', text, flags=re.M)
    text, pages = re.subn(r"^(\s*error_page\s+404\s+)/404\.html;", rf"\1/{prefix}404.html;", text, flags=re.M)
    assert listens >= 1 and roots == 1 and pages == 1, "deploy/nginx.conf changed shape: update tests/support/nginx.py"
    if report_uri:
        text, policies = CSP_HEADER.subn(rf"\1\2; report-uri {report_uri}\3", text)
        assert policies == 1, "deploy/nginx.conf must send exactly one Content-Security-Policy"
    return text


def mime_types() -> str:
    """nginx's own type table (the shipped file adds .mjs and .wasm to it)."""
    for candidate in ("/etc/nginx/mime.types", "/usr/local/nginx/conf/mime.types"):
        if Path(candidate).is_file():
            return f"include {candidate};"
    return "types { text/html html; text/css css; application/javascript js; application/json json; image/svg+xml svg; }"


def main_config(work: Path, site_conf: Path) -> str:
    temp = "\n".join(
        f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root root;\n" if os.geteuid() == 0 else ""  # tmp folders are private to root
    return f"""{user}worker_processes 1;
daemon off;
pid {work / "nginx.pid"};
error_log {work / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    {mime_types()}
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temp}
    include {site_conf};
}}
"""


class NginxServer:
    """nginx in the foreground on a free loopback port; ``url`` ends with a slash."""

    def __init__(self, work: Path, port: int | None = None):
        self.binary = nginx_binary()
        self.work = work
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = None

    def start(self, root: Path, prefix: str = "", report_uri: str | None = None) -> None:
        """Serve ``root``, with the built site in ``root / prefix``."""
        self.work.mkdir(parents=True, exist_ok=True)
        site_conf = self.work / "sidecar-tax.conf"
        site_conf.write_text(site_config(self.port, root, prefix, report_uri), encoding="utf-8")
        main = self.work / "nginx.conf"
        main.write_text(main_config(self.work, site_conf), encoding="utf-8")
        command = [self.binary, "-p", str(self.work), "-c", str(main), "-e", str(self.work / "error.log")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True)
        assert check.returncode == 0, f"nginx rejects the configuration:\n{check.stderr}"
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx stopped: {self.process.stderr.read()}{self.error_log()}")
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return
            except urllib.error.HTTPError:  # it answers (the root may hold only a sub-path's folder)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"nginx did not answer on {self.url}: {self.error_log()}")

    def error_log(self) -> str:
        log = self.work / "error.log"
        return log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def fetch(url: str, method: str = "GET"):
    """The response to ``url``, an error status included, asking for gzip as browsers do."""
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": "gzip"})
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def page_text(response) -> str:
    """A response's body as text, inflated when it came gzipped."""
    body = response.read()
    return (gzip.decompress(body) if response.headers.get("Content-Encoding") == "gzip" else body).decode()
