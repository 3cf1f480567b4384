"""The ``calculator`` fence: a calculator's form with results computed now.

A page places a calculator with a fenced block::

    ```calculator
    name: sidecar_ram
    id: my-cluster          # optional, default: the calculator's name
    pods: 250               # optional default overrides, any input
    presets: article_low, istio_sidecar_request   # optional, default: all presets
    ```

Why a superfences custom fence: :mod:`sitebuild.extension` adds
:func:`format_calculator` to pymdownx.superfences, which MkDocs and Zensical
both run, so the rendering moves with the content. The form's markup is
``sitebuild/templates/calculator.html`` (package data), rendered with Jinja2
here (not through a theme), for the same reason.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
import yaml
from pymdownx.superfences import SuperFencesException

import calculators
from calculators.schema import NO, YES

from . import figures_md

TEMPLATES = Path(__file__).with_name("templates")

try:  # MkDocs prints a PluginError's message without a Python traceback
    from mkdocs.exceptions import PluginError as _EngineError
except ImportError:  # another engine: a plain error, still fatal
    _EngineError = Exception


class CalculatorBlockError(SuperFencesException, _EngineError):
    """A calculator block the schema rejects: fails the build loudly.

    It subclasses SuperFencesException because superfences silently turns
    any other exception into a plain code block.
    """


@functools.cache
def form_template() -> jinja2.Template:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True)
    return environment.get_template("calculator.html")


def parse_block(source: str) -> dict:
    """Read a block's ``key: value`` lines and check them against the schema."""
    try:
        spec = yaml.safe_load(source) or {}
    except yaml.YAMLError as error:
        raise CalculatorBlockError(f"calculator block is not 'key: value' lines: {error}") from None
    if not isinstance(spec, dict):
        raise CalculatorBlockError("calculator block must be 'key: value' lines")
    spec = {str(key): value for key, value in spec.items()}
    name = str(spec.pop("name", ""))
    if name not in calculators.CALCULATORS:
        known = ", ".join(calculators.CALCULATORS)
        raise CalculatorBlockError(f"calculator block names unknown calculator {name!r} (known: {known})")
    calculator = calculators.get(name)
    block_id = str(spec.pop("id", name))
    where = f"calculator block '{block_id}' ({name})"
    preset_names = _preset_names(spec.pop("presets", None), calculator, where)
    known_inputs = {field.name for field in calculator.inputs}
    unknown = sorted(set(spec) - known_inputs)
    if unknown:
        raise CalculatorBlockError(
            f"{where}: unknown input {', '.join(unknown)} (inputs: {', '.join(sorted(known_inputs))})"
        )
    result = calculators.evaluate(name, {key: _raw(value) for key, value in spec.items()})
    if not result["ok"]:
        problems = "; ".join(error["message"] for error in result["errors"])
        raise CalculatorBlockError(f"{where}: {problems}")
    return {
        "calculator": calculator,
        "block_id": block_id,
        "presets": [calculator.preset(preset) for preset in preset_names],
        "result": result,
    }


def _raw(value) -> str:
    """A YAML value as the text a reader would type (YAML reads ``yes`` as true)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _preset_names(value, calculator, where: str) -> list[str]:
    """The block's preset list; every preset of the calculator when absent."""
    if value is None:
        return [preset.name for preset in calculator.presets]
    names = [part.strip() for part in str(value).split(",") if part.strip()]
    known = {preset.name for preset in calculator.presets}
    unknown = [part for part in names if part not in known]
    if unknown:
        raise CalculatorBlockError(
            f"{where}: unknown preset {', '.join(unknown)} (presets: {', '.join(sorted(known))})"
        )
    return names


def format_calculator(source, language, class_name, options, md, block_ids: set[str] | None = None, **kwargs) -> str:
    """Superfences formatter: the calculator's form with results computed now.

    ``block_ids`` holds the ids already on the page (kept by
    :mod:`sitebuild.extension`): two blocks with one id would share URL state.
    """
    try:
        block = parse_block(source)
        if block_ids is not None:
            if block["block_id"] in block_ids:
                raise CalculatorBlockError(
                    f"calculator block id {block['block_id']} is used twice on this page; give each block its own 'id:'"
                )
            block_ids.add(block["block_id"])
        refs = (ref for preset in block["presets"] for ref in preset.figures.values())
        figures_md.note_shown(md, {ref.partition(":")[0] for ref in refs})  # for the page's review date
        return render_form(block)
    except CalculatorBlockError:
        raise
    except Exception as error:
        raise CalculatorBlockError(f"calculator block could not be rendered: {error!r}") from error


def render_form(block: dict) -> str:
    """Fill the form template with the block's values and results."""
    calculator = block["calculator"]
    values = block["result"]["inputs"]
    fields = [describe_field(field, values[field.name]) for field in calculator.inputs]
    shown = {field["input"].name: field["text"] for field in fields}
    presets = []
    for preset in block["presets"]:
        texts = {key: calculator.input(key).text(value) for key, value in preset.values.items()}
        # In effect when the form shows its values: pressed and cited from the first paint, as form.js does.
        presets.append({"preset": preset, "texts": texts, "active": all(shown[key] == text for key, text in texts.items())})
    return form_template().render(
        calculator=calculator,
        block_id=block["block_id"],
        fields=fields,
        outputs=block["result"]["outputs"],
        presets=presets,
        chart=calculators.chart(calculator.name, values),
    )


def describe_field(field, value) -> dict:
    """What the template needs of one input, bounds written as the form shows them.

    A yes/no input is a ``<select>`` of "yes" and "no" (``control``); each
    option lists every spelling the schema accepts for it, so the browser
    shows a URL's ``true`` or ``1`` as "yes" without restating the rule.
    """
    if field.kind is bool:
        return {
            "input": field,
            "control": "select",
            "text": field.text(value),
            "options": [
                {"value": field.text(answer), "label": field.text(answer).capitalize(),
                 "spellings": " ".join(sorted(YES if answer else NO))}
                for answer in (True, False)
            ],
        }

    def text(number):
        return None if number is None else field.text(number)

    return {
        "input": field,
        "control": "input",
        "text": field.text(value),
        "rule": field.rule(),
        "inputmode": "numeric" if field.kind is int else "decimal",
        "min": text(field.minimum),
        "max": text(field.maximum),
        "step": text(field.step),
    }
