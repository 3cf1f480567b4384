"""The calculators' stable interface as an HTML table, generated from the schema.

A pymdownx.superfences custom fence added by :mod:`sitebuild.extension`, so
it works under MkDocs and under Zensical alike. In a page::

    ```calculator-interface
    ```

The table lists, for every calculator in :data:`calculators.CALCULATORS`
(never a hand-written list, so a new calculator appears by itself), every
input as its URL key ``BLOCK.INPUT`` with label, unit, rule and default, and
every output with label and unit. The fence body is ignored.
"""

from __future__ import annotations

from html import escape
from typing import Any

import calculators

__all__ = ["format_interface", "interface_rows"]


def interface_rows() -> list[dict[str, str]]:
    """One row per input and per output of every registered calculator.

    ``key`` is what a link carries: ``BLOCK.INPUT`` with the default block id
    (the calculator's name). Outputs have no key, rule or default: they are
    not read from a URL.
    """
    rows: list[dict[str, str]] = []
    for name, calc in calculators.CALCULATORS.items():
        for item in calc.inputs:
            rows.append({
                "calculator": name,
                "kind": "input",
                "name": item.name,
                "key": f"{name}.{item.name}",
                "label": item.label,
                "unit": item.unit,
                "rule": item.rule(),
                "default": item.text(item.default),
            })
        for out in calc.outputs:
            rows.append({
                "calculator": name,
                "kind": "output",
                "name": out.name,
                "key": "",
                "label": out.label,
                "unit": out.unit,
                "rule": "",
                "default": "",
            })
    return rows


def _cell(text: str, code: bool = False) -> str:
    if not text:
        return "<td></td>"
    body = f"<code>{escape(text)}</code>" if code else escape(text)
    return f"<td>{body}</td>"


def format_interface(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences formatter: the interface table as HTML.

    Every text is escaped with :func:`html.escape`; ``source`` is ignored.
    """
    head = (
        "<thead><tr><th>Calculator</th><th>Input or output</th><th>URL key</th>"
        "<th>Label</th><th>Unit</th><th>Rule</th><th>Default</th></tr></thead>"
    )
    body = []
    for row in interface_rows():
        body.append(
            f'<tr data-calculator="{escape(row["calculator"])}" data-kind="{row["kind"]}" '
            f'data-name="{escape(row["name"])}">'
            + _cell(row["calculator"], code=True)
            + _cell(f'{row["kind"]}: {row["name"]}')
            + _cell(row["key"], code=True)
            + _cell(row["label"])
            + _cell(row["unit"])
            + _cell(row["rule"])
            + _cell(row["default"], code=True)
            + "</tr>"
        )
    css = escape(class_name or "calculator-interface", quote=True)
    # Wider than a phone: it scrolls in its own box, which a keyboard can
    # reach and scroll too (tabindex), named for screen readers.
    return (
        f'<div class="{css}" role="region" tabindex="0" aria-label="Every input and output of every calculator">'
        f'<table class="{css}__table">{head}<tbody>{"".join(body)}</tbody></table></div>'
    )
