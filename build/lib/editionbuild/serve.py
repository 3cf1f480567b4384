"""``make serve-editions``: the ``editions`` branch over HTTP, straight from
git (mike's handler), with the types module workers and WebAssembly need
and the Content-Security-Policy of ``deploy/nginx.conf``."""

from __future__ import annotations

import http.server
import re
from pathlib import Path

from mike.server import GitBranchHTTPHandler

from editionbuild import BRANCH

NGINX_CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf"
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json"}


def shipped_policy() -> str:
    return re.search(r'add_header Content-Security-Policy "([^"]+)"', NGINX_CONF.read_text(encoding="utf-8")).group(1)


class EditionsHandler(GitBranchHTTPHandler):
    branch = BRANCH
    policy = shipped_policy()

    def guess_type(self, path):
        return TYPES.get(Path(path).suffix) or super().guess_type(path)

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format, *args):
        """Quiet: one line per file would bury the address."""


def serve(port: int) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), EditionsHandler)
    print(f"Serving the {BRANCH} branch at http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
