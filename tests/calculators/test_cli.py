"""The command line, run the way a user runs it: `python3 -m calculators ...`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from calculators import CALCULATORS, evaluate, mesh_fit

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )


def test_json_gives_the_documented_numbers():
    done = run("sidecar_ram", "--pods", "250", "--sidecar-mib", "90", "--json")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert set(data) == {"calculator", "inputs", "outputs"}
    assert data["calculator"] == "sidecar_ram"
    assert data["inputs"]["pods"] == 250 and data["inputs"]["sidecar_mib"] == 90
    assert data["outputs"]["ram_gib"] == 21.97265625  # 250 x 90 / 1024, unrounded
    assert data["outputs"]["monthly_cost"] == pytest.approx(809.94140625)
    assert data["outputs"]["yearly_cost"] == pytest.approx(9719.296875)


def test_json_for_the_article_chain():
    done = run("chain_latency", "--hops", "5", "--added-ms-per-hop", "2", "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)["outputs"]
    assert out["added_ms"] == 10 and out["total_ms"] == 110 and out["proxy_traversals"] == 10
    assert out["tail_exposure_pct"] == pytest.approx(4.90099501)


def test_preset_then_explicit_options_override_it():
    data = json.loads(run("chain_latency", "--preset", "istio_1_20_p90", "--json").stdout)
    assert data["inputs"]["added_ms_per_hop"] == 0.228
    assert data["outputs"]["added_ms"] == pytest.approx(1.14)
    data = json.loads(run("chain_latency", "--preset", "istio_1_20_p90", "--added-ms-per-hop", "1", "--json").stdout)
    assert data["inputs"]["added_ms_per_hop"] == 1.0


def test_human_output_is_a_table_of_inputs_and_outputs():
    done = run("sidecar_ram", "--pods", "250", "--sidecar-mib", "90", "--preset", "istio_1_24_measured")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "Sidecar memory, CPU and cost (sidecar_ram)" in text
    assert "Istio 1.24" in text  # the preset's citation is shown
    assert re.search(r"Pods\s+250\s+pods", text)
    assert re.search(r"Memory per sidecar\s+90\s+MiB", text)  # the option beats the preset
    assert re.search(r"Sidecar memory\s+21\.97\s+GiB", text)
    assert re.search(r"Sidecar cost\s+[\d,]+\.\d\d\s+per year", text)


@pytest.mark.parametrize(
    ("args", "messages"),
    [
        (["sidecar_ram", "--pods", "2.5"], ["--pods: Pods must be a whole number from 1 to 1,000,000."]),
        (["sidecar_ram", "--pods=-5", "--sidecar-mib", "lots"],
         ["--pods: Pods must be a whole number from 1 to 1,000,000.",
          "--sidecar-mib: Memory per sidecar must be a number greater than 0 and at most 100,000."]),
        (["chain_latency", "--baseline-ms", "nan"],
         ["--baseline-ms: Latency without the mesh must be a number from 0.001 to 600,000."]),
        (["chain_latency", "--hops", ""], ["--hops: Calls in the chain must be a whole number from 1 to 1,000."]),
        (["chain_latency", "--preset", "istio_9"], ["--preset: Preset must be one of: article_low, article_high, "
                                                    "istio_1_16_p90, istio_1_20_p90, ztunnel_1_22_p90."]),
    ],
)
def test_bad_values_exit_2_with_the_sites_messages_on_stderr(args, messages):
    done = run(*args, "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[: len(messages)] == messages
    assert "--help" in lines[-1]


def test_messages_are_word_for_word_those_of_evaluate_after_the_option():
    done = run("sidecar_ram", "--pods", "0", "--gib-month-price", "-1")
    errors = evaluate("sidecar_ram", {"pods": "0", "gib_month_price": "-1"})["errors"]
    expected = [f"--{e['input'].replace('_', '-')}: {e['message']}" for e in errors]
    assert done.returncode == 2
    assert done.stderr.splitlines()[: len(expected)] == expected


@pytest.mark.parametrize(
    "args", [["sidecar_ram", "--colour", "blue"], ["sidecar_ram", "--pod", "5"], ["no_such_calculator"], []]
)
def test_usage_errors_exit_2(args):
    done = run(*args)
    assert done.returncode == 2
    assert done.stdout == "" and done.stderr


def test_top_level_help_is_enough_to_start():
    done = run("--help")
    assert done.returncode == 0
    text = done.stdout
    for needle in ("list", "sidecar_ram", "chain_latency", "--json", "--preset", "NAME --help",
                   "--pods 250 --sidecar-mib 90", "status 2"):
        assert needle in text, needle


def test_calculator_help_shows_unit_default_rule_help_and_presets():
    done = run("sidecar_ram", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())  # undo argparse's line wrapping
    assert "--sidecar-mib X Memory per sidecar (MiB). Default 128. Must be a number greater than 0 and at most 100,000." in text
    assert "--pods N Pods (pods). Default 100. Must be a whole number from 1 to 1,000,000." in text
    assert "Default 3.24" in text and "2026-03" in text  # the price and the date it was checked
    for slug in ("article_low", "article_high", "istio_sidecar_request", "istio_1_24_measured",
                 "linkerd_2_11_1_peak"):
        assert f"{slug}:" in text, slug
    assert "istio_sidecar_request: sidecar_mib=128, sidecar_vcpu=0.1" in text
    assert "https://linkerd.io/2021/11/29/linkerd-vs-istio-benchmarks-2021/" in text
    assert "ram_gib (GiB)" in text


def test_chain_help_lists_latency_presets():
    done = run("chain_latency", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "--added-ms-per-hop X Latency added per call (ms). Default 10." in text
    assert "istio_1_16_p90: added_ms_per_hop=2.65" in text
    assert "istio_1_20_p90: added_ms_per_hop=0.228" in text
    assert "1 %" in text  # a literal percent sign survives argparse's formatting


@pytest.mark.parametrize("name", CALCULATORS)
def test_calculator_help_quotes_summary_and_every_citation_as_written(name):
    """The help reads as the schema does: "20 % baseline", never "20 %% baseline"."""
    text = " ".join(run(name, "--help").stdout.split())
    calc = CALCULATORS[name]
    assert " ".join(calc.summary.split()) in text
    for preset in calc.presets:
        assert " ".join(preset.citation.split()) in text, preset.name


def test_list_names_titles_and_presets():
    done = run("list")
    assert done.returncode == 0
    assert "sidecar_ram: Sidecar memory, CPU and cost" in done.stdout
    assert "chain_latency: Latency across a call chain" in done.stdout
    assert "istio_1_24_measured" in done.stdout and "ztunnel_1_22_p90" in done.stdout
    schemas = json.loads(run("list", "--json").stdout)
    assert [s["name"] for s in schemas] == list(CALCULATORS)
    assert [s["name"] for s in schemas][:2] == ["sidecar_ram", "chain_latency"]
    for name, calc in CALCULATORS.items():
        assert f"{name}: {calc.title}" in done.stdout


def test_mesh_fit_json_has_the_verdict_slug_and_yes_no_as_booleans():
    done = run(
        "mesh_fit", "--services", "250", "--teams-deploying-daily", "4", "--platform-team", "yes",
        "--needs-encryption-or-identity", "TRUE", "--needs-uniform-metrics", "0", "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["inputs"] == {
        "services": 250, "teams_deploying_daily": 4, "platform_team": True,
        "needs_encryption_or_identity": True, "needs_uniform_metrics": False, "needs_east_west_policy": False,
    }
    assert data["outputs"]["verdict"] == "mesh_reasonable"
    assert data["outputs"]["article_conditions_met"] == 3 and data["outputs"]["requirements_met"] == 1
    assert "encryption" in data["outputs"]["reason"]


def test_mesh_fit_table_shows_yes_no_and_the_verdict_in_words():
    done = run("mesh_fit", "--services", "40", "--platform-team", "no")
    assert done.returncode == 0, done.stderr
    assert re.search(r"Platform team\s+no\n", done.stdout)
    assert re.search(r"Article's conditions met\s+0\s+of 3", done.stdout)
    assert "Verdict: Don't adopt a mesh: use the simpler alternatives." in done.stdout
    assert "no_mesh" not in done.stdout  # people read words, scripts read --json


@pytest.mark.parametrize("spelling", ["maybe", "y", "2", "", "<b>yes</b>"])
def test_a_bad_yes_no_exits_2_naming_the_option_and_the_rule(spelling):
    done = run("mesh_fit", "--platform-team", spelling)
    assert done.returncode == 2 and done.stdout == ""
    assert "--platform-team: Platform team must be yes or no." in done.stderr
    assert "<b>" not in done.stderr


def test_mesh_fit_help_lists_the_verdicts_and_how_to_answer_yes_no():
    done = run("mesh_fit", "--help")
    assert done.returncode == 0
    assert "--platform-team yes|no" in done.stdout
    for slug in ("no_mesh", "not_yet", "mesh_reasonable"):
        assert slug in done.stdout


def test_the_installed_command_runs_from_any_folder_under_its_own_name(tmp_path):
    command = Path(sys.executable).with_name("sidecar-tax")
    done = subprocess.run([str(command), "chain_latency", "--hops", "0"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert 'Run "sidecar-tax chain_latency --help"' in done.stderr
    listing = subprocess.run([str(command), "list"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and 'Run "sidecar-tax NAME --help"' in listing.stdout


def test_the_platform_engineers_case_on_the_command_line():
    """40 services, 3 teams deploying daily, no platform team, an identity mandate."""
    done = run("mesh_fit", "--services", "40", "--teams-deploying-daily", "3", "--platform-team", "no",
               "--needs-encryption-or-identity", "yes", "--json")
    assert done.returncode == 0, done.stderr
    outputs = json.loads(done.stdout)["outputs"]
    assert outputs["verdict"] == "requirement_below_scale"
    assert "guide/compare/#for-encryption-or-identity" in outputs["reason"]
    human = run("mesh_fit", "--services", "40", "--teams-deploying-daily", "3", "--needs-encryption-or-identity", "yes")
    assert " ".join(mesh_fit.VERDICT_WORDS["requirement_below_scale"].split()[:6]) in " ".join(human.stdout.split())
