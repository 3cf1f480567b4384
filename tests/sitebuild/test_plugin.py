"""The sidecar-tax MkDocs plugin as a site adds it: refusals before any
page is built, and nothing added twice to a site that lists it already."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PAGE = "# Costs\n\n```calculator\nname: chain_latency\n```\n"


def build(folder: Path, plugin: str, extra: str = "") -> subprocess.CompletedProcess:
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(
        textwrap.dedent(
            """\
            site_name: Plugin test
            theme:
              name: material
            plugins:
            """
        ) + textwrap.indent(plugin, "  ") + "\n" + extra,
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HOME": str(folder)},
    )


@pytest.mark.parametrize(
    ("plugin", "problem"),
    [
        ("- sidecar-tax:\n    pyodide_source: ftp", "plugins.sidecar-tax.pyodide_source must be one of cdn, self-hosted, not 'ftp'"),
        ("- sidecar-tax:\n    snapshot: maybe", "snapshot"),
        ("- sidecar-tax:\n    snapshots: false", "snapshots"),
    ],
)
def test_a_bad_option_stops_the_build_naming_it(tmp_path, plugin, problem):
    result = build(tmp_path, plugin)
    assert result.returncode != 0
    assert problem in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists(), "no page is built with a bad setup"


def test_a_site_that_lists_the_lines_itself_gets_each_once(tmp_path):
    extra = textwrap.dedent(
        """\
        extra_css: [assets/calculators/calculators.css, assets/calculators/charts.css]
        extra_javascript:
          - {path: assets/calculators/mount-forms.js, type: module}
        markdown_extensions: [pymdownx.superfences, sitebuild.extension]
        """
    )
    result = build(tmp_path, "- sidecar-tax:\n    snapshot: false", extra)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count("assets/calculators/mount-forms.js") == 1
    assert html.count("assets/calculators/calculators.css") == 1
    assert html.count('<form class="st-calc"') == 1
    assert (tmp_path / "site" / "assets" / "calculators" / "config.js").is_file()
