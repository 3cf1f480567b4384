"""Figures from the register in Markdown: inline, as tables, and per-page review dates.

A Python-Markdown extension, so MkDocs and Zensical both run it
(``markdown_extensions: [sitebuild.figures_md]``; the sidecar-tax MkDocs plugin
adds that line when it is missing). In a page:

- ``[[fig:istio_1_24_sidecar_memory]]`` shows the figure's value and unit
  with a short citation beside it (version and date, linked to the source):
  a figure written by hand could lose its source; one from the register
  cannot. An unknown id fails the build.
- ``[[last-reviewed:2026-12-06]]`` shows when the page was last reviewed:
  that date or, if older, the oldest ``checked`` date among the figures the
  page shows (inline, in figure tables, or as a calculator's presets), so a
  page never claims a review newer than its oldest figure.
- a ``figure-table`` fence (``group: latency``, registered by
  :mod:`sitebuild.extension`) lists the register's figures
  of one group with every field; the sources page is built from these.

The figures a page shows are kept on the ``Markdown`` instance
(:func:`note_shown`), which both engines reset between pages.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from html import escape
from typing import Any

import yaml
from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from pymdownx.superfences import SuperFencesException

from calculators.figures import FIGURES, Figure

try:  # MkDocs prints a PluginError's message without a Python traceback
    from mkdocs.exceptions import PluginError as _EngineError
except ImportError:  # another engine: a plain error, still fatal
    _EngineError = Exception

__all__ = ["FigureError", "FiguresExtension", "format_figure_table", "makeExtension", "note_shown"]

FIGURE_PATTERN = r"\[\[fig:([^\]\s]*)\]\]"
REVIEWED_PATTERN = r"\[\[last-reviewed:([^\]\s]*)\]\]"
REVIEWED_MARK = re.compile(r'<span data-st-last-reviewed="(\d{4}-\d{2}-\d{2})"></span>')
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


class FigureError(SuperFencesException, _EngineError):
    """A figure reference the register cannot satisfy: fails the build, naming it.

    It subclasses SuperFencesException because superfences silently turns
    any other exception in a fence into a plain code block.
    """


def note_shown(md: Markdown, figure_ids: Any) -> None:
    """Record that the page being converted shows these figures."""
    shown = getattr(md, "st_figures_shown", None)
    if shown is not None:
        shown.update(figure_ids)


def lookup(figure_id: str) -> Figure:
    try:
        return FIGURES[figure_id]
    except KeyError:
        raise FigureError(f"[[fig:{figure_id}]]: no figure {figure_id!r} in calculators/figures.toml") from None


def citation(item: Figure) -> etree.Element:
    """``(Istio 1.24.0, 2024-11-07)`` linked to the source, its label as a tooltip."""
    cite = etree.Element("small", {"class": "st-fig__cite"})
    cite.text = "("
    link = etree.SubElement(cite, "a", {"href": item.source_url, "title": describe(item)})
    link.text = item.citation()
    link.tail = ", secondary source)" if not item.primary else ")"
    return cite


def describe(item: Figure) -> str:
    """One line: what it is, under what conditions, from where."""
    parts = [item.label, item.conditions, item.source]
    return "; ".join(part for part in parts if part)


class FigureInline(InlineProcessor):
    """``[[fig:ID]]`` -> the value, then its citation."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        item = lookup(m.group(1))
        note_shown(self.md, [item.id])
        wrapper = etree.Element("span", {"class": "st-fig", "data-figure": item.id})
        value = etree.SubElement(wrapper, "span", {"class": "st-fig__value"})
        value.text = item.text()
        value.tail = " "
        wrapper.append(citation(item))
        return wrapper, m.start(0), m.end(0)


