"""The calculator fences as a Python-Markdown extension: ``sitebuild.extension``.

Any engine that runs Python-Markdown (MkDocs, Zensical) gets the fences
(``calculator``, ``calculator-interface``, ``calculator-rule``,
``figure-table``) from one line::

    markdown_extensions:
      - pymdownx.superfences      # any custom fences of the site's own stay as they are
      - sitebuild.extension       # or with options: - sitebuild.extension: {calculator_fence: calc}

The fences are added to pymdownx.superfences when the first page is read,
after every extension has loaded, so the line may come before or after
superfences and next to any ``custom_fences`` the site already has. The MkDocs
plugin (:mod:`sitebuild.plugin`) adds this line itself when it is missing.

The extension also remembers the block ids of the page being rendered: two
blocks with one id would share URL state, so the second fails the build.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from pymdownx.superfences import SuperFencesCodeExtension

from .fence import CalculatorBlockError, format_calculator
from .figures_md import format_figure_table
from .interface_table import format_interface
from .rule_table import format_rule


@dataclass(frozen=True)
class ExtensionOptions:
    """The extension's options (``markdown_extensions: - sitebuild.extension: {...}``)."""

    calculator_fence: str = "calculator"
    """The fence name of a calculator block (```` ```calculator ````); change it
    only if the site already has a fence of that name."""
    interface_fence: str = "calculator-interface"
    """The fence name of the table of every calculator's inputs and outputs."""
    rule_fence: str = "calculator-rule"
    """The fence name of a calculator's decision rule as a table (``name: mesh_fit``)."""
    figure_table_fence: str = "figure-table"
    """The fence name of the register's figures of one group (``group: latency``);
    ``[[fig:ID]]`` in prose is the separate extension ``sitebuild.figures_md``."""


class CalculatorsExtension(Extension):
    """Registers the calculator fences with pymdownx.superfences."""

    def __init__(self, **config: Any) -> None:
        known = {field.name for field in fields(ExtensionOptions)}
        unknown = sorted(set(config) - known)
        if unknown:
            raise CalculatorBlockError(
                f"sitebuild.extension: unknown option {', '.join(unknown)} (options: {', '.join(sorted(known))})"
            )
        for name, value in config.items():
            if not isinstance(value, str) or not value:
                raise CalculatorBlockError(f"sitebuild.extension.{name} must be a non-empty fence name")
        self.options = ExtensionOptions(**config)
        self.block_ids: set[str] = set()
        super().__init__()

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)  # so that Markdown.reset() starts each page's ids afresh
        # Before superfences' own preprocessor (priority 25) reads its fences.
        md.preprocessors.register(_AddFences(md, self), "sidecar_tax_fences", 29)

    def reset(self) -> None:
        self.block_ids.clear()

    def fences(self) -> list[tuple[str, Any]]:
        """(name, superfences formatter) of every fence, as the options name them."""
        options = self.options

        def calculator(src="", language="", options=None, md=None, **kwargs):
            return format_calculator(src, language, "calculator", options, md, block_ids=self.block_ids)

        def plain(formatter):
            return lambda src="", language="", options=None, md=None, **kwargs: formatter(src, language, "", options, md)

        return [
            (options.calculator_fence, calculator),
            (options.interface_fence, plain(format_interface)),
            (options.rule_fence, plain(format_rule)),
            (options.figure_table_fence, plain(format_figure_table)),
        ]


class _AddFences(Preprocessor):
    """Adds the fences to pymdownx.superfences once, then passes lines through."""

    def __init__(self, md: Markdown, extension: CalculatorsExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.added = False

    def run(self, lines: list[str]) -> list[str]:
        if not self.added:
            superfences = next(
                (ext for ext in self.md.registeredExtensions if isinstance(ext, SuperFencesCodeExtension)), None
            )
            if superfences is None:
                raise CalculatorBlockError(
                    "sitebuild.extension needs pymdownx.superfences: add '- pymdownx.superfences' to markdown_extensions"
                )
            names = {fence["name"] for fence in superfences.superfences}
            for name, formatter in self.extension.fences():
                if name in names:
                    raise CalculatorBlockError(
                        f"sitebuild.extension: the site already has a fence named {name!r}; give that "
                        f"calculator fence another name (options: {', '.join(f.name for f in fields(ExtensionOptions))})"
                    )
                superfences.extend_super_fences(name, formatter, _accept_any_attributes, None)
            self.added = True
        return lines


def _accept_any_attributes(language: str, inputs: dict, options: dict, attrs: dict, md: Markdown) -> bool:
    """Superfences validator: the blocks take their settings in the body; the fence line's are ignored."""
    return True


def makeExtension(**config: Any) -> CalculatorsExtension:
    return CalculatorsExtension(**config)
