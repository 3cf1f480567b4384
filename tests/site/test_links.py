"""Every internal link and anchor on every built page resolves.

Reads the HTML of the session's real build (every ``*.html`` file, the 404
page and the redirect pages included): each ``href`` and ``src`` on the
site's own host must name a file of the build, and each ``#anchor`` an
``id`` (or ``name``) in the page it points to. Links that carry calculator
state (``?BLOCK.INPUT=VALUE``, as pages show ADR authors) must name a block
on the target page, one of its inputs and a value its schema accepts.
Links to other hosts are not fetched (no network here).
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urljoin, urlsplit

import calculators

PAGE_HOST = "http://site.invalid"  # a stand-in origin for resolving relative links


class Page(HTMLParser):
    """Ids, calculator blocks and outgoing links of one HTML page."""

    LINKS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.blocks: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name"):
            if attributes.get(key):
                self.ids.add(attributes[key])
        if tag == "form" and "data-calculator" in attributes:
            self.blocks[attributes.get("id", "")] = attributes["data-calculator"]
        wanted = self.LINKS.get(tag)
        if wanted and attributes.get(wanted):
            self.links.append(attributes[wanted])
        for key in ("data-target",):  # redirect.js reads its target from here
            if tag == "script" and attributes.get(key):
                self.links.append(attributes[key])


@cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_prefix(site: Path) -> tuple[str, str]:
    """The origin and path the site was built for (from its sitemap)."""
    first = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)
    parts = urlsplit(first)
    return f"{parts.scheme}://{parts.netloc}", "/" if parts.path.count("/") <= 1 else parts.path


def target_file(site: Path, path: str) -> Path | None:
    """The built file a site path points to, if any."""
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def check_state(query: str, target: Page, link: str) -> list[str]:
    """A calculator link's state names blocks, inputs and values the target accepts."""
    problems = []
    values: dict[str, dict[str, str]] = defaultdict(dict)
    for key, value in parse_qsl(query, keep_blank_values=True):
        block, _, name = key.partition(".")
        if block not in target.blocks:
            problems.append(f"{link}: no calculator block {block!r} there")
            continue
        values[block][name] = value
    for block, raw in values.items():
        calculator = calculators.get(target.blocks[block])
        unknown = set(raw) - {spec.name for spec in calculator.inputs}
        if unknown:
            problems.append(f"{link}: {block} has no input {sorted(unknown)}")
        errors = calculators.evaluate(calculator.name, raw)["errors"]
        problems += [f"{link}: {error['message']}" for error in errors]
    return problems


def test_every_internal_link_and_anchor_resolves(built_site):
    origin, root = site_prefix(built_site)
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 15
    problems: list[str] = []
    checked = 0
    for html in pages:
        here = PAGE_HOST + "/" + html.relative_to(built_site).as_posix()
        for link in parse(html).links:
            if link.startswith(origin):
                link = PAGE_HOST + link[len(origin):]
            url = urlsplit(urljoin(here, link))
            if url.scheme in ("mailto", "tel", "data") or (url.scheme and f"{url.scheme}://{url.netloc}" != PAGE_HOST):
                continue  # another host: not fetched here
            where = f"{html.relative_to(built_site)}: {link}"
            path = url.path[len(root) - 1:] if url.path.startswith(root) else url.path
            target = target_file(built_site, path)
            if target is None:
                problems.append(f"{where}: no such file in the build")
                continue
            checked += 1
            if target.suffix != ".html":
                continue
            if url.fragment and unquote(url.fragment) not in parse(target).ids:
                problems.append(f"{where}: no #{url.fragment} in {target.relative_to(built_site)}")
            if url.query:
                problems += check_state(url.query, parse(target), where)
    assert problems == [], "\n".join(problems)
    assert checked > 500, f"only {checked} links checked: is the parser still finding them?"


EXAMPLE = re.compile(r"((?:[\w.-]+/)+)\?([^\s#<\"')]+)#([\w-]+)")


def test_calculator_links_the_pages_show_resolve(built_site):
    """The calculator links pages show as examples (for ADR authors, in code
    or prose, often under an example host) work on this build: page,
    anchor, block, inputs and values."""
    import html as html_module

    found, problems = 0, []
    for page in built_site.rglob("*.html"):
        text = html_module.unescape(page.read_text(encoding="utf-8"))
        for path, query, anchor in set(EXAMPLE.findall(text)):
            parts = path.split("/")
            targets = [target_file(built_site, "/".join(parts[i:])) for i in range(len(parts) - 1)]
            target = next((t for t in targets if t is not None and t.suffix == ".html"), None)
            where = f"{page.relative_to(built_site)}: {path}?{query}#{anchor}"
            if target is None:
                problems.append(f"{where}: no such page")
                continue
            found += 1
            if anchor not in parse(target).ids:
                problems.append(f"{where}: no #{anchor} there")
            problems += check_state(query, parse(target), where)
    assert found >= 2, "no page shows a calculator link: is the pattern still right?"
    assert problems == [], "\n".join(problems)


def test_the_state_check_refuses_what_it_should(built_site):
    resources = parse(target_file(built_site, "guide/resources/"))
    assert check_state("sidecar_ram.pods=250", resources, "ok") == []
    assert check_state("sidecar_rum.pods=250", resources, "x") == ["x: no calculator block 'sidecar_rum' there"]
    assert check_state("sidecar_ram.podz=1", resources, "x") == ["x: sidecar_ram has no input ['podz']"]
    assert check_state("sidecar_ram.pods=-1", resources, "x") == [
        "x: " + calculators.evaluate("sidecar_ram", {"pods": "-1"})["errors"][0]["message"]
    ]
