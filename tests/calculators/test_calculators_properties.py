"""Properties that must hold for every input a reader could type."""

from __future__ import annotations

import json
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS, evaluate, get
from calculators.schema import Input

settings.register_profile("calculators", deadline=None, max_examples=150)
settings.load_profile("calculators")

ALL_INPUTS = [(calc.name, item) for calc in CALCULATORS.values() for item in calc.inputs]
NUMBER_INPUTS = [(name, item) for name, item in ALL_INPUTS if item.kind is not bool]


def valid(item: Input) -> st.SearchStrategy:
    """Every value the input's rule allows."""
    if item.kind is bool:
        return st.booleans()
    if item.kind is int:
        low = item.minimum if item.min_inclusive else item.minimum + 1
        high = item.maximum if item.max_inclusive else item.maximum - 1
        return st.integers(low, high)
    return st.floats(
        item.minimum, item.maximum,
        exclude_min=not item.min_inclusive, exclude_max=not item.max_inclusive,
        allow_nan=False, allow_infinity=False,
    ).map(lambda v: v + 0.0)


def values_for(name: str) -> st.SearchStrategy:
    calc = get(name)
    return st.fixed_dictionaries({i.name: valid(i) for i in calc.inputs})


def invalid(item: Input) -> st.SearchStrategy:
    """Values the rule forbids, as a reader might type them or a URL carry them."""
    if item.kind is bool:
        return invalid_yes_no()
    low, high = item.minimum, item.maximum
    below = st.floats(max_value=low, exclude_max=item.min_inclusive, allow_nan=False)
    above = st.floats(min_value=high, exclude_min=item.max_inclusive, allow_nan=False)
    numbers = st.one_of(below, above, st.just(math.nan), st.just(math.inf), st.just(-math.inf))
    strings = st.one_of(
        numbers.map(repr),
        st.text(alphabet=st.characters(exclude_categories=("Nd",)), max_size=20),  # no digits
        st.text(min_size=65, max_size=200).map(lambda s: "1" + s),
        st.integers(2, 1000).map(lambda n: "1" * n + "e" + "9" * n),
        st.sampled_from(["1,5", "1 0", "1_0", "0x1", "nan", "Infinity", "1e309", "<i>1</i>", "1.2.3"]),
    )
    cases = [numbers, strings, st.none(), st.booleans(), st.lists(st.integers(), max_size=2)]
    if item.kind is int:
        fractions = st.floats(low, high, allow_nan=False).filter(lambda v: not v.is_integer())
        cases += [fractions, fractions.map(repr)]
    return st.one_of(*cases)


YES_NO_WORDS = {"yes", "no", "true", "false", "1", "0"}


def invalid_yes_no() -> st.SearchStrategy:
    """What a yes/no input refuses: other words and numbers, other types."""
    words = st.one_of(
        st.text(max_size=20).filter(lambda s: s.strip().lower() not in YES_NO_WORDS),
        st.sampled_from(["y", "n", "on", "off", "ja", "oui", "2", "-1", "1.0", "0.0", "01", "yes!", "no no",
                         "<b>yes</b>", "t", "f", "ye s", "YES" * 30]),
    )
    numbers = st.one_of(st.integers().filter(lambda n: n not in (0, 1)), st.floats())
    return st.one_of(words, numbers, st.none(), st.lists(st.booleans(), max_size=2))


# -- parsing -----------------------------------------------------------------


@given(data=st.data())
def test_every_invalid_raw_value_is_a_field_error_never_an_exception(data):
    name, item = data.draw(st.sampled_from(ALL_INPUTS))
    raw = data.draw(invalid(item))
    value, error = item.parse(raw)
    assert value is None
    assert error.input == item.name
    assert error.message == f"{item.label} must be {item.rule()}."


@given(data=st.data())
def test_text_and_parse_round_trip(data):
    _, item = data.draw(st.sampled_from(ALL_INPUTS))
    value = data.draw(valid(item))
    assert item.parse(item.text(value)) == (value, None)
    assert item.parse(f"  {item.text(value)}\t") == (value, None)


@given(data=st.data(), raw=st.one_of(st.text(max_size=30), st.integers(), st.floats()))
def test_any_raw_value_gives_a_valid_number_or_an_error(data, raw):
    _, item = data.draw(st.sampled_from(ALL_INPUTS))
    value, error = item.parse(raw)
    assert (value is None) != (error is None)
    if value is not None:
        assert type(value) is item.kind
        assert item.parse(value) == (value, None)  # inside the rule


@given(
    name=st.sampled_from(list(CALCULATORS)),
    raw=st.dictionaries(
        st.sampled_from(["pods", "sidecar_mib", "hops", "baseline_ms", "nodes", "junk", "preset"]),
        st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.none(), st.booleans()),
        max_size=6,
    ),
    preset=st.one_of(st.none(), st.text(max_size=10), st.sampled_from(["article_low", "istio_1_20_p90"])),
)
def test_evaluate_never_raises_and_returns_json(name, raw, preset):
    result = evaluate(name, raw, preset=preset)
    json.dumps(result, allow_nan=False)
    assert result["ok"] == (not result["errors"])
    assert bool(result["outputs"]) == result["ok"]


# -- outputs -----------------------------------------------------------------


@given(data=st.data())
def test_outputs_are_finite_and_non_negative(data):
    """Every number is finite, and below zero only where the schema says the
    output is a difference (``signed``); a text output is words."""
    name = data.draw(st.sampled_from(list(CALCULATORS)))
    values = data.draw(values_for(name))
    calc = get(name)
    out = calc.calculate(**values)
    assert set(out) == {o.name for o in calc.outputs}
    for key, value in out.items():
        if calc.output(key).kind == "text":
            assert isinstance(value, str) and value, key
        elif value is not None:  # None: a result that has no value ("never")
            assert math.isfinite(value), key
            assert value >= 0 or calc.output(key).signed, key
    result = evaluate(name, {k: calc.input(k).text(v) for k, v in values.items()})
    assert {k: v["value"] for k, v in result["outputs"].items()} == out


