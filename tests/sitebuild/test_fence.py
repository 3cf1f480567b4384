"""The calculator fence: what a page author gets for good and bad blocks."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import calculators
from sitebuild import fence

ROOT = Path(__file__).resolve().parents[2]


def test_a_block_takes_its_defaults_and_computes_them():
    block = fence.parse_block("name: sidecar_ram\npods: 40\n")
    assert block["block_id"] == "sidecar_ram"
    assert block["result"] == calculators.evaluate("sidecar_ram", {"pods": "40"})
    assert [p.name for p in block["presets"]] == [p.name for p in calculators.get("sidecar_ram").presets]


def test_a_block_can_name_its_id_and_presets():
    preset = calculators.get("chain_latency").presets[-1].name
    block = fence.parse_block(f"name: chain_latency\nid: checkout\npresets: {preset}\n")
    assert block["block_id"] == "checkout"
    assert [p.name for p in block["presets"]] == [preset]


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("name: sidecar_rum", "unknown calculator 'sidecar_rum'"),
        ("name: sidecar_ram\npodz: 3", "unknown input podz"),
        ("name: sidecar_ram\npods: -4", calculators.get("sidecar_ram").input("pods").label + " must be"),
        ("name: sidecar_ram\npresets: nope", "unknown preset nope"),
        ("- just a list", "must be 'key: value' lines"),
    ],
)
def test_a_bad_block_is_refused_with_the_reason(source, problem):
    with pytest.raises(fence.CalculatorBlockError, match=problem):
        fence.parse_block(source)


def write_project(folder: Path, page: str) -> Path:
    """A minimal MkDocs project that adds the calculators as any site would: one plugin line."""
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (folder / "docs" / "costs.md").write_text(page, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            f"""\
            site_name: Block test
            theme:
              name: material
              custom_dir: {ROOT / "overrides"}
            plugins:
              - sidecar-tax:
                  snapshot: false
            """
        ),
        encoding="utf-8",
    )
    return config


def strict_build(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(config.parent)},
    )


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ("name: sidecar_rum", "unknown calculator 'sidecar_rum'"),
        ("name: chain_latency\nid: checkout\nhopz: 3", "calculator block 'checkout' (chain_latency): unknown input hopz"),
        ("name: chain_latency\nhops: 0", calculators.evaluate("chain_latency", {"hops": "0"})["errors"][0]["message"]),
    ],
)
def test_strict_build_fails_naming_the_page_the_block_and_the_problem(tmp_path, block, problem):
    config = write_project(tmp_path, f"# Costs\n\n```calculator\n{block}\n```\n")
    result = strict_build(config)
    assert result.returncode != 0
    assert "costs.md" in result.stderr
    assert problem in result.stderr
    assert "Traceback" not in result.stderr  # the reason, not a Python stack to dig it out of


def test_two_blocks_with_one_id_on_a_page_fail_the_build(tmp_path):
    block = "```calculator\nname: chain_latency\n```\n"
    config = write_project(tmp_path, f"# Costs\n\n{block}\n{block}")
    result = strict_build(config)
    assert result.returncode != 0
    assert "costs.md" in result.stderr
    assert "calculator block id chain_latency is used twice on this page" in result.stderr
