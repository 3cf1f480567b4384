"""MkDocs hook of an edition build (added by :mod:`editionbuild.publish`, never
by a plain ``make build``).

It turns on Material's version selector and the outdated-edition banner,
names the edition in every page (for the pinned links of Copy link and Copy
for ADR), adds the "What changed" page, and writes the edition's record.
The page's list of changes is written after the build, when this edition's
``figures.json`` exists, into the page's placeholder.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import markdown
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from calculators.figures import FIGURES

from editionbuild import BRANCH, LATEST
from editionbuild.changes import Edition, report
from editionbuild.record import FIGURES_FILE, RECORD_FILE, current_record

EDITION_NAME = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_review_date(name: str) -> bool:
    """``YYYY-MM-DD``, a real date: editions sort by name, so by date."""
    if not EDITION_NAME.fullmatch(name):
        return False
    try:
        date.fromisoformat(name)
    except ValueError:
        return False
    return True
CHANGES_PAGE = "changes.md"
PLACEHOLDER = '<div id="edition-changes">'
SUMMARIES = Path(__file__).parent / "summaries"


def edition_name() -> str:
    """The edition mike is building (it sets MIKE_DOCS_VERSION)."""
    name = os.environ.get("MIKE_DOCS_VERSION", "")
    if not is_review_date(name):
        raise PluginError(f"edition: {name!r} is not a review date YYYY-MM-DD (build editions with `make edition`)")
    return name


def summary_file(name: str) -> Path:
    return SUMMARIES / f"{name}.md"


def _git(root: Path, *args: str) -> str | None:
    shown = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def _branch_json(root: Path, path: str):
    text = _git(root, "show", f"{BRANCH}:{path}")
    return None if text is None else json.loads(text)


def previous_edition(root: Path, name: str) -> Edition | None:
    """The newest edition on the branch older than ``name``, with what it stored."""
    versions = _branch_json(root, "versions.json") or []
    older = sorted(entry["version"] for entry in versions if is_review_date(entry["version"]) and entry["version"] < name)
    if not older:
        return None
    previous = older[-1]
    return Edition(previous, _branch_json(root, f"{previous}/{RECORD_FILE}"), _branch_json(root, f"{previous}/{FIGURES_FILE}"))


def on_config(config):
    name = edition_name()
    if not summary_file(name).is_file():
        raise PluginError(
            f"edition {name}: write {summary_file(name).relative_to(SUMMARIES.parent.parent)}, "
            "a few sentences telling readers what this review changed"
        )
    config.extra["edition"] = name
    config.extra["version"] = {"provider": "mike", "default": LATEST}
    config.nav.append({"What changed": CHANGES_PAGE})
    return config


def on_files(files, config):
    name = edition_name()
    page = "\n".join([
        f"# What changed in the edition of {name} {{#what-changed}}",
        "",
        summary_file(name).read_text(encoding="utf-8").strip(),
        "",
        "## Since the previous edition {#since-previous}",
        "",
        f'{PLACEHOLDER.removesuffix(">")} markdown>',
        "The figures, verdict rules, calculators and sections that changed since the previous edition.",
        "</div>",
        "",
    ])
    files.append(File.generated(config, CHANGES_PAGE, content=page))
    return files


def on_post_build(config):
    name = edition_name()
    root = Path(config.config_file_path).parent
    site = Path(config.site_dir)
    record = current_record(root, name, (_git(root, "rev-parse", "HEAD") or "").strip())
    (site / RECORD_FILE).write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # This edition's register, read from the checkout it is built from (the
    # sidecar-tax plugin writes figures.json after this hook has run).
    figures = [item.as_json() for item in FIGURES.values()]
    body = report(previous_edition(root, name), Edition(name, record, figures))
    html = markdown.markdown(body, extensions=["attr_list", "tables"])
    page = site / "changes" / "index.html"
    text = page.read_text(encoding="utf-8")
    written, found = re.subn(re.escape(PLACEHOLDER) + r".*?</div>", lambda _: f"{PLACEHOLDER}{html}</div>", text, flags=re.S)
    if found != 1:
        raise PluginError(f"edition {name}: the What changed page has {found} placeholders, expected one")
    page.write_text(written, encoding="utf-8")
