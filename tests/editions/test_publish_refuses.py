"""`make edition` refuses, in words, what would make a wrong edition."""

from __future__ import annotations

import subprocess

import pytest

from editionbuild.publish import PublishError, publish
from tests.conftest import ROOT


@pytest.mark.parametrize("name", ["v2", "2026-13-01", "2026-1-5"])
def test_a_name_that_is_not_a_review_date_is_refused(name):
    with pytest.raises(PublishError, match=rf"EDITION: '{name}' must be the review date as YYYY-MM-DD"):
        publish(name, ROOT)


def test_an_edition_without_its_summary_is_refused():
    with pytest.raises(PublishError, match=r"write editionbuild/summaries/1999-01-01\.md first"):
        publish("1999-01-01", ROOT)


def test_uncommitted_changes_are_refused(tmp_path, monkeypatch):
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "draft.md").write_text("not committed\n", encoding="utf-8")
    monkeypatch.setattr("editionbuild.publish.summary_file", lambda edition: tmp_path / "draft.md")
    with pytest.raises(PublishError, match=r"(?s)commit first.*\?\? draft\.md"):
        publish("2026-12-06", tmp_path)
