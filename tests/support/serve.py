"""Serve a built site on an ephemeral loopback port, like any static host.

Run as ``python serve.py SITE_DIR [--header 'Name: value' ...] [--reports FILE]``;
prints the port, then serves until killed. Python's own table lacks ``.mjs``,
which module workers need.

``--header`` adds a response header to every response (the strict
Content-Security-Policy tests send the policy of ``deploy/nginx.conf``).
``--reports FILE`` accepts the browser's CSP violation reports, POSTed to
``/__csp-report`` (name it in the policy's ``report-uri``), and appends each
one to FILE as a line of JSON: reports also come from Web Workers, which a
page's ``securitypolicyviolation`` listener never hears.
"""

import argparse
import functools
import http.server
import json
import sys
import threading


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def __init__(self, *args, headers=(), reports=None, **kwargs):
        self.extra_headers = headers
        self.reports = reports
        super().__init__(*args, **kwargs)

    def end_headers(self):
        for name, value in self.extra_headers:
            self.send_header(name, value)
        super().end_headers()

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        if self.reports is None or self.path.split("?")[0] != "/__csp-report":
            self.send_error(405)
            return
        try:
            report = json.loads(body or b"null")
        except ValueError:
            report = {"unreadable": body.decode("utf-8", "replace")}
        with REPORTS_LOCK, open(self.reports, "a", encoding="utf-8") as file:
            file.write(json.dumps(report) + "\n")
        self.send_response(204)
        self.end_headers()

    def log_message(self, format, *args):
        """Quiet: the tests read pages, not access logs."""


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A browser that drops a connection mid-file is no test failure."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


REPORTS_LOCK = threading.Lock()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    parser.add_argument("--reports", help="append CSP violation reports to this file")
    args = parser.parse_args()
    headers = [tuple(part.strip() for part in header.split(":", 1)) for header in args.header]
    handler = functools.partial(StaticSiteHandler, directory=args.directory, headers=headers, reports=args.reports)
    server = QuietServer(("127.0.0.1", 0), handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
