"""The runtime options as the plugin and ``python -m sitebuild`` read them,
and the messages a bad setting gets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild.options import OptionsError, RuntimeOptions

ROOT = Path(__file__).resolve().parents[2]


def test_without_options_the_pinned_pyodide_comes_from_the_cdn_with_a_snapshot():
    options = RuntimeOptions.from_mapping({})
    assert options.pyodide_source == "cdn" and options.snapshot is True and options.start == "intent"
    assert f"/v{options.pyodide_version}/" in options.pyodide_cdn_url


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"pyodide_source": "ftp"}, "pyodide_source must be one of cdn, self-hosted, not 'ftp'"),
        ({"snapshot": "maybe"}, "snapshot must be true or false"),
        ({"start": "scroll"}, "start must be one of intent, viewport, not 'scroll'"),
        ({"snapshots": True}, "unknown option snapshots"),
        ({"pyodide_sha256": ""}, "pyodide_sha256 must be a non-empty string"),
        ([], "must be a mapping"),
    ],
)
def test_a_bad_option_is_named_with_its_rule(raw, message):
    with pytest.raises(OptionsError, match=message):
        RuntimeOptions.from_mapping(raw)


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sitebuild", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_the_command_refuses_a_folder_that_was_not_built(tmp_path):
    result = run_command(str(tmp_path))
    assert result.returncode == 2
    assert "has no index.html: build the site first" in result.stderr


def test_the_command_names_a_bad_option_and_its_rule(tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    result = run_command(str(tmp_path), "--pyodide-source", "ftp")
    assert result.returncode == 1
    assert "pyodide_source must be one of cdn, self-hosted, not 'ftp'" in result.stderr


def test_the_commands_help_lists_every_plugin_option_with_its_description():
    help_text = " ".join(run_command("--help").stdout.split())
    assert "--pyodide-source" in help_text and "networks that block CDNs" in help_text
    assert "--snapshot {false,true}" in help_text and "needs Node.js at build time" in help_text
