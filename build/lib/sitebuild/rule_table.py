"""A calculator's decision rule as a table, from its ``rules`` (``calculator-rule`` fence).

Advice that people paste into ADRs must say the same thing on every page
and in the calculator. So the rule is data in the calculator's module
(``mesh_fit.RULES``) and pages render it::

    ```calculator-rule
    name: mesh_fit
    ```

Each row: when it applies, the verdict's slug and words (as the calculator
answers), and what to do. A superfences custom fence registered by
:mod:`sitebuild.extension`, like the calculator itself, so MkDocs and
Zensical render it alike.
"""

from __future__ import annotations

from html import escape
from typing import Any

import yaml

import calculators

from .fence import CalculatorBlockError

__all__ = ["format_rule"]


def format_rule(source: str, language: str, class_name: str, options: dict[str, Any], md: Any, **kwargs: Any) -> str:
    """pymdownx.superfences formatter: the named calculator's rule as an HTML table."""
    try:
        spec = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise CalculatorBlockError(f"calculator-rule block is not 'key: value' lines: {error}") from None
    name = str(spec.get("name", "")) if isinstance(spec, dict) else ""
    calculator = calculators.CALCULATORS.get(name)
    if calculator is None or not calculator.rules:
        with_rules = ", ".join(n for n, c in calculators.CALCULATORS.items() if c.rules)
        raise CalculatorBlockError(f"calculator-rule names {name!r}, which has no rule (calculators with one: {with_rules})")
    words = {slug: text for output in calculator.outputs for slug, text in output.words.items()}
    rows = "".join(
        f'<tr data-verdict="{escape(rule.verdict)}"><td>{escape(rule.when)}</td>'
        f"<th scope=\"row\"><code>{escape(rule.verdict)}</code>: {escape(words[rule.verdict])}</th>"
        f"<td>{escape(rule.then)}</td></tr>"
        for rule in calculator.rules
    )
    head = '<thead><tr><th scope="col">When</th><th scope="col">Verdict</th><th scope="col">What to do</th></tr></thead>'
    # A plain <table>, styled as the theme styles Markdown tables; wider than a
    # phone, it scrolls in its own named, keyboard-reachable box.
    return (
        f'<div class="st-scroll st-rule" role="region" tabindex="0" aria-label="{escape(calculator.title)}: the rule">'
        f'<table data-calculator="{escape(name)}">{head}<tbody>{rows}</tbody></table></div>'
    )
