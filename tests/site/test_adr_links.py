"""The worked ADRs cite filled-in calculators the way a reader's ADR should.

Each calculator link in them carries every input of its calculator (so it
keeps its numbers when a default changes, as Copy link does), and every
value is one the calculator accepts.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

import calculators

DOCS = Path(__file__).resolve().parents[2] / "docs"
ADRS = [DOCS / "adr-examples.md", *sorted((DOCS / "snippets").glob("adr-*.md"))]
LINK = re.compile(r"https://docs\.example\.internal/sidecar-tax/[^\s)>]+\?[^\s)>]+")


def calculator_links() -> list[tuple[str, str]]:
    return [(path.name, link) for path in ADRS for link in LINK.findall(path.read_text(encoding="utf-8"))]


def test_the_worked_adrs_link_filled_in_calculators():
    names = {link.split("?")[1].split(".")[0] for _, link in calculator_links()}
    assert {"mesh_fit", "sidecar_ram", "chain_latency"} <= names


@pytest.mark.parametrize(("adr", "link"), calculator_links())
def test_each_link_carries_every_input_with_a_valid_value(adr, link):
    pairs = parse_qsl(urlsplit(link).query)
    name = pairs[0][0].split(".")[0]
    raw = {key.split(".", 1)[1]: value for key, value in pairs}
    assert all(key.startswith(f"{name}.") for key, _ in pairs), link
    assert set(raw) == {item.name for item in calculators.get(name).inputs}, f"{adr}: {link}"
    result = calculators.evaluate(name, raw)
    assert result["ok"], (adr, result["errors"])
