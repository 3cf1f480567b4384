"""The "What changed" list, from two editions' records and figures."""

from __future__ import annotations

import copy

import markdown

from editionbuild.changes import Edition, report


def record(**changes) -> dict:
    base = {
        "calculators": [{"name": "sidecar_ram", "inputs": [{"name": "pods", "default": 100}]}],
        "verdict_rules": {"SERVICES_THRESHOLD": 200},
        "redirects": {"guide/resource-tax.md": "guide/resources.md"},
        "stable_anchors": ["guide/resources/#sidecar-memory"],
        "calculators_hash": "28abc88c2919",
    }
    return {**copy.deepcopy(base), **changes}


FIGURE = {"id": "istio_sidecar_mib", "value": 60, "unit": "MB", "source_url": "https://example.org/a",
          "version": "1.24.0", "published": "2024-11-07", "checked": "2026-12-05"}


def test_the_first_edition_says_there_is_nothing_to_compare():
    assert "first edition" in report(None, Edition("2026-12-06", record(), None))


def test_an_edition_without_a_register_before_it_says_so_instead_of_failing():
    text = report(Edition("2026-12-06", record(), None), Edition("2026-12-13", record(), [FIGURE]))
    assert "No register in the previous edition (2026-12-06)" in text


def test_figures_added_changed_and_removed_are_each_named():
    changed = {**FIGURE, "value": 62, "checked": "2026-12-12"}
    added = {**FIGURE, "id": "linkerd_proxy_mib", "value": 20}
    removed = {**FIGURE, "id": "article_claim_mib", "value": 150}
    text = report(Edition("a", record(), [FIGURE, removed]), Edition("b", record(), [changed, added]))
    assert "Added `linkerd_proxy_mib`: `20 MB`" in text
    assert "Changed `istio_sidecar_mib`: value `60` → `62`; checked `2026-12-05` → `2026-12-12`" in text
    assert "Removed `article_claim_mib` (was `150 MB`)" in text


def test_unchanged_figures_rules_and_sections_are_said_to_be_unchanged():
    text = report(Edition("a", record(), [FIGURE]), Edition("b", record(), [FIGURE]))
    assert "No figure was added, changed or removed." in text
    assert "The verdict rules are unchanged." in text
    assert "No calculator input, default, preset or output changed." in text
    assert "No section was moved, added or removed." in text


def test_a_changed_verdict_rule_and_default_show_old_and_new():
    newer = record(verdict_rules={"SERVICES_THRESHOLD": 150},
                   calculators=[{"name": "sidecar_ram", "inputs": [{"name": "pods", "default": 120}]}])
    text = report(Edition("a", record(), None), Edition("b", newer, None))
    assert "`SERVICES_THRESHOLD`: `200` → `150`" in text
    assert "`sidecar_ram.inputs.pods.default`: `100` → `120`" in text


def test_a_change_in_the_calculators_code_alone_is_said():
    text = report(Edition("a", record(), None), Edition("b", record(calculators_hash="0123456789ab"), None))
    assert "The calculators' code changed: results for the same inputs may differ" in text


def test_a_moved_page_and_a_dropped_anchor_are_listed():
    newer = record(redirects={"guide/resource-tax.md": "guide/resources.md", "guide/latency.md": "guide/chains.md"},
                   stable_anchors=["guide/chains/#chain-latency"])
    text = report(Edition("a", record(), None), Edition("b", newer, None))
    assert "Moved: `guide/latency.md` → `guide/chains.md`" in text
    assert "New citable section: `guide/chains/#chain-latency`" in text
    assert "No longer a citable section: `guide/resources/#sidecar-memory`" in text


def test_text_from_a_record_or_register_stays_code_never_markup():
    newer = record(verdict_rules={"SERVICES_THRESHOLD": "<script>x</script>`|"})
    odd_unit = {**FIGURE, "id": "odd", "unit": "<b>MB</b>"}
    text = report(Edition("a", record(), [FIGURE]), Edition("b", newer, [FIGURE, odd_unit]))
    assert "`<script>x</script>'\\|`" in text
    assert "Added `odd`: `60 <b>MB</b>`" in text
    html = markdown.markdown(text, extensions=["attr_list", "tables"])
    assert "<script>" not in html and "<b>" not in html
