"""The built site can run under the strict Content-Security-Policy it ships.

Static checks of the session's build and the shipped files; the browser
tests (tests/e2e/test_csp.py, test_every_page.py, test_nginx.py) then run the site under the
policy. Here: no built page carries code the policy would refuse (inline
scripts, event-handler attributes, ``javascript:`` URLs, inline styles),
the policy in ``deploy/nginx.conf`` has no unsafe source, and the runtime's
scripts never turn text into markup or code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tests.support.nginx import shipped_policy

ROOT = Path(__file__).resolve().parents[2]
DATA_SCRIPTS = {"application/json", "application/ld+json", "importmap"}


class Refused(HTMLParser):
    """What a strict policy refuses, found in one page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_script: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>: an inline event handler")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>: a javascript: URL")
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>: an inline style")
        if tag == "style":
            self.found.append("<style>: an inline style sheet")
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in DATA_SCRIPTS:
            self.in_script = ""

    def handle_data(self, data):
        if self.in_script is not None:
            self.in_script += data

    def handle_endtag(self, tag):
        if tag == "script" and self.in_script is not None:
            self.found.append(f"<script>{self.in_script.strip()[:60]}...: an inline script")
            self.in_script = None


def test_no_built_page_needs_unsafe_inline(built_site):
    problems = []
    pages = sorted(built_site.rglob("*.html"))
    for page in pages:
        parser = Refused()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(built_site)}: {found}" for found in parser.found]
    assert len(pages) >= 15
    assert problems == [], "\n".join(problems)


def test_the_shipped_policy_has_no_unsafe_source():
    policy = dict(
        (directive.split()[0], directive.split()[1:]) for directive in shipped_policy().split(";") if directive.strip()
    )
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'"]
    assert policy["worker-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    sources = {source for values in policy.values() for source in values}
    assert not sources & {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "blob:", "http:", "https:"}


def test_the_runtime_never_turns_text_into_markup_or_code():
    pattern = re.compile(
        r"\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|"
        r"createContextualFragment|DOMParser|setTimeout\(\s*[\"'`]|setInterval\(\s*[\"'`]"
    )
    scripts = sorted([*(ROOT / "overrides/assets").rglob("*.js"), *(ROOT / "sitebuild/assets").rglob("*.*js")])
    assert scripts
    problems = [
        f"{script.name}:{number}: {line.strip()}"
        for script in scripts
        for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert problems == []