def bigger(item: Input, value):
    """A valid value at least as big as ``value``."""
    return valid(item).filter(lambda v: v >= value)


@given(data=st.data())
def test_sidecar_ram_never_costs_less_with_more(data):
    calc = get("sidecar_ram")
    values = data.draw(values_for("sidecar_ram"))
    key = data.draw(st.sampled_from(list(values)))
    more = {**values, key: data.draw(bigger(calc.input(key), values[key]))}
    before, after = calc.calculate(**values), calc.calculate(**more)
    for output in before:
        assert after[output] >= before[output], (key, output)


@given(data=st.data())
def test_longer_chains_and_slower_hops_never_add_less(data):
    calc = get("chain_latency")
    values = data.draw(values_for("chain_latency"))
    key = data.draw(st.sampled_from(["hops", "added_ms_per_hop"]))
    more = {**values, key: data.draw(bigger(calc.input(key), values[key]))}
    before, after = calc.calculate(**values), calc.calculate(**more)
    for output in ("added_ms", "total_ms", "overhead_pct", "proxy_traversals", "tail_exposure_pct"):
        assert after[output] >= before[output], (key, output)


@given(values=values_for("chain_latency"), data=st.data())
def test_a_slower_baseline_shrinks_the_relative_overhead(values, data):
    calc = get("chain_latency")
    slower = {**values, "baseline_ms": data.draw(bigger(calc.input("baseline_ms"), values["baseline_ms"]))}
    assert calc.calculate(**slower)["overhead_pct"] <= calc.calculate(**values)["overhead_pct"]


@given(hops=st.integers(1, 1000))
def test_tail_exposure_stays_a_share_below_100(hops):
    pct = get("chain_latency").calculate(hops=hops)["tail_exposure_pct"]
    assert 1.0 - 1e-9 <= pct < 100


@given(data=st.data())
def test_series_points_match_the_calculator(data):
    name = data.draw(st.sampled_from([name for name, calc in CALCULATORS.items() if calc.has_chart]))
    values = data.draw(values_for(name))
    calc = get(name)
    chart = calc.series(values, points=data.draw(st.integers(2, 40)))
    x = chart["x"]["name"]
    xs = [p[x] for p in chart["points"]]
    assert xs == sorted(set(xs)) and values[x] in xs
    here = chart["points"][xs.index(values[x])]
    out = calc.calculate(**values)
    for line in chart["lines"]:
        if line["name"] in out:
            assert here[line["name"]] == out[line["name"]]
    json.dumps(chart, allow_nan=False)


# -- hostile raw values (forms and URLs): issue 6 ------------------------------

HTML_FRAGMENTS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", '"><svg onload=alert(1)>', "</output>"]


def hostile(item: Input) -> st.SearchStrategy:
    """What a URL can carry: markup around a valid number, very long values."""
    fragment = st.sampled_from(HTML_FRAGMENTS)
    number = valid(item).map(item.text)
    return st.one_of(
        st.tuples(fragment, number).map("".join),
        st.tuples(number, fragment).map("".join),
        st.tuples(st.text(min_size=1, max_size=8), st.integers(65, 10_000)).map(lambda t: (t[0] * t[1])[: t[1]]),
        st.integers(65, 10_000).map(lambda n: "9" * n),
        st.integers(1, 10_000).map(lambda n: "1" + "0" * n),
    )


@given(data=st.data())
def test_markup_and_very_long_values_are_errors_that_never_echo_them(data):
    _, item = data.draw(st.sampled_from(ALL_INPUTS))
    raw = data.draw(hostile(item))
    value, error = item.parse(raw)
    if value is not None:  # "1000...0" can be in range for a wide rule
        assert len(raw.strip()) <= 64 and "<" not in raw
        return
    assert error.message == f"{item.label} must be {item.rule()}."
    assert "<" not in error.message and ">" not in error.message


ASCII_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


@given(
    data=st.data(),
    raw=st.one_of(
        st.text(alphabet=st.characters(categories=("Nd", "Zs", "Cc", "Po", "Pd", "Ll")), max_size=12),
        st.from_regex(ASCII_NUMBER, fullmatch=True).map(lambda s: s[:30]),
    ),
)
def test_only_plain_ascii_decimal_text_is_accepted(data, raw):
    """Other scripts' digits, thousands separators, decimal commas: refused;
    what is accepted reads as the same number in any language's float()."""
    _, item = data.draw(st.sampled_from(NUMBER_INPUTS))
    value, _ = item.parse(raw)
    if value is not None:
        text = raw.strip()
        assert ASCII_NUMBER.fullmatch(text), raw
        assert value == float(text)


@given(
    name=st.sampled_from(list(CALCULATORS)),
    junk=st.dictionaries(
        st.text(max_size=20).filter(lambda key: key not in {i.name for c in CALCULATORS.values() for i in c.inputs}),
        st.one_of(st.text(max_size=20), st.sampled_from(HTML_FRAGMENTS)),
        max_size=5,
    ),
    data=st.data(),
)
def test_unknown_keys_change_nothing(name, junk, data):
    calc = get(name)
    raw = {key: calc.input(key).text(value) for key, value in data.draw(values_for(name)).items()}
    assert evaluate(name, {**junk, **raw}) == evaluate(name, raw)
