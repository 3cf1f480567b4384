"""Calculators by hand: expected values are worked out on paper, not by the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import calculators
from calculators import CALCULATORS, evaluate, get, series
from calculators.schema import FieldError, Input

REPO = Path(__file__).resolve().parents[2]


def outputs(name: str, raw: dict | None = None, preset: str | None = None) -> dict[str, float]:
    result = evaluate(name, raw or {}, preset=preset)
    assert result["ok"], result["errors"]
    return {k: v["value"] for k, v in result["outputs"].items()}


def texts(name: str, raw: dict | None = None) -> dict[str, str]:
    return {k: v["text"] for k, v in evaluate(name, raw or {})["outputs"].items()}


# -- the design contract ----------------------------------------------------


def test_calculators_are_listed_in_a_stable_order():
    assert list(CALCULATORS)[:2] == ["sidecar_ram", "chain_latency"]
    assert "mesh_fit" in CALCULATORS
    assert list(CALCULATORS) == list(calculators.MODULES)


def test_every_calculator_module_is_registered():
    """A new calculator is its module plus one line in MODULES: a module
    that was written but not registered would silently be missing."""
    support = {"__init__", "__main__", "schema", "charts", "cli", "figures"}
    modules = {path.stem for path in (REPO / "calculators").glob("*.py")} - support
    assert modules == set(CALCULATORS)


@pytest.mark.parametrize(
    ("name", "inputs", "outputs_"),
    [
        (
            "sidecar_ram",
            ["pods", "sidecar_mib", "sidecar_vcpu", "gib_month_price", "vcpu_month_price"],
            ["ram_gib", "vcpu", "monthly_cost", "yearly_cost"],
        ),
        (
            "chain_latency",
            ["hops", "added_ms_per_hop", "baseline_ms"],
            ["added_ms", "total_ms", "overhead_pct", "proxy_traversals", "tail_exposure_pct"],
        ),
        (
            "mesh_fit",
            ["services", "teams_deploying_daily", "platform_team"],
            ["article_conditions_met", "requirements_met", "verdict", "reason"],
        ),
    ],
)
def test_required_names_from_the_contract_exist(name, inputs, outputs_):
    calc = get(name)
    assert [i.name for i in calc.inputs][: len(inputs)] == inputs
    assert [o.name for o in calc.outputs][: len(outputs_)] == outputs_
    assert set(outputs(name)) == {o.name for o in calc.outputs}


def test_required_bounds_from_the_contract():
    ram, chain = get("sidecar_ram"), get("chain_latency")
    assert ram.input("pods").kind is int and ram.input("pods").minimum == 1
    mib = ram.input("sidecar_mib")
    assert (mib.minimum, mib.min_inclusive) == (0, False)
    for name in ("sidecar_vcpu", "gib_month_price", "vcpu_month_price"):
        assert (ram.input(name).minimum, ram.input(name).min_inclusive) == (0, True)
    assert chain.input("hops").kind is int and chain.input("hops").minimum == 1
    # > 0 in the contract; 0.001 ms (1 us) is the floor that keeps overhead_pct finite
    assert (chain.input("baseline_ms").minimum, chain.input("baseline_ms").min_inclusive) == (0.001, True)
    assert chain.input("baseline_ms").parse("0")[1] is not None


def test_unknown_calculator_names_the_known_ones():
    with pytest.raises(KeyError, match="sidecar_ram, chain_latency"):
        get("sidecar_memory")
    with pytest.raises(KeyError, match="chain_latency"):
        evaluate("nope", {})


# -- sidecar_ram, worked by hand --------------------------------------------


def test_article_low_claim_100_pods_at_50_mib():
    out = outputs("sidecar_ram", {"pods": "100", "sidecar_mib": "50"})
    assert out["ram_gib"] == 4.8828125  # 5000 / 1024


def test_article_high_claim_100_pods_at_150_mib():
    out = outputs("sidecar_ram", {"pods": "100", "sidecar_mib": "150"})
    assert out["ram_gib"] == 14.6484375  # 15000 / 1024


def test_istio_request_reserves_exactly_12_5_gib_for_100_pods():
    out = outputs("sidecar_ram", {"pods": 100}, preset="istio_sidecar_request")
    assert out["ram_gib"] == 12.5  # 100 x 128 Mi
    assert out["vcpu"] == pytest.approx(10.0)  # 100 x 100m


def test_defaults_are_istio_1_30_requests_for_every_proxy_and_fargate_prices():
    """Like with like: every proxy starts at its chart's default request (the register's figures)."""
    defaults = get("sidecar_ram").defaults()
    assert (defaults["sidecar_mib"], defaults["sidecar_vcpu"]) == (128.0, 0.1)  # 128Mi, 100m
    assert (defaults["node_proxy_mib"], defaults["node_proxy_vcpu"]) == (512.0, 0.2)  # ztunnel 512Mi, 200m
    assert (defaults["waypoint_mib"], defaults["waypoint_vcpu"]) == (128.0, 0.1)  # waypoint 128Mi, 100m
    assert (defaults["control_plane_mib"], defaults["control_plane_vcpu"]) == (2048.0, 0.5)  # istiod
    assert defaults["waypoints"] == 0  # ambient with ztunnel only
    for name, figure_text in [("sidecar_mib", "128Mi"), ("node_proxy_vcpu", "200m"), ("control_plane_mib", "2048Mi")]:
        help_text = get("sidecar_ram").input(name).help
        assert figure_text in help_text and "Istio 1.30.0" in help_text and "reserved, not used" in help_text
    out = outputs("sidecar_ram")
    # 100 pods x 128 MiB = 12.5 GiB; 100 x 0.1 vCPU = 10 vCPU; 12.5 x 3.24 + 10 x 29.55 = 40.5 + 295.5
    assert out["ram_gib"] == 12.5 and out["vcpu"] == pytest.approx(10)
    assert out["monthly_cost"] == pytest.approx(336.0) and out["yearly_cost"] == pytest.approx(4032.0)
    # 10 ztunnels x 512 MiB = 5 GiB; 10 x 0.2 = 2 vCPU; 5 x 3.24 + 2 x 29.55 = 16.2 + 59.1
    assert out["per_node_ram_gib"] == 5.0 and out["per_node_vcpu"] == pytest.approx(2.0)
    assert out["per_node_monthly_cost"] == pytest.approx(75.3)
    # whole modes: + istiod 2 GiB, 0.5 vCPU each; no waypoints
    assert out["sidecar_total_ram_gib"] == 14.5 and out["sidecar_total_vcpu"] == pytest.approx(10.5)
    assert out["sidecar_total_monthly_cost"] == pytest.approx(14.5 * 3.24 + 10.5 * 29.55)
    assert out["ambient_total_ram_gib"] == 7.0 and out["ambient_total_vcpu"] == pytest.approx(2.5)
    assert out["ambient_total_monthly_cost"] == pytest.approx(7 * 3.24 + 2.5 * 29.55)


def test_waypoints_and_the_control_plane_count_in_the_ambient_total():
    out = outputs("sidecar_ram", {"nodes": "4", "node_proxy_mib": "100", "node_proxy_vcpu": "0.1",
                                  "waypoints": "3", "waypoint_mib": "200", "waypoint_vcpu": "0.5",
                                  "control_plane_mib": "1024", "control_plane_vcpu": "1"})
    # 4 x 100 + 3 x 200 + 1024 = 2024 MiB; 4 x 0.1 + 3 x 0.5 + 1 = 2.9 vCPU
    assert out["ambient_total_ram_gib"] == pytest.approx(2024 / 1024)
    assert out["ambient_total_vcpu"] == pytest.approx(2.9)
    assert out["per_node_ram_gib"] == pytest.approx(400 / 1024)  # the ztunnels alone


def test_250_pods_at_90_mib_the_issue_example():
    out = outputs("sidecar_ram", {"pods": "250", "sidecar_mib": "90"})
    # 22500 / 1024 = 21.97265625; 21.97265625 x 3.24 + 25 x 29.55 = 71.19140625 + 738.75
    assert out["ram_gib"] == 21.97265625
    assert out["vcpu"] == pytest.approx(25.0)
    assert out["monthly_cost"] == pytest.approx(809.94140625)


def test_free_resources_cost_nothing():
    out = outputs("sidecar_ram", {"gib_month_price": "0", "vcpu_month_price": "0"})
    assert out["monthly_cost"] == 0 and out["per_node_yearly_cost"] == 0


def test_sidecar_texts_for_people():
    t = texts("sidecar_ram", {"sidecar_mib": "150"})
    assert t["ram_gib"] == "14.65 GiB"  # the article's 100 x 150 MB
    assert t["vcpu"] == "10.00 vCPU"
    assert t["monthly_cost"] == "342.96 per month"  # 14.6484375 x 3.24 + 10 x 29.55
    assert t["yearly_cost"] == "4,115.53 per year"
    assert t["per_node_ram_gib"] == "5.00 GiB"


# -- chain_latency, worked by hand ------------------------------------------


def test_article_5_call_chain_at_2_ms():
    out = outputs("chain_latency", {"hops": "5", "added_ms_per_hop": "2", "baseline_ms": "100"})
    assert out["added_ms"] == 10
    assert out["total_ms"] == 110
    assert out["overhead_pct"] == 10
    assert out["proxy_traversals"] == 10


def test_article_5_call_chain_at_10_ms_is_the_default():
    out = outputs("chain_latency")
    assert out["added_ms"] == 50
    assert out["total_ms"] == 150
    assert out["overhead_pct"] == 50
    assert out["proxy_traversals"] == 10
    # 0.99^5 = 0.9509900499, so 100 x (1 - 0.9509900499) = 4.90099501
    assert out["tail_exposure_pct"] == pytest.approx(4.90099501)


def test_one_hop_meets_its_own_p99_one_percent_of_the_time():
    assert outputs("chain_latency", {"hops": 1})["tail_exposure_pct"] == pytest.approx(1.0)
    assert outputs("chain_latency", {"hops": 1})["proxy_traversals"] == 2


def test_istio_1_20_preset_over_5_calls():
    out = outputs("chain_latency", preset="istio_1_20_p90")
    assert out["added_ms"] == pytest.approx(1.14)  # 5 x 0.228
    assert out["overhead_pct"] == pytest.approx(1.14)


def test_latency_texts_for_people():
    t = texts("chain_latency")
    assert t["added_ms"] == "50.00 ms"
    assert t["total_ms"] == "150.00 ms"
    assert t["overhead_pct"] == "50.0 %"
    assert t["proxy_traversals"] == "10"
    assert t["tail_exposure_pct"] == "4.9 %"


# -- presets ----------------------------------------------------------------

EXPECTED_PRESETS = {
    "sidecar_ram": {
        "article_low": {"sidecar_mib": 50},
        "article_high": {"sidecar_mib": 150},
        "istio_sidecar_request": {"sidecar_mib": 128, "sidecar_vcpu": 0.1, "node_proxy_mib": 512,
                                  "node_proxy_vcpu": 0.2, "waypoint_mib": 128, "waypoint_vcpu": 0.1,
                                  "control_plane_mib": 2048, "control_plane_vcpu": 0.5},
        "istio_1_24_measured": {"sidecar_mib": 60, "sidecar_vcpu": 0.2, "node_proxy_mib": 12,
                                "node_proxy_vcpu": 0.06, "waypoint_mib": 60, "waypoint_vcpu": 0.25,
                                "control_plane_mib": 1536, "control_plane_vcpu": 1},
        "linkerd_2_11_1_peak": {"sidecar_mib": 26.3},
        "linkerd_2_10_2_peak": {"sidecar_mib": 17.8},
        "istio_1_12_0_peak": {"sidecar_mib": 156.2},
        "istio_1_10_0_peak": {"sidecar_mib": 154.6},
    },
    "chain_latency": {
        "article_low": {"added_ms_per_hop": 2},
        "article_high": {"added_ms_per_hop": 10},
        "istio_1_16_p90": {"added_ms_per_hop": 2.65},
        "istio_1_20_p90": {"added_ms_per_hop": 0.228},
        "ztunnel_1_22_p90": {"added_ms_per_hop": 0.17},
    },
}


@pytest.mark.parametrize("name", list(EXPECTED_PRESETS))
def test_preset_slugs_and_values_are_the_published_figures(name):
    calc = get(name)
    assert {p.name: p.values for p in calc.presets} == EXPECTED_PRESETS[name]


@pytest.mark.parametrize(
    ("name", "preset"),
    [(n, p) for n, presets in EXPECTED_PRESETS.items() for p in presets],
)
def test_every_preset_carries_a_citation(name, preset):
    p = get(name).preset(preset)
    assert p.label and len(p.citation) > 40
    if preset.startswith("article"):
        assert "article" in p.citation
    else:
        assert p.source_url.startswith("https://")
        assert any(ch.isdigit() for ch in p.citation)  # a version or a date


def test_citations_keep_reserved_and_measured_apart():
    ram = get("sidecar_ram")
    assert "request" in ram.preset("istio_sidecar_request").citation
    assert "not measured" in ram.preset("istio_sidecar_request").citation
    assert "Measured" in ram.preset("istio_1_24_measured").citation
    assert "1000" in ram.preset("istio_1_24_measured").citation  # the load it was measured at


def test_preset_fills_in_and_explicit_values_override():
    result = evaluate("sidecar_ram", {"pods": "250", "sidecar_vcpu": "0.5"}, preset="istio_1_24_measured")
    assert result["ok"]
    assert result["inputs"]["sidecar_mib"] == 60
    assert result["inputs"]["sidecar_vcpu"] == 0.5
    assert result["inputs"]["pods"] == 250


def test_unknown_preset_is_a_field_error_listing_the_presets():
    result = evaluate("chain_latency", {}, preset="istio_9_p90")
    assert result["ok"] is False and result["outputs"] == {}
    assert result["errors"] == [
        {
            "input": "preset",
            "message": "Preset must be one of: article_low, article_high, istio_1_16_p90, "
            "istio_1_20_p90, ztunnel_1_22_p90.",
        }
    ]


def test_preset_lookup_names_the_known_ones():
    with pytest.raises(KeyError, match="article_low"):
        get("sidecar_ram").preset("nope")


# -- the schema: rules, parsing, text ---------------------------------------


def test_rules_in_plain_words():
    ram = get("sidecar_ram")
    assert ram.input("pods").rule() == "a whole number from 1 to 1,000,000"
    assert ram.input("sidecar_mib").rule() == "a number greater than 0 and at most 100,000"
    assert ram.input("gib_month_price").rule() == "a number from 0 to 1,000,000,000"
    assert get("chain_latency").input("baseline_ms").rule() == "a number from 0.001 to 600,000"
    half_open = Input("x", "X", "", float, 1.0, 0, 2.5, max_inclusive=False, step=0.1)
    assert half_open.rule() == "a number at least 0 and less than 2.5"


PODS_MESSAGE = "Pods must be a whole number from 1 to 1,000,000."
MIB_MESSAGE = "Memory per sidecar must be a number greater than 0 and at most 100,000."

BAD_FOR_BOTH = [
    "", "   ", "abc", "nan", "NaN", "inf", "-inf", "Infinity", "1e309", "-1e309",
    "1,5", "1 000", "1_000", "0x10", "12abc", "--5", "5-", "e3", ".", "\u0663",
    "x" * 10_000, "1" * 10_000, "<script>alert(1)</script>", "<b>5</b>",
    None, True, False, [], {}, float("nan"), float("inf"), -float("inf"), 10**400,
    "0", "-1", 0, -1, "1000001",
]


@pytest.mark.parametrize("raw", BAD_FOR_BOTH, ids=lambda r: repr(r)[:20])
def test_bad_raw_values_are_field_errors(raw):
    ram = get("sidecar_ram")
    assert ram.input("pods").parse(raw) == (None, FieldError("pods", PODS_MESSAGE))
    assert ram.input("sidecar_mib").parse(raw) == (None, FieldError("sidecar_mib", MIB_MESSAGE))


@pytest.mark.parametrize("raw", ["2.5", 2.5, "100.0000000000000001", "1e-3", "1000000.5"])
def test_whole_number_inputs_reject_fractions(raw):
    assert get("sidecar_ram").input("pods").parse(raw) == (None, FieldError("pods", PODS_MESSAGE))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" 100 ", 100), ("\t250\n", 250), ("1e3", 1000), ("2.5e2", 250), ("250.0", 250),
     ("+7", 7), ("007", 7), (42, 42), (42.0, 42), ("1000000", 1_000_000), ("1", 1)],
)
def test_whole_number_inputs_accept_any_notation_of_a_whole_value(raw, expected):
    value, error = get("sidecar_ram").input("pods").parse(raw)
    assert error is None and value == expected and type(value) is int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(" 90 ", 90.0), ("26.3", 26.3), (".5", 0.5), ("5.", 5.0), ("1e5", 100_000.0),
     ("1E-3", 0.001), (90, 90.0), (0.1, 0.1)],
)
def test_number_inputs(raw, expected):
    value, error = get("sidecar_ram").input("sidecar_mib").parse(raw)
    assert error is None and value == expected and type(value) is float


def test_exclusive_and_inclusive_bounds():
    ram = get("sidecar_ram")
    assert ram.input("sidecar_mib").parse("0")[1] is not None  # > 0
    assert ram.input("sidecar_mib").parse("1e-400")[1] is not None  # rounds to 0
    assert ram.input("sidecar_mib").parse("100000") == (100_000.0, None)  # at most
    assert ram.input("sidecar_mib").parse("100000.01")[1] is not None
    assert ram.input("pods").parse("1000000") == (1_000_000, None)
    assert ram.input("sidecar_vcpu").parse("0") == (0.0, None)  # >= 0
    assert ram.input("sidecar_vcpu").parse("-0") == (0.0, None)
    assert ram.input("sidecar_vcpu").parse("-0.001")[1] is not None


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [("sidecar_mib", 0.1, "0.1"), ("sidecar_mib", 128.0, "128"), ("sidecar_mib", 26.3, "26.3"),
     ("pods", 100, "100"), ("pods", 1_000_000, "1000000"), ("gib_month_price", 3.24, "3.24"),
     ("sidecar_mib", 1 / 3, "0.3333333333333333"),
     ("sidecar_mib", 0.0000166667, "0.0000166667"),  # a per-GB-second price, written as it is quoted
     ("sidecar_mib", 1e-30, "1e-30")],  # too long written out: an exponent, still parsed back
)
def test_text_writes_values_back_for_forms_and_urls(name, value, text):
    item = get("sidecar_ram").input(name)
    assert item.text(value) == text
    assert item.parse(text) == (value, None)


def test_defaults_are_valid_and_written_without_trailing_zeros():
    assert get("sidecar_ram").defaults() == {
        "pods": 100, "sidecar_mib": 128.0, "sidecar_vcpu": 0.1, "gib_month_price": 3.24,
        "vcpu_month_price": 29.55, "nodes": 10, "node_proxy_mib": 512.0, "node_proxy_vcpu": 0.2,
        "waypoints": 0, "waypoint_mib": 128.0, "waypoint_vcpu": 0.1, "control_plane_mib": 2048.0,
        "control_plane_vcpu": 0.5,
    }
    assert get("chain_latency").defaults() == {"hops": 5, "added_ms_per_hop": 10.0, "baseline_ms": 100.0}


def test_a_default_that_breaks_its_rule_is_refused_at_definition():
    with pytest.raises(ValueError, match="default"):
        Input("x", "X", "", int, 0, 1, 10, step=1)


@pytest.mark.parametrize(
    ("decimals", "unit", "value", "text"),
    [(2, "GiB", 12.5, "12.50 GiB"), (2, "per month", 1234.5678, "1,234.57 per month"),
     (2, "per month", 1234567.891, "1,234,567.89 per month"), (1, "ms", 22.0, "22.0 ms"),
     (1, "%", 4.90099501, "4.9 %"), (0, "", 10, "10"), (2, "GiB", -1e-9, "0.00 GiB"),
     (2, "GiB", 0, "0.00 GiB")],
)
def test_output_format(decimals, unit, value, text):
    from calculators.schema import Output

    assert Output("x", "X", unit, decimals).format(value) == text


# -- Calculator API ----------------------------------------------------------


def test_parse_takes_defaults_for_missing_keys_and_ignores_unknown_ones():
    values, errors = get("chain_latency").parse({"hops": "7", "colour": "blue"})
    assert errors == []
    assert values == {"hops": 7, "added_ms_per_hop": 10.0, "baseline_ms": 100.0}


def test_parse_reports_one_error_per_bad_field_in_input_order():
    values, errors = get("chain_latency").parse({"hops": "0", "baseline_ms": "fast", "added_ms_per_hop": "3"})
    assert [e.input for e in errors] == ["hops", "baseline_ms"]
    assert errors[0].message == "Calls in the chain must be a whole number from 1 to 1,000."
    assert values == {"added_ms_per_hop": 3.0}


def test_calculate_takes_numbers_and_checks_them():
    calc = get("chain_latency")
    assert calc.calculate(hops=3, added_ms_per_hop=1.5)["added_ms"] == 4.5
    with pytest.raises(ValueError, match="Calls in the chain must be"):
        calc.calculate(hops=0)
    with pytest.raises(TypeError, match="colour"):
        calc.calculate(colour=1)


def test_evaluate_shape_for_good_and_bad_values():
    good = evaluate("sidecar_ram", {"pods": "250", "sidecar_mib": "90", "unknown": "x"})
    assert set(good) == {"calculator", "ok", "inputs", "outputs", "errors"}
    assert good["ok"] is True and good["errors"] == []
    assert good["inputs"]["pods"] == 250 and good["inputs"]["sidecar_mib"] == 90.0
    assert good["outputs"]["ram_gib"] == {"value": 21.97265625, "text": "21.97 GiB"}
    json.dumps(good, allow_nan=False)

    bad = evaluate("sidecar_ram", {"pods": "many", "sidecar_mib": "90"})
    assert bad["ok"] is False and bad["outputs"] == {}
    assert "pods" not in bad["inputs"] and bad["inputs"]["sidecar_mib"] == 90.0
    assert bad["errors"] == [{"input": "pods", "message": PODS_MESSAGE}]


def test_describe_is_plain_json():
    for calc in CALCULATORS.values():
        data = json.loads(json.dumps(calc.describe()))
        assert [i["name"] for i in data["inputs"]] == [i.name for i in calc.inputs]
        assert all(i["rule"] for i in data["inputs"])


# -- chart series ------------------------------------------------------------


def test_sidecar_series_runs_from_zero_to_twice_the_pods():
    data = series("sidecar_ram", {"pods": "100", "sidecar_mib": "50", "node_proxy_mib": "12",
                                  "control_plane_mib": "1024"})
    assert data["ok"] and data["x"]["name"] == "pods" and data["x"]["current"] == 100
    pods = [p["pods"] for p in data["points"]]
    assert pods[0] == 0 and pods[-1] == 200 and 100 in pods and pods == sorted(pods)
    first, at_100 = data["points"][0], data["points"][pods.index(100)]
    # no pods, no nodes: only the control plane (1 GiB) is left in either mode
    assert first["sidecar_total_ram_gib"] == 1 and first["ambient_total_ram_gib"] == 1
    assert at_100["sidecar_total_ram_gib"] == 4.8828125 + 1 and at_100["nodes"] == 10
    assert at_100["ambient_total_ram_gib"] == 0.1171875 + 1
    assert all(p["no_mesh_ram_gib"] == 0 for p in data["points"])
    assert {line["name"] for line in data["lines"]} <= set(data["points"][0])


def test_chain_series_covers_every_hop_up_to_ten_or_twice_the_chain():
    data = series("chain_latency", {"hops": "3", "added_ms_per_hop": "2"})
    assert [p["hops"] for p in data["points"]] == list(range(1, 11))
    assert data["points"][4] == {
        "hops": 5, "baseline_ms": 100.0, "added_ms": 10.0, "total_ms": 110.0,
        "tail_exposure_pct": pytest.approx(4.90099501),
    }
    long = series("chain_latency", {"hops": "400"}, points=11)
    hops = [p["hops"] for p in long["points"]]
    assert hops[0] == 1 and hops[-1] == 800 and 400 in hops and len(hops) <= 12


def test_series_reports_bad_values_instead_of_raising():
    data = series("sidecar_ram", {"pods": "-3"}, preset="nope")
    assert data["ok"] is False
    assert [e["input"] for e in data["errors"]] == ["preset", "pods"]
    assert calculators.sidecar_ram.series({"pods": 4}, points=5)["ok"] is True
    assert calculators.chain_latency.series({"hops": 2})["ok"] is True


# -- runs unchanged in the browser -------------------------------------------


def test_importing_the_package_pulls_in_no_io_thread_or_cli_modules():
    code = (
        "import sys, calculators; calculators.evaluate('sidecar_ram', {});"
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(done.stdout.split())
    for module in ("socket", "subprocess", "threading", "urllib.request", "asyncio", "argparse",
                   "calculators.cli", "locale"):
        assert module not in loaded, module


def test_no_call_the_worker_makes_imports_a_package_module_late():
    """A start from the build's snapshot has the package imported in memory but
    not its files (sitebuild/make_snapshot.mjs), so a package module
    imported inside a function would fail there on first call."""
    code = (
        "import sys, calculators\n"
        "before = set(sys.modules)\n"
        "for name in calculators.CALCULATORS:\n"
        "    calc = calculators.get(name)\n"
        "    bad = {field.name: 'x' for field in calc.inputs}\n"
        "    for preset in [None, *(p.name for p in calc.presets)]:\n"
        "        for raw in ({}, bad):\n"
        "            calculators.evaluate(name, raw, preset=preset)\n"
        "            calculators.chart(name, raw, preset=preset)\n"
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    late = [module for module in done.stdout.split() if module.split(".")[0] == "calculators"]
    assert late == []
