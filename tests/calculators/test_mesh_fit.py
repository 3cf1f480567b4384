"""mesh_fit against the rule its docstring states, worked out here on its own.

The rule: the article's three conditions are at least 200 services, at least
3 teams deploying to the same cluster daily, and a dedicated platform team.
All three and at least one Part-2 requirement: mesh_reasonable; all three
and no requirement: not_yet; a condition unmet but a requirement met:
requirement_below_scale; a condition unmet and no requirement: no_mesh.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import evaluate, get, mesh_fit

REQUIREMENTS = ["needs_encryption_or_identity", "needs_uniform_metrics", "needs_east_west_policy"]


def result(**raw: str) -> dict:
    data = evaluate("mesh_fit", raw)
    assert data["ok"], data["errors"]
    return {name: out["value"] for name, out in data["outputs"].items()} | {
        f"{name}_text": out["text"] for name, out in data["outputs"].items()
    }


def test_the_contract_names_and_yes_no_inputs():
    calc = get("mesh_fit")
    assert [i.name for i in calc.inputs] == ["services", "teams_deploying_daily", "platform_team", *REQUIREMENTS]
    assert [i.kind for i in calc.inputs] == [int, int, bool, bool, bool, bool]
    assert calc.input("services").minimum == 0 and calc.input("teams_deploying_daily").minimum == 0
    assert {"article_conditions_met", "verdict"} <= {o.name for o in calc.outputs}


def test_the_stated_thresholds_and_one_wording():
    assert (mesh_fit.SERVICES_THRESHOLD, mesh_fit.TEAMS_THRESHOLD) == (200, 3)
    assert mesh_fit.CONDITIONS == (
        'At least 200 services: the article\'s "hundreds", read as two hundred or more.',
        "At least 3 independent teams deploy to the same cluster every day: the article's "
        '"multiple independent teams", read as three or more.',
        "A dedicated platform team has running the cluster as its sole job.",
    )
    calc = get("mesh_fit")  # the form's help quotes the same sentences
    for name, sentence in zip(["services", "teams_deploying_daily", "platform_team"], mesh_fit.CONDITIONS):
        assert sentence in calc.input(name).help


def test_the_defaults_are_a_small_shop_and_get_no_mesh():
    out = result()
    assert out["article_conditions_met"] == 0 and out["verdict"] == "no_mesh"
    assert out["verdict_text"] == "Don't adopt a mesh: use the simpler alternatives."


@pytest.mark.parametrize(
    ("services", "teams", "met"),
    [("199", "3", 2), ("200", "3", 3), ("200", "2", 2), ("1000", "10", 3), ("0", "0", 1)],
)
def test_thresholds_are_inclusive(services, teams, met):
    out = result(services=services, teams_deploying_daily=teams, platform_team="yes")
    assert out["article_conditions_met"] == met


def test_scale_without_a_requirement_is_not_yet():
    out = result(services="300", teams_deploying_daily="5", platform_team="yes")
    assert out["verdict"] == "not_yet"
    assert out["verdict_text"] == "Not yet: the scale is there, but no requirement needs a mesh."
    assert out["requirements_met"] == 0


@pytest.mark.parametrize("requirement", REQUIREMENTS)
def test_scale_and_any_one_requirement_is_mesh_reasonable(requirement):
    out = result(services="300", teams_deploying_daily="5", platform_team="true", **{requirement: "1"})
    assert out["verdict"] == "mesh_reasonable" and out["requirements_met"] == 1
    assert out["reason_text"] == out["reason"]
    assert mesh_fit.REQUIREMENTS[requirement].phrase in out["reason"]


def test_the_platform_engineers_case_is_a_requirement_below_scale():
    """40 services, 3 teams deploying daily, no platform team, a workload-identity mandate."""
    out = result(services="40", teams_deploying_daily="3", platform_team="no", needs_encryption_or_identity="yes")
    assert out["verdict"] == "requirement_below_scale"
    assert out["verdict_text"] == mesh_fit.VERDICT_WORDS["requirement_below_scale"]
    assert "Don't adopt" not in out["verdict_text"]
    assert out["article_conditions_met"] == 1 and out["requirements_met"] == 1
    assert "40 services (at least 200 needed)" in out["reason"]
    assert "no dedicated platform team" in out["reason"]
    assert "team deploying" not in out["reason"] and "teams deploying" not in out["reason"]  # 3 teams is met
    identity = mesh_fit.REQUIREMENTS["needs_encryption_or_identity"]
    assert identity.compare in out["reason"] and "guide/compare/#for-encryption-or-identity" in out["reason"]


@pytest.mark.parametrize("requirement", REQUIREMENTS)
def test_below_scale_the_reason_names_what_to_compare_for_each_requirement_met(requirement):
    out = result(services="10", **{requirement: "yes"})
    assert out["verdict"] == "requirement_below_scale"
    for name, item in mesh_fit.REQUIREMENTS.items():
        assert (item.compare in out["reason"]) == (name == requirement)
        assert (f"guide/compare/#{item.section}" in out["reason"]) == (name == requirement)


def test_every_verdict_has_exactly_one_rule_in_words():
    assert sorted(rule.verdict for rule in mesh_fit.RULES) == sorted(mesh_fit.VERDICT_WORDS)
    below = next(rule for rule in mesh_fit.RULES if rule.verdict == "requirement_below_scale")
    for item in mesh_fit.REQUIREMENTS.values():  # the rule's words name what the reason compares
        assert item.compare in below.then


def test_the_reason_names_every_unmet_condition():
    reason = result(services="150", teams_deploying_daily="1", platform_team="no")["reason"]
    assert "150 services (at least 200 needed)" in reason
    assert "1 team deploying daily (at least 3 needed)" in reason
    assert "no dedicated platform team" in reason
    assert "justify" not in reason


@given(
    services=st.integers(0, 1_000_000),
    teams=st.integers(0, 100_000),
    platform=st.booleans(),
    needs=st.tuples(st.booleans(), st.booleans(), st.booleans()),
    spell=st.sampled_from([("yes", "no"), ("true", "false"), ("1", "0"), ("YES", "No")]),
)
def test_the_verdict_follows_the_stated_rule_for_any_answers(services, teams, platform, needs, spell):
    word = {True: spell[0], False: spell[1]}
    raw = {"services": str(services), "teams_deploying_daily": str(teams), "platform_team": word[platform]}
    raw |= {name: word[need] for name, need in zip(REQUIREMENTS, needs)}
    out = result(**raw)
    conditions = [services >= 200, teams >= 3, platform]
    if not all(conditions):
        expected = "requirement_below_scale" if any(needs) else "no_mesh"
    elif any(needs):
        expected = "mesh_reasonable"
    else:
        expected = "not_yet"
    assert out["verdict"] == expected
    assert out["article_conditions_met"] == sum(conditions)
    assert out["requirements_met"] == sum(needs)
    assert out["article_conditions_met_text"] == f"{sum(conditions)} of 3"
    assert out["verdict_text"] == mesh_fit.VERDICT_WORDS[expected]


def test_bad_answers_are_field_errors_in_input_order():
    data = evaluate("mesh_fit", {"services": "-1", "platform_team": "perhaps", "needs_uniform_metrics": "<b>"})
    assert data["ok"] is False and data["outputs"] == {}
    assert data["errors"] == [
        {"input": "services", "message": "Services must be a whole number from 0 to 1,000,000."},
        {"input": "platform_team", "message": "Platform team must be yes or no."},
        {"input": "needs_uniform_metrics", "message": "Uniform metrics across languages must be yes or no."},
    ]
