"""``sitebuild.extension`` in plain Python-Markdown, as any engine runs it:
next to a site's own custom fences, in either order, and its refusals."""

from __future__ import annotations

import markdown
import pytest

from sitebuild.fence import CalculatorBlockError


def shout(source, language, class_name, options, md, **kwargs):
    return f"<p class='shout'>{source.upper()}</p>"


OWN_FENCE = {"pymdownx.superfences": {"custom_fences": [{"name": "shout", "class": "shout", "format": shout}]}}
PAGE = "```shout\nhello\n```\n\n```calculator\nname: chain_latency\nid: checkout\nhops: 4\n```\n"


@pytest.mark.parametrize("order", [["pymdownx.superfences", "sitebuild.extension"], ["sitebuild.extension", "pymdownx.superfences"]])
def test_the_calculator_fence_works_next_to_the_sites_own_fence_in_either_order(order):
    html = markdown.markdown(PAGE, extensions=order, extension_configs=OWN_FENCE)
    assert "<p class='shout'>HELLO</p>" in html
    assert '<form class="st-calc" id="checkout"' in html
    assert 'value="4"' in html


def test_the_interface_table_fence_lists_every_calculator():
    html = markdown.markdown("```calculator-interface\n```\n", extensions=["pymdownx.superfences", "sitebuild.extension"])
    assert "chain_latency.hops" in html and "sidecar_ram.pods" in html


def test_renamed_fences_leave_the_default_name_to_the_site():
    md = markdown.Markdown(
        extensions=["pymdownx.superfences", "sitebuild.extension"],
        extension_configs={"sitebuild.extension": {"calculator_fence": "calc"}},
    )
    assert '<form class="st-calc"' in md.convert("```calc\nname: chain_latency\n```\n")
    assert '<form class="st-calc"' not in md.reset().convert("```calculator\nname: chain_latency\n```\n")


def test_one_id_twice_on_a_page_is_refused_but_the_next_page_starts_afresh():
    md = markdown.Markdown(extensions=["pymdownx.superfences", "sitebuild.extension"])
    block = "```calculator\nname: chain_latency\n```\n\n"
    with pytest.raises(CalculatorBlockError, match="block id chain_latency is used twice on this page"):
        md.convert(block * 2)
    assert md.reset().convert(block).count('<form class="st-calc"') == 1


@pytest.mark.parametrize(
    ("extensions", "configs", "problem"),
    [
        (["sitebuild.extension"], {}, "needs pymdownx.superfences"),
        (["pymdownx.superfences", "sitebuild.extension"],
         {"pymdownx.superfences": {"custom_fences": [{"name": "calculator", "class": "c", "format": shout}]}},
         "already has a fence named 'calculator'"),
        (["pymdownx.superfences", "sitebuild.extension"], {"sitebuild.extension": {"fence": "x"}}, "unknown option fence"),
        (["pymdownx.superfences", "sitebuild.extension"], {"sitebuild.extension": {"calculator_fence": ""}},
         "calculator_fence must be a non-empty fence name"),
    ],
)
def test_a_bad_setup_is_refused_naming_the_fix(extensions, configs, problem):
    with pytest.raises(CalculatorBlockError, match=problem):
        markdown.markdown("```calculator\nname: chain_latency\n```\n", extensions=extensions, extension_configs=configs)
