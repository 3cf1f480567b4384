"""The related pages' calculators (issue 18): serverless_breakeven, cluster_vs_vps, dev_loop_time.

Expected values are worked out by hand from the issue's definitions, never
copied from the code's output.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import CALCULATORS, evaluate, get
from calculators.schema import FieldError

REPO = Path(__file__).resolve().parents[2]

settings.register_profile("related", deadline=None, max_examples=150)
settings.load_profile("related")


def outputs(name: str, raw: dict | None = None, preset: str | None = None) -> dict:
    result = evaluate(name, raw or {}, preset=preset)
    assert result["ok"], result["errors"]
    return {k: v["value"] for k, v in result["outputs"].items()}


def texts(name: str, raw: dict | None = None) -> dict[str, str]:
    return {k: v["text"] for k, v in evaluate(name, raw or {})["outputs"].items()}


# -- the public contract ---------------------------------------------------------

CONTRACT = {
    "serverless_breakeven": (
        ["requests_per_second", "duration_ms", "memory_mib", "price_per_gb_second",
         "price_per_million_requests", "vps_month_price"],
        ["function_monthly_cost", "vps_monthly_cost", "breakeven_rps", "cost_ratio"],
    ),
    "cluster_vs_vps": (
        ["nodes", "node_month_price", "control_plane_month_price", "load_balancers",
         "load_balancer_month_price", "platform_fte", "fte_month_cost", "vps_count", "vps_month_price"],
        ["cluster_monthly_cost", "vps_monthly_cost", "monthly_difference", "yearly_difference"],
    ),
    "dev_loop_time": (
        ["developers", "runs_per_day", "native_seconds", "container_seconds", "working_days_per_month"],
        ["hours_lost_per_month", "hours_lost_per_developer_month"],
    ),
}


def test_registered_after_the_existing_calculators():
    assert list(CALCULATORS)[-3:] == ["serverless_breakeven", "cluster_vs_vps", "dev_loop_time"]


@pytest.mark.parametrize("name", list(CONTRACT))
def test_contract_names_come_first_in_order(name):
    inputs, outputs_ = CONTRACT[name]
    calc = get(name)
    assert [i.name for i in calc.inputs][: len(inputs)] == inputs
    assert [o.name for o in calc.outputs][: len(outputs_)] == outputs_


def test_contract_bounds():
    sb, cv, dl = get("serverless_breakeven"), get("cluster_vs_vps"), get("dev_loop_time")
    for name in ("requests_per_second", "price_per_gb_second", "price_per_million_requests", "vps_month_price"):
        assert (sb.input(name).minimum, sb.input(name).min_inclusive) == (0, True), name
    for name in ("duration_ms", "memory_mib"):
        assert (sb.input(name).minimum, sb.input(name).min_inclusive) == (0, False), name
    for name in ("nodes", "load_balancers", "vps_count"):
        assert cv.input(name).kind is int and cv.input(name).minimum == 0, name
    assert cv.input("platform_fte").minimum == 0 and cv.input("platform_fte").kind is float
    assert dl.input("developers").kind is int and dl.input("developers").minimum == 1
    assert dl.input("runs_per_day").minimum == 0
    assert dl.input("native_seconds").minimum == 0 and dl.input("container_seconds").minimum == 0
    days = dl.input("working_days_per_month")
    assert (days.minimum, days.min_inclusive, days.default) == (0, False, 21)
    assert sb.output("breakeven_rps").none_text == "never"


# -- serverless_breakeven, by hand ---------------------------------------------

def test_serverless_defaults_worked_by_hand():
    # 100 ms x 512 MiB = 0.1 s x 0.5 GB = 0.05 GB-s; x 0.0000166667 = 8.33335e-7 per request
    # + 0.2 / 1e6 = 2e-7 per request -> 1.033335e-6 per request
    # x 10 rps x 2,628,000 = 26,280,000 requests -> 27.1560438 per month
    out = outputs("serverless_breakeven")
    assert out["function_monthly_cost"] == pytest.approx(27.1560438)
    assert out["vps_monthly_cost"] == 12
    # 12 / (2,628,000 x 1.033335e-6 = 2.71560438) = 4.41890582...
    assert out["breakeven_rps"] == pytest.approx(4.418905820, rel=1e-9)
    assert out["cost_ratio"] == pytest.approx(27.1560438 / 12)
    assert out["monthly_requests"] == 26_280_000


def test_one_rps_of_128_mib_for_one_second_on_arm():
    # 1 s x 128/1024 GB = 0.125 GB-s x 0.0000133334 = 1.666675e-6; + 2e-7 = 1.866675e-6
    # x 2,628,000 = 4.9056219 per month at 1 rps
    raw = {"requests_per_second": "1", "duration_ms": "1000", "memory_mib": "128", "vps_month_price": "5"}
    out = outputs("serverless_breakeven", raw, preset="lambda_arm_us_east_1")
    assert out["function_monthly_cost"] == pytest.approx(4.9056219)
    assert out["breakeven_rps"] == pytest.approx(5 / 4.9056219)


def test_a_request_that_costs_nothing_never_breaks_even():
    raw = {"price_per_gb_second": "0", "price_per_million_requests": "0"}
    result = evaluate("serverless_breakeven", raw)
    assert result["ok"]
    assert result["outputs"]["breakeven_rps"] == {"value": None, "text": "never"}
    assert result["outputs"]["function_monthly_cost"]["value"] == 0
    json.dumps(result, allow_nan=False)


def test_requests_only_pricing_still_breaks_even():
    # no duration price: 2,628,000 x 0.2/1e6 = 0.5256 per rps-month; 12 / 0.5256 = 22.8310...
    out = outputs("serverless_breakeven", {"price_per_gb_second": "0"})
    assert out["breakeven_rps"] == pytest.approx(12 / 0.5256)


def test_free_vps_has_no_ratio_and_breaks_even_at_zero():
    out = outputs("serverless_breakeven", {"vps_month_price": "0"})
    assert out["cost_ratio"] is None
    assert out["breakeven_rps"] == 0
    assert texts("serverless_breakeven", {"vps_month_price": "0"})["cost_ratio"].startswith("n/a")


def test_no_free_tier_zero_traffic_costs_nothing():
    out = outputs("serverless_breakeven", {"requests_per_second": "0"})
    assert out["function_monthly_cost"] == 0 and out["cost_ratio"] == 0


@given(
    duration=st.floats(0.001, 900_000), memory=st.floats(0.001, 102_400),
    gbs=st.floats(1e-10, 1.0), per_million=st.floats(0, 100), vps=st.floats(0, 1e6),
)
def test_function_cost_at_breakeven_equals_the_vps(duration, memory, gbs, per_million, vps):
    calc = get("serverless_breakeven")
    base = {"duration_ms": duration, "memory_mib": memory, "price_per_gb_second": gbs,
            "price_per_million_requests": per_million, "vps_month_price": vps}
    rps = calc.calculate(**base)["breakeven_rps"]
    if rps is None or rps > calc.input("requests_per_second").maximum:
        return
    at = calc.calculate(**base, requests_per_second=rps)
    assert at["function_monthly_cost"] == pytest.approx(vps, rel=1e-9, abs=1e-9)


def test_texts_for_people():
    t = texts("serverless_breakeven")
    assert t["function_monthly_cost"] == "27.16 per month"
    assert t["breakeven_rps"] == "4.42 requests per second"
    assert t["cost_ratio"] == "2.26 x"


# -- cluster_vs_vps, by hand ---------------------------------------------------------

def test_cluster_defaults_worked_by_hand():
    # 3 x 59.568 = 178.704; + 73 + 1 x 16.425 = 268.129 infrastructure
    # 0.5 x 10,000 = 5,000 people -> 5,268.129; 1 x 24 VPS -> difference 5,244.129
    out = outputs("cluster_vs_vps")
    assert out["cluster_infra_monthly_cost"] == pytest.approx(268.129)
    assert out["platform_people_monthly_cost"] == pytest.approx(5000)
    assert out["cluster_monthly_cost"] == pytest.approx(5268.129)
    assert out["vps_monthly_cost"] == 24
    assert out["monthly_difference"] == pytest.approx(5244.129)
    assert out["yearly_difference"] == pytest.approx(62929.548)
    assert out["infra_monthly_difference"] == pytest.approx(244.129)


def test_extended_support_costs_six_times_standard():
    std = outputs("cluster_vs_vps", {"nodes": "0", "load_balancers": "0", "platform_fte": "0"},
                  preset="eks_standard_support")
    ext = outputs("cluster_vs_vps", {"nodes": "0", "load_balancers": "0", "platform_fte": "0"},
                  preset="eks_extended_support")
    assert std["cluster_monthly_cost"] == pytest.approx(73.0)  # 0.10 x 730
    assert ext["cluster_monthly_cost"] == pytest.approx(438.0)  # 0.60 x 730
    assert ext["cluster_monthly_cost"] == pytest.approx(6 * std["cluster_monthly_cost"])


def test_a_cheaper_cluster_gives_a_negative_difference():
    raw = {"nodes": "1", "node_month_price": "10", "control_plane_month_price": "0", "load_balancers": "0",
           "platform_fte": "0", "vps_count": "4", "vps_month_price": "24"}
    out = outputs("cluster_vs_vps", raw)
    assert out["monthly_difference"] == pytest.approx(10 - 96)
    assert out["yearly_difference"] == pytest.approx(12 * (10 - 96))
    assert texts("cluster_vs_vps", raw)["monthly_difference"] == "-86.00 per month"


@given(
    nodes=st.integers(0, 1000), node=st.floats(0, 1e5), cp=st.floats(0, 1e4), lbs=st.integers(0, 100),
    lb=st.floats(0, 1e4), fte=st.floats(0, 100), fte_cost=st.floats(0, 1e6), vps_n=st.integers(0, 1000),
    vps=st.floats(0, 1e5),
)
def test_cluster_formula_from_the_issue(nodes, node, cp, lbs, lb, fte, fte_cost, vps_n, vps):
    out = get("cluster_vs_vps").calculate(
        nodes=nodes, node_month_price=node, control_plane_month_price=cp, load_balancers=lbs,
        load_balancer_month_price=lb, platform_fte=fte, fte_month_cost=fte_cost, vps_count=vps_n,
        vps_month_price=vps,
    )
    cluster = nodes * node + cp + lbs * lb + fte * fte_cost
    assert out["cluster_monthly_cost"] == pytest.approx(cluster)
    assert out["vps_monthly_cost"] == pytest.approx(vps_n * vps)
    assert out["monthly_difference"] == pytest.approx(cluster - vps_n * vps, abs=1e-6)
    assert out["yearly_difference"] == pytest.approx(12 * (cluster - vps_n * vps), abs=1e-5)


# -- dev_loop_time, by hand ---------------------------------------------------------

def test_dev_loop_defaults_worked_by_hand():
    # 9.53 - 3.37 = 6.16 s; 10 devs x 20 runs x 21 days = 4,200 runs; x 6.16 = 25,872 s = 7.18666... h
    out = outputs("dev_loop_time")
    assert out["seconds_lost_per_run"] == pytest.approx(6.16)
    assert out["hours_lost_per_month"] == pytest.approx(25872 / 3600)
    assert out["hours_lost_per_developer_month"] == pytest.approx(2587.2 / 3600)
    assert out["slowdown_pct"] == pytest.approx(100 * 6.16 / 3.37)


def test_negative_hours_when_containers_are_faster():
    # Linux: 5.29 - 5.32 = -0.03 s; 10 x 20 x 21 x -0.03 / 3600 = -126 / 3600 = -0.035 h
    out = outputs("dev_loop_time", preset="linux_bind_mount")
    assert out["hours_lost_per_month"] == pytest.approx(-0.035)
    assert out["hours_lost_per_developer_month"] == pytest.approx(-0.0035)
    assert out["slowdown_pct"] < 0
    raw = {"native_seconds": "60", "container_seconds": "30", "developers": "2", "runs_per_day": "6"}
    out = outputs("dev_loop_time", raw)  # 2 x 6 x 21 x -30 / 3600 = -2.1 h
    assert out["hours_lost_per_month"] == pytest.approx(-2.1)
    assert texts("dev_loop_time", raw)["hours_lost_per_month"] == "-2.1 hours per month"


def test_instant_native_run_has_no_slowdown_percentage():
    out = outputs("dev_loop_time", {"native_seconds": "0", "container_seconds": "5"})
    assert out["slowdown_pct"] is None
    assert out["hours_lost_per_month"] == pytest.approx(10 * 20 * 21 * 5 / 3600)


@given(
    devs=st.integers(1, 10_000), runs=st.floats(0, 10_000), native=st.floats(0, 86_400),
    container=st.floats(0, 86_400), days=st.floats(0.001, 31),
)
def test_dev_loop_formula_from_the_issue(devs, runs, native, container, days):
    out = get("dev_loop_time").calculate(
        developers=devs, runs_per_day=runs, native_seconds=native, container_seconds=container,
        working_days_per_month=days,
    )
    expected = devs * runs * days * (container - native) / 3600
    assert out["hours_lost_per_month"] == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert out["hours_lost_per_developer_month"] == pytest.approx(expected / devs, rel=1e-9, abs=1e-9)
    if expected < -1e-9:
        assert out["hours_lost_per_month"] < 0  # shown as it is, never clamped


# -- presets -------------------------------------------------------------------------

EXPECTED_PRESETS = {
    "serverless_breakeven": {
        "lambda_x86_us_east_1": {"price_per_gb_second": 0.0000166667, "price_per_million_requests": 0.2},
        "lambda_arm_us_east_1": {"price_per_gb_second": 0.0000133334, "price_per_million_requests": 0.2},
        "lightsail_512mb": {"vps_month_price": 5},
        "lightsail_2gb": {"vps_month_price": 12},
        "lightsail_4gb": {"vps_month_price": 24},
    },
    "cluster_vs_vps": {
        "eks_standard_support": {"control_plane_month_price": 73},
        "eks_extended_support": {"control_plane_month_price": 438},
        "gke_free_tier_cluster": {"control_plane_month_price": 0},
        "alb_us_east_1": {"load_balancer_month_price": 16.425},
        "lightsail_2gb_vps": {"vps_month_price": 12},
        "lightsail_4gb_vps": {"vps_month_price": 24},
    },
    "dev_loop_time": {
        "docker_desktop_bind_mount": {"native_seconds": 3.37, "container_seconds": 9.53},
        "docker_desktop_bind_and_volume": {"native_seconds": 3.37, "container_seconds": 3.61},
        "docker_desktop_vmm_bind_mount": {"native_seconds": 3.35, "container_seconds": 8.47},
        "docker_desktop_synchronized": {"native_seconds": 4.19, "container_seconds": 3.88},
        "lima_bind_mount": {"native_seconds": 3.38, "container_seconds": 8.99},
        "orbstack_bind_mount": {"native_seconds": 3.61, "container_seconds": 4.22},
        "linux_bind_mount": {"native_seconds": 5.32, "container_seconds": 5.29},
    },
}


@pytest.mark.parametrize("name", list(EXPECTED_PRESETS))
def test_preset_values_are_the_published_figures(name):
    assert {p.name: p.values for p in get(name).presets} == EXPECTED_PRESETS[name]


@pytest.mark.parametrize(
    ("name", "preset"), [(n, p) for n, presets in EXPECTED_PRESETS.items() for p in presets]
)
def test_every_preset_has_source_and_date(name, preset):
    p = get(name).preset(preset)
    assert p.source_url.startswith("https://") and not p.claim_only
    assert p.published[:4].isdigit() and len(p.citation) > 60


# -- bad input: one field error naming the field and the rule -------------------------

@pytest.mark.parametrize(
    ("name", "field", "raw", "message"),
    [
        ("serverless_breakeven", "duration_ms", "0",
         "Duration per request must be a number greater than 0 and at most 900,000."),
        ("serverless_breakeven", "requests_per_second", "-1",
         "Requests per second must be a number from 0 to 1,000,000."),
        ("serverless_breakeven", "memory_mib", "lots",
         "Memory per function must be a number greater than 0 and at most 102,400."),
        ("cluster_vs_vps", "nodes", "2.5", "Worker nodes must be a whole number from 0 to 100,000."),
        ("cluster_vs_vps", "platform_fte", "-0.1",
         "People running the cluster must be a number from 0 to 10,000."),
        ("dev_loop_time", "developers", "0", "Developers must be a whole number from 1 to 1,000,000."),
        ("dev_loop_time", "working_days_per_month", "0",
         "Working days per month must be a number greater than 0 and at most 31."),
    ],
)
def test_bad_input_is_one_field_error(name, field, raw, message):
    result = evaluate(name, {field: raw})
    assert result["ok"] is False and result["outputs"] == {}
    assert result["errors"] == [FieldError(field, message).as_dict()]


# -- command line ------------------------------------------------------------------------

def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        check=False, cwd=REPO, capture_output=True, text=True, timeout=60,
    )


def test_cli_json_for_serverless_breakeven():
    done = run_cli("serverless_breakeven", "--json", "--requests-per-second", "20", "--vps-month-price", "24")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["calculator"] == "serverless_breakeven"
    assert data["inputs"]["requests_per_second"] == 20
    # 20 x 2.71560438 = 54.3120876; 24 / 2.71560438 = 8.8378...
    assert data["outputs"]["function_monthly_cost"] == pytest.approx(54.3120876)
    assert data["outputs"]["breakeven_rps"] == pytest.approx(24 / 2.71560438)


def test_cli_json_writes_never_as_null():
    done = run_cli("serverless_breakeven", "--json", "--price-per-gb-second", "0",
                   "--price-per-million-requests", "0")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outputs"]["breakeven_rps"] is None


def test_cli_negative_hours_and_bad_value():
    done = run_cli("dev_loop_time", "--json", "--native-seconds", "10", "--container-seconds", "4")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["outputs"]["hours_lost_per_month"] == pytest.approx(10 * 20 * 21 * -6 / 3600)
    bad = run_cli("cluster_vs_vps", "--vps-count", "-1")
    assert bad.returncode == 2
    assert "Servers (VPS) must be a whole number from 0 to 100,000." in bad.stderr
