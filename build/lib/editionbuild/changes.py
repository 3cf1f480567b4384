"""What changed between two editions, as Markdown for the edition's page.

Inputs are what each edition stores beside its pages: its record
(``edition.json``, :mod:`editionbuild.record`) and, where the register of
figures has landed, ``figures.json`` (a list of objects with at least
``id``, ``value``, ``unit``, ``source_url``, ``version``, ``published``,
``checked``). A missing file is said in words, never a failure: the first
editions predate the register.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

FIGURE_FIELDS = ("value", "unit", "label", "conditions", "kind", "source_url", "version", "published", "checked")


@dataclass(frozen=True)
class Edition:
    """One side of the comparison: its name, record and figures (None: not in that edition)."""

    name: str
    record: dict | None
    figures: list[dict] | None


def _code(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split()).replace("`", "'").replace("|", "\\|")
    return f"`{text}`" if text else "(empty)"


def _amount(figure: dict) -> str:
    return _code(" ".join(str(part) for part in (figure.get("value"), figure.get("unit")) if part not in (None, "")))


def _flatten(value, path: str = "") -> dict[str, object]:
    """Leaves of a JSON value by path; lists of named objects keyed by their name."""
    if isinstance(value, dict):
        return {key: leaf for name, item in value.items() for key, leaf in _flatten(item, f"{path}.{name}" if path else name).items()}
    if isinstance(value, list) and value and all(isinstance(item, dict) and "name" in item for item in value):
        return {key: leaf for item in value for key, leaf in _flatten(item, f"{path}.{item['name']}" if path else item["name"]).items()}
    return {path: value}


def _leaf_changes(old, new) -> list[str]:
    before, after = _flatten(old), _flatten(new)
    lines = []
    for path in sorted(before.keys() | after.keys()):
        if path not in after:
            lines.append(f"- `{path}` removed (was {_code(before[path])})")
        elif path not in before:
            lines.append(f"- `{path}` added: {_code(after[path])}")
        elif before[path] != after[path]:
            lines.append(f"- `{path}`: {_code(before[path])} → {_code(after[path])}")
    return lines


def figure_changes(previous: Edition, current: Edition) -> list[str]:
    if current.figures is None:
        return ["No register of figures in this edition."]
    if previous.figures is None:
        return [f"No register in the previous edition ({previous.name}): its figures cannot be compared."]
    before = {figure["id"]: figure for figure in previous.figures}
    after = {figure["id"]: figure for figure in current.figures}
    lines = []
    for figure_id in sorted(after.keys() - before.keys()):
        lines.append(f"- Added `{figure_id}`: {_amount(after[figure_id])}")
    for figure_id in sorted(before.keys() & after.keys()):
        moved = [
            f"{field} {_code(before[figure_id].get(field))} → {_code(after[figure_id].get(field))}"
            for field in FIGURE_FIELDS
            if before[figure_id].get(field) != after[figure_id].get(field)
        ]
        if moved:
            lines.append(f"- Changed `{figure_id}`: {'; '.join(moved)}")
    for figure_id in sorted(before.keys() - after.keys()):
        lines.append(f"- Removed `{figure_id}` (was {_amount(before[figure_id])})")
    return lines or ["No figure was added, changed or removed."]


def section_changes(previous: dict, current: dict) -> list[str]:
    lines = []
    old_redirects = previous.get("redirects", {})
    for old_path, new_path in sorted(current.get("redirects", {}).items()):
        if old_redirects.get(old_path) != new_path:
            lines.append(f"- Moved: `{old_path}` → `{new_path}` (the old address redirects, with its query and section)")
    old_anchors, new_anchors = set(previous.get("stable_anchors", [])), set(current.get("stable_anchors", []))
    lines += [f"- New citable section: `{anchor}`" for anchor in sorted(new_anchors - old_anchors)]
    lines += [f"- No longer a citable section: `{anchor}`" for anchor in sorted(old_anchors - new_anchors)]
    return lines or ["No section was moved, added or removed."]


def report(previous: Edition | None, current: Edition) -> str:
    """The Markdown list of what changed in ``current`` since ``previous``."""
    parts = []
    if previous is None:
        parts += ["This is the first edition: there is nothing to compare it with.", ""]
        return "\n".join(parts)
    parts += [f"Compared with the previous edition, [{previous.name}](../../{previous.name}/).", ""]
    if previous.record is None:
        parts += [f"The previous edition ({previous.name}) has no record of its calculators and sections.", ""]
    parts += ["### Figures {#changed-figures}", "", *figure_changes(previous, current), ""]
    if previous.record is not None:
        rules = _leaf_changes(previous.record.get("verdict_rules", {}), current.record["verdict_rules"])
        calculators = _leaf_changes(previous.record.get("calculators", []), current.record["calculators"])
        if previous.record.get("calculators_hash") != current.record["calculators_hash"]:
            calculators.insert(0, "- The calculators' code changed: results for the same inputs may differ (the summary above says how).")
        parts += ["### Verdict rules {#changed-verdict-rules}", "", *(rules or ["The verdict rules are unchanged."]), ""]
        parts += ["### Calculators {#changed-calculators}", "", *(calculators or ["No calculator input, default, preset or output changed."]), ""]
        parts += ["### Sections {#changed-sections}", "", *section_changes(previous.record, current.record), ""]
    return "\n".join(parts)
