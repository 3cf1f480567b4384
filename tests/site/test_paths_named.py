"""No drift: every repository path a comment or a document names exists.

A moved file leaves its old name in comments and docs (this project once had
about ten such pointers); this finds any path under the project's folders
written in a tracked text file and checks it is there.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("calculators", "sitebuild", "overrides", "tests", "deploy", "docs")
SUFFIXES = ("py", "js", "mjs", "css", "html", "md", "yml", "toml", "conf", "txt")
NAMED_PATH = re.compile(rf"(?<![\w/.-])((?:{'|'.join(FOLDERS)})/[\w./-]*\w\.(?:{'|'.join(SUFFIXES)}))\b")
#: Names that stand for a file the reader writes, not one that exists: a new
#: calculator, and the ADRs in a reader's own repository (docs/decisions/).
PLACEHOLDERS = ("calculators/NAME.py", "docs/decisions/")


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    this = Path(__file__).relative_to(ROOT).as_posix()  # its own examples name stale paths on purpose
    return [ROOT / name for name in listed if (name.rsplit(".", 1)[-1] in SUFFIXES or name == "Makefile") and name != this]


def test_every_path_named_in_a_comment_or_document_exists():
    missing = [
        f"{path.relative_to(ROOT)}:{number}: {named}"
        for path in tracked_text_files()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        for named in NAMED_PATH.findall(line)
        if not named.startswith(PLACEHOLDERS) and not (ROOT / named).exists()
    ]
    assert missing == [], "\n".join(missing)


def test_the_check_finds_a_stale_pointer():
    assert NAMED_PATH.findall("see overrides/hooks/calculator_blocks.py and sitebuild/fence.py.") == [
        "overrides/hooks/calculator_blocks.py", "sitebuild/fence.py"
    ]
