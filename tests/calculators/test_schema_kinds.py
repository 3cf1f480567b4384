"""Yes/no inputs, outputs without a value and text outputs: the schema's
kinds beyond numbers, checked the way a form, a URL or a script uses them."""

from __future__ import annotations

import json

import pytest

from calculators import CALCULATORS, evaluate
from calculators.schema import Calculator, FieldError, Input, Output

TEAM = Input("platform_team", "Platform team", "", bool, False, help="A team runs the cluster.")
MESSAGE = "Platform team must be yes or no."

YES_SPELLINGS = ["yes", "YES", "Yes", " yes ", "\tyes\n", "true", "TRUE", "True", "1", " 1 ", True, 1]
NO_SPELLINGS = ["no", "NO", "No", " no\t", "false", "FALSE", "False", "0", "\n0 ", False, 0]
BAD_SPELLINGS = [
    "", "   ", "y", "n", "on", "off", "ja", "nein", "2", "-1", "01", "1.0", "0.0", "yess", "no no",
    "t", "f", "<b>yes</b>", "yes" * 30, None, 2, -1, 1.0, 0.0, float("nan"), [], {}, b"yes",
]


@pytest.mark.parametrize("raw", YES_SPELLINGS, ids=repr)
def test_every_yes_spelling_reads_as_yes(raw):
    assert TEAM.parse(raw) == (True, None)


@pytest.mark.parametrize("raw", NO_SPELLINGS, ids=repr)
def test_every_no_spelling_reads_as_no(raw):
    assert TEAM.parse(raw) == (False, None)


@pytest.mark.parametrize("raw", BAD_SPELLINGS, ids=lambda r: repr(r)[:20])
def test_anything_else_is_a_field_error_naming_the_field_never_echoing_the_value(raw):
    assert TEAM.parse(raw) == (None, FieldError("platform_team", MESSAGE))


def test_yes_no_is_written_back_as_yes_or_no_and_reads_back():
    assert (TEAM.text(True), TEAM.text(False)) == ("yes", "no")
    assert TEAM.parse(TEAM.text(True)) == (True, None)
    assert TEAM.rule() == "yes or no"


def test_yes_no_is_described_for_the_form_without_bounds():
    data = json.loads(json.dumps(TEAM.describe()))
    assert data["kind"] == "bool" and data["rule"] == "yes or no" and data["default"] is False
    assert (data["minimum"], data["maximum"], data["step"]) == (None, None, None)


def test_a_yes_no_input_with_bounds_or_a_bad_default_is_refused_at_definition():
    with pytest.raises(ValueError):
        Input("x", "X", "", bool, False, 0, 1)
    with pytest.raises(ValueError, match="default"):
        Input("x", "X", "", bool, "maybe")
    with pytest.raises(TypeError):
        Input("x", "X", "", str, "a")


def test_number_inputs_still_refuse_yes_no_words_and_booleans():
    pods = CALCULATORS["sidecar_ram"].input("pods")
    for raw in ("yes", "true", True, False):
        assert pods.parse(raw)[1] is not None


# -- outputs without a value ---------------------------------------------------

NEVER = Output("breakeven_rps", "Break-even", "requests per second", 1, help="h", none_text="never")


def test_none_is_written_as_the_outputs_none_text():
    assert NEVER.format(None) == "never"
    assert NEVER.format(1234.56) == "1,234.6 requests per second"
    assert Output("x", "X", "ms", 2).format(None) == "n/a"


def _toy(compute) -> Calculator:
    return Calculator(
        "toy", "Toy", "A toy.", (Input("n", "N", "", int, 1, 0, 10),),
        (NEVER, Output("verdict", "Verdict", kind="text", words={"low": "Low, all right.", "high": "Too high."}),
         Output("why", "Why", kind="text")),
        compute,
    )


def test_a_none_value_is_json_null_and_text_outputs_carry_slug_and_words():
    def compute(*, n):
        return {"breakeven_rps": None if n == 0 else 100 / n, "verdict": "low" if n < 5 else "high",
                "why": f"n is {n}."}

    toy = _toy(compute)
    CALCULATORS["toy"] = toy
    try:
        result = evaluate("toy", {"n": "0"})
        assert json.loads(json.dumps(result, allow_nan=False))["outputs"] == {
            "breakeven_rps": {"value": None, "text": "never"},
            "verdict": {"value": "low", "text": "Low, all right."},
            "why": {"value": "n is 0.", "text": "n is 0."},
        }
        assert evaluate("toy", {"n": "8"})["outputs"]["verdict"] == {"value": "high", "text": "Too high."}
    finally:
        del CALCULATORS["toy"]


def test_text_outputs_are_described_with_their_words():
    data = json.loads(json.dumps(_toy(lambda *, n: {}).describe()))
    verdict = next(o for o in data["outputs"] if o["name"] == "verdict")
    assert verdict["kind"] == "text" and verdict["words"] == {"low": "Low, all right.", "high": "Too high."}
    breakeven = next(o for o in data["outputs"] if o["name"] == "breakeven_rps")
    assert breakeven["kind"] == "number" and breakeven["none_text"] == "never"


def test_words_belong_to_text_outputs_only():
    with pytest.raises(ValueError):
        Output("x", "X", "ms", 1, words={"a": "A"})
    with pytest.raises(ValueError):
        Output("x", "X", kind="list")
