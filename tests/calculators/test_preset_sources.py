"""Every published figure carries its source and date; the interface table
on the citing page lists exactly what the schemas define.

Both run over :data:`calculators.CALCULATORS`, so a calculator added later is
checked without touching this file.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

import calculators
from sitebuild.interface_table import format_interface

ALL_PRESETS = [
    (name, preset) for name, calc in calculators.CALCULATORS.items() for preset in calc.presets
]
PRESET_IDS = [f"{name}:{preset.name}" for name, preset in ALL_PRESETS]

_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
#: Nothing on the site may claim a date after the day it was last reviewed.
LAST_REVIEWED = date(2026, 12, 5)


def _published_date(text: str) -> date | None:
    match = _DATE.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None


def test_there_are_presets_to_check():
    assert len(ALL_PRESETS) >= 10


@pytest.mark.parametrize(("name", "preset"), ALL_PRESETS, ids=PRESET_IDS)
def test_preset_has_a_valid_published_date(name, preset):
    when = _published_date(preset.published)
    assert when is not None, f"{name}:{preset.name}: published must be YYYY-MM-DD or YYYY-MM, got {preset.published!r}"
    assert date(2000, 1, 1) <= when <= LAST_REVIEWED


@pytest.mark.parametrize(("name", "preset"), ALL_PRESETS, ids=PRESET_IDS)
def test_preset_has_an_https_source_and_says_what_its_figures_are(name, preset):
    parts = urlsplit(preset.source_url)
    assert parts.scheme == "https" and parts.netloc, f"{name}:{preset.name}: {preset.source_url!r}"
    assert re.search(r"\d{4}-\d{2}", preset.citation), "the citation names a date next to the figure"
    if preset.claim_only:  # the article's own numbers: the citation says they are claims
        assert "claim" in preset.citation


def test_claims_are_flagged_and_only_claims():
    flagged = {(n, p.name) for n, p in ALL_PRESETS if p.claim_only}
    assert flagged, "the article's presets are expected to be flagged"
    assert all(p.name.startswith("article") for _, p in ALL_PRESETS if p.claim_only)


class _Table(HTMLParser):
    """Collects the data-* attributes of each row and the text of each cell."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, object]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr" and dict(attrs).get("data-kind"):
            self.rows.append({**dict(attrs), "cells": []})
        elif tag == "td" and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _table() -> list[dict[str, object]]:
    html = format_interface("", "calculator-interface", "calculator-interface", {}, None)
    parser = _Table()
    parser.feed(html)
    return parser.rows


def test_interface_table_lists_exactly_every_input_and_output():
    rows = _table()
    listed_inputs = {(r["data-calculator"], r["data-name"]) for r in rows if r["data-kind"] == "input"}
    listed_outputs = {(r["data-calculator"], r["data-name"]) for r in rows if r["data-kind"] == "output"}
    want_inputs = {(n, i.name) for n, c in calculators.CALCULATORS.items() for i in c.inputs}
    want_outputs = {(n, o.name) for n, c in calculators.CALCULATORS.items() for o in c.outputs}
    assert listed_inputs == want_inputs
    assert listed_outputs == want_outputs
    assert len(rows) == len(want_inputs) + len(want_outputs)  # no duplicates


def test_interface_table_shows_url_key_rule_and_default_from_the_schema():
    by_key = {(r["data-calculator"], r["data-name"]): r["cells"] for r in _table() if r["data-kind"] == "input"}
    for name, calc in calculators.CALCULATORS.items():
        for item in calc.inputs:
            cells = by_key[(name, item.name)]
            assert cells[2] == f"{name}.{item.name}"
            assert cells[3] == item.label
            assert cells[4] == item.unit
            assert cells[5] == item.rule()
            assert cells[6] == item.text(item.default)


def test_interface_table_escapes_text():
    html = format_interface("<script>", "calculator-interface", 'x" onload="y', {}, None)
    assert "<script>" not in html
    assert 'onload="y"' not in html
