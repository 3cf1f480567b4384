"""``extra.calculators`` read without MkDocs, as ``python -m sitebuild`` does
after a Zensical build, and the messages a bad setting gets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild.options import OptionsError, RuntimeOptions, from_config, read_config

ROOT = Path(__file__).resolve().parents[2]
PINS = {"pyodide_version": "1.0.0", "pyodide_cdn_url": "https://cdn.example/", "pyodide_sha256": "ab"}


def test_the_projects_options_read_with_their_environment_overrides(monkeypatch):
    monkeypatch.delenv("PYODIDE_SOURCE", raising=False)
    monkeypatch.delenv("SNAPSHOT", raising=False)
    options = from_config(read_config(ROOT / "mkdocs.yml"))
    assert options.pyodide_source == "cdn" and options.snapshot is True and options.start == "intent"
    assert options.pyodide_version in options.pyodide_cdn_url
    monkeypatch.setenv("PYODIDE_SOURCE", "self-hosted")
    monkeypatch.setenv("SNAPSHOT", "false")
    options = from_config(read_config(ROOT / "mkdocs.yml"))
    assert options.pyodide_source == "self-hosted" and options.snapshot is False


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({**PINS, "pyodide_source": "ftp"}, "pyodide_source must be one of cdn, self-hosted"),
        ({**PINS, "snapshot": "maybe"}, "snapshot must be true or false"),
        ({**PINS, "start": "scroll"}, "start must be one of intent, viewport, not 'scroll'"),
        ({**PINS, "snapshots": True}, "unknown option snapshots"),
        ({k: v for k, v in PINS.items() if k != "pyodide_sha256"}, "pyodide_sha256 must be set"),
        (None, "must be a mapping"),
    ],
)
def test_a_bad_option_is_named_with_its_rule(raw, message):
    with pytest.raises(OptionsError, match=message):
        RuntimeOptions.from_mapping(raw)


def test_the_command_refuses_a_folder_that_was_not_built(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "sitebuild", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert "has no index.html: build the site first" in result.stderr
