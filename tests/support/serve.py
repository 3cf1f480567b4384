"""Serve a built site on an ephemeral loopback port, like any static host.

Run as ``python serve.py SITE_DIR``; prints the port, then serves until
killed. Python's own table lacks ``.mjs``, which module workers need.
"""

import functools
import http.server
import sys


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, format, *args):
        """Quiet: the tests read pages, not access logs."""


def main(directory: str) -> None:
    handler = functools.partial(StaticSiteHandler, directory=directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1])
