"""The register of figures: every entry valid, every preset value one of its figures.

What a reader of the sources page or of ``figures.json`` relies on: each
figure has an http(s) source, ISO dates, was checked no earlier than it was
published and no later than the site's last review, and every preset of
every calculator shows exactly a figure of the register, in the input's unit.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from calculators import CALCULATORS
from calculators.figures import FIGURES, KINDS, RegisterError, load

#: The day of this site's last review: no figure can have been checked later.
LAST_REVIEW = "2026-12-06"
ISO_DATE = re.compile(r"\d{4}-\d{2}(-\d{2})?\Z")

PRESETS = [(name, preset) for name, calc in CALCULATORS.items() for preset in calc.presets]


def test_the_register_loads_and_is_not_empty():
    assert load() == FIGURES
    assert len(FIGURES) > 50


@pytest.mark.parametrize("figure_id", list(FIGURES))
def test_every_entry_is_sourced_and_dated(figure_id):
    item = FIGURES[figure_id]
    assert item.source_url.startswith(("https://", "http://"))
    assert item.source.strip() and item.label.strip() and item.version.strip()
    assert item.kind in KINDS
    for when in (item.published, item.checked):
        assert ISO_DATE.match(when), when
        year, month, *day = map(int, when.split("-"))
        date(year, month, day[0] if day else 1)  # a real calendar date
    assert item.published <= item.checked <= LAST_REVIEW
    assert item.group, "every figure is listed in a group of the sources page"
    if item.kind == "claim" and item.group == "article":
        assert "article" in item.source


def test_a_bad_entry_is_refused_with_its_name_and_the_rule():
    good = """[[figure]]
id = "x"
value = 1
unit = "ms"
label = "l"
kind = "measurement"
source = "s"
source_url = "https://example.org/"
version = "v"
published = "2026-01-02"
checked = "2026-01-03"
"""
    assert load(good)["x"].text() == "1 ms"
    for old, new, rule in (
        ('source_url = "https://example.org/"', 'source_url = "ftp://example.org/"', "http(s)"),
        ('checked = "2026-01-03"', 'checked = "2026-01-01"', "before published"),
        ('published = "2026-01-02"', 'published = "2026-13-02"', "not a calendar date"),
        ('published = "2026-01-02"', 'published = "Jan 2026"', "ISO date"),
        ('kind = "measurement"', 'kind = "guess"', "kind must be"),
    ):
        with pytest.raises(RegisterError, match=re.escape(rule)) as error:
            load(good.replace(old, new))
        assert "'x'" in str(error.value)


@pytest.mark.parametrize(("name", "preset"), PRESETS, ids=[f"{n}:{p.name}" for n, p in PRESETS])
def test_every_preset_value_is_a_figure_of_the_register(name, preset):
    inputs = {item.name: item for item in CALCULATORS[name].inputs}
    assert set(preset.figures) == set(preset.values), "every value names its figure"
    for input_name, ref in preset.figures.items():
        figure_id, _, end = ref.partition(":")  # "id", or "id:low" / "id:high" for an end of a range
        item = FIGURES[figure_id]
        assert preset.values[input_name] == pytest.approx(item.amount(inputs[input_name].unit, end), rel=1e-12)
        assert item.text() in preset.citation  # the value as published, next to it
    first = next(iter(preset.figures.values())).partition(":")[0]
    assert preset.source_url == FIGURES[first].source_url


def test_hourly_prices_fill_monthly_inputs_at_730_hours_and_nothing_else_converts_silently():
    assert FIGURES["eks_extended_support_price"].amount("per month") == 438.0
    assert FIGURES["lambda_x86_gb_second"].amount("per GB-second") == 0.0000166667
    assert FIGURES["istio_1_30_sidecar_request_cpu"].amount("vCPU") == 0.1
    with pytest.raises(RegisterError, match="does not convert"):
        FIGURES["istio_1_24_sidecar_memory"].amount("vCPU")