class ReviewedInline(InlineProcessor):
    """``[[last-reviewed:DATE]]`` -> a mark that :class:`ReviewedPostprocessor` fills in."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.group(1)):
            raise FigureError(f"[[last-reviewed:{m.group(1)}]]: the date must be YYYY-MM-DD")
        return etree.Element("span", {"data-st-last-reviewed": m.group(1)}), m.start(0), m.end(0)


def human_date(iso: str) -> str:
    """``5 December 2026``, or ``March 2026`` for a month."""
    year, month, *day = iso.split("-")
    month_name = MONTHS[int(month) - 1]
    return f"{int(day[0])} {month_name} {year}" if day else f"{month_name} {year}"


class ReviewedPostprocessor(Postprocessor):
    """Writes the review date, once every figure of the page is known."""

    def run(self, text: str) -> str:
        def fill(m: re.Match[str]) -> str:
            page_date = m.group(1)
            checked = sorted(FIGURES[figure_id].checked for figure_id in self.md.st_figures_shown)
            shown = min([page_date, *checked[:1]])
            why = "" if shown == page_date else " (the oldest check of a figure on this page)"
            return (
                f'<small class="st-last-reviewed">Last reviewed: <time datetime="{shown}">'
                f"{human_date(shown)}</time>{why}. Every figure links its source, version and date.</small>"
            )

        return REVIEWED_MARK.sub(fill, text)


def _cell(text: str) -> str:
    return f"<td>{escape(text)}</td>"


def format_figure_table(source: str, language: str, class_name: str, options: dict[str, Any], md: Markdown,
                        **kwargs: Any) -> str:
    """pymdownx.superfences formatter: the register's figures of one ``group``.

    Every text is escaped; each row has the anchor ``fig-ID``, so a page or an
    ADR can link one figure on the sources page.
    """
    try:
        spec = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise FigureError(f"figure-table block is not 'key: value' lines: {error}") from None
    group = str(spec.get("group", "")) if isinstance(spec, dict) else ""
    rows = [item for item in FIGURES.values() if item.group == group]
    if not rows:
        groups = ", ".join(sorted({item.group for item in FIGURES.values()}))
        raise FigureError(f"figure-table: no figures in group {group!r} (groups: {groups})")
    note_shown(md, [item.id for item in rows])
    head = ("<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">What, conditions</th>"
            "<th scope=\"col\">Kind</th><th scope=\"col\">Version, published</th>"
            "<th scope=\"col\">Checked</th><th scope=\"col\">Source</th></tr></thead>")
    body = []
    for item in rows:
        what = "; ".join(part for part in (item.label, item.conditions, item.note) if part)
        source_text = item.source if item.primary else f"{item.source} (secondary source)"
        body.append(
            f'<tr id="fig-{item.id}" data-figure="{item.id}">'
            f'<th scope="row">{escape(item.text())}</th>{_cell(what)}{_cell(item.kind)}'
            f"{_cell(f'{item.version}, {item.published}')}{_cell(item.checked)}"
            f'<td><a href="{escape(item.source_url, quote=True)}">{escape(source_text)}</a></td></tr>'
        )
    label = escape(f"Figures: {group}", quote=True)
    return (
        f'<div class="st-scroll st-figures" role="region" tabindex="0" aria-label="{label}">'
        f'<table data-figure-group="{escape(group, quote=True)}">{head}<tbody>{"".join(body)}</tbody></table></div>'
    )


class FiguresExtension(Extension):
    """Registers ``[[fig:ID]]`` and ``[[last-reviewed:DATE]]`` (see the module docstring)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        self.md = md
        md.st_figures_shown = set()
        # Above links (160) and references (170), so the brackets are never read as a link.
        md.inlinePatterns.register(FigureInline(FIGURE_PATTERN, md), "st_figure", 175)
        md.inlinePatterns.register(ReviewedInline(REVIEWED_PATTERN, md), "st_last_reviewed", 175)
        md.postprocessors.register(ReviewedPostprocessor(md), "st_last_reviewed", 5)

    def reset(self) -> None:
        self.md.st_figures_shown = set()


def makeExtension(**kwargs: Any) -> FiguresExtension:
    return FiguresExtension(**kwargs)
