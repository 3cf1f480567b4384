"""Every figure a built page shows is cited, and every table is well formed.

A reader checks a figure by its citation, so the pages must show published
figures only through the register ([[fig:ID]], figure tables, calculator
presets). A test cannot tell a published figure from any other number, but
it can find what looks like one: a number with a unit of memory, CPU or
time. Each such match outside the elements that carry a citation (or say
they are arithmetic on cited figures, or labelled placeholders, or code) is
a figure written by hand, and fails here with its page and words.

Also: every table has as many cells in each row as its header has columns (a cell that slips into the next row breaks a table
without breaking the build).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators.figures import FIGURES

#: A number followed by a unit of memory, CPU or time: what a figure looks like.
FIGURE_LIKE = re.compile(r"(?<![\w.])\d[\d,.]*\s?(?:MiB|MB|GiB|GB|Mi|Gi|ms|vCPU)\b")
#: Elements whose text is a cited figure, a calculator (presets and help carry
#: citations), a table of the register, arithmetic on cited figures, a labelled
#: placeholder, or code.
EXEMPT_CLASSES = {"st-fig", "st-calc", "st-figures", "st-rule", "st-chart", "st-derived", "st-placeholder",
                  "highlight", "st-interface"}
EXEMPT_TAGS = {"code", "pre", "script", "style", "svg", "template", "head"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageReader(HTMLParser):
    """The words of a page outside exempt elements, its figures, review date and tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, exempt from here down)
        self.words: list[str] = []
        self.figures: set[str] = set()
        self.calculators: set[str] = set()
        self.reviewed: list[str] = []
        self.tables: list[list[list[int]]] = []  # per table, per row: [cells, colspan sum]
        self.row_words: list[list[str]] | None = None
        self.row_cited = False

    @property
    def exempt(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        classes = set((attr.get("class") or "").split())
        if attr.get("data-figure"):
            self.figures.add(attr["data-figure"])
            self.row_cited = self.row_cited or self.row_words is not None
        if attr.get("data-calculator") and "st-calc" in classes:  # a calculator, not a table about one
            self.calculators.add(attr["data-calculator"])
        if tag == "time" and self.stack and any("st-last-reviewed" in t for t, _ in self.stack_classes()):
            self.reviewed.append(attr.get("datetime") or "")
        if tag == "table":
            self.tables.append([])
        if tag == "tr" and self.tables:
            self.tables[-1].append([0])
            self.row_words, self.row_cited = [], False
        if tag in ("td", "th") and self.tables and self.tables[-1]:
            self.tables[-1][-1][0] += int(attr.get("colspan") or 1)
        if tag in VOID_TAGS:
            return
        exempt = self.exempt or tag in EXEMPT_TAGS or bool(classes & EXEMPT_CLASSES)
        self.stack.append((tag, exempt, " ".join(sorted(classes))))

    def stack_classes(self) -> list[tuple[str, bool]]:
        return [(entry[2], entry[1]) for entry in self.stack]

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "tr" and self.row_words is not None:
            if not self.row_cited:  # a row that shows a register figure is cited by it
                self.words.extend(self.row_words)
            self.row_words = None

    def handle_data(self, data: str) -> None:
        if self.exempt:
            return
        (self.row_words if self.row_words is not None else self.words).append(data)


def read(path: Path) -> PageReader:
    reader = PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


def pages(site: Path) -> list[Path]:
    """The site's content pages (not redirects, not the 404 page)."""
    found = []
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in text:
            found.append(path)
    return found


def test_the_check_finds_a_figure_written_by_hand_and_only_that():
    reader = PageReader()
    reader.feed(
        '<p>A sidecar uses 60 MB and adds 0.228 ms; the chart says 128Mi.</p>'
        '<p><span class="st-fig" data-figure="istio_1_24_sidecar_memory">60 MB</span> 1000 rps '
        '<span class="st-derived">12.5 GiB</span> <code>100m 128Mi</code> Istio 1.24, v1.2 MBean</p>'
        '<table><tr><th>a</th><th>b</th></tr><tr><td><span class="st-fig" data-figure="x">1 ms</span></td>'
        '<td>at 2 vCPU</td></tr><tr><td>3 GB</td><td></td></tr></table>'
    )
    found = FIGURE_LIKE.findall(" ".join(reader.words))
    assert found == ["60 MB", "0.228 ms", "128Mi", "3 GB"]
    assert reader.tables == [[[2], [2], [2]]]


def test_no_page_shows_a_figure_without_its_citation(built_site):
    uncited = {}
    for path in pages(built_site):
        words = " ".join(" ".join(read(path).words).split())
        found = [words[max(0, m.start() - 40):m.end() + 10] for m in FIGURE_LIKE.finditer(words)]
        if found:
            uncited[str(path.relative_to(built_site).parent)] = found
    assert not uncited, uncited


def test_every_table_has_as_many_cells_in_each_row_as_its_header(built_site):
    broken = {}
    for path in pages(built_site):
        for number, rows in enumerate(read(path).tables, 1):
            widths = [row[0] for row in rows]
            if widths and any(width != widths[0] for width in widths):
                broken[f"{path.relative_to(built_site).parent} table {number}"] = widths
    assert not broken, broken


@pytest.mark.parametrize("figure_id", ["istio_1_20_sidecar_latency_p90", "fargate_vcpu_price", "article_chain_latency"])
def test_the_sources_page_lists_every_figure_with_its_anchor(built_site, figure_id):
    sources = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    for item in FIGURES.values():
        assert f'id="fig-{item.id}"' in sources, item.id
    assert f'href="{FIGURES[figure_id].source_url}"' in sources
