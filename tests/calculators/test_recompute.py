"""calculators.recompute, the browser worker's one entry: a form's whole
answer to an edit (results and chart) in one call."""

from __future__ import annotations

import pytest

import calculators


@pytest.mark.parametrize("name", calculators.CALCULATORS)
def test_the_result_is_evaluates_and_the_chart_is_charts_for_the_same_inputs(name):
    raw = {field.name: str(field.default) for field in calculators.get(name).inputs[:1]}
    answer = calculators.recompute(name, raw)
    chart = answer.pop("chart", None)
    assert answer == calculators.evaluate(name, raw)
    if calculators.get(name).has_chart:
        assert chart == calculators.chart(name, raw) and chart["ok"]
    else:
        assert chart is None


def test_bad_values_give_the_field_errors_and_no_chart():
    answer = calculators.recompute("sidecar_ram", {"pods": "0"})
    assert not answer["ok"] and "chart" not in answer
    assert [error["input"] for error in answer["errors"]] == ["pods"]
