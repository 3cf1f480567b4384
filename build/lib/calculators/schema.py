"""One schema per calculator, shared by every surface.

The same objects drive the Python API, the command line, the HTML form the
calculator fence renders and the URL state the browser reads, so a value is parsed,
checked and written back in exactly one way everywhere.

Rules that every surface relies on:

* Parsing never raises for a bad value. Raw values come from forms, URLs and
  the command line, so anything (empty, ``"abc"``, ``"nan"``, ``"1e309"``,
  ten thousand characters, an HTML fragment) becomes a :class:`FieldError`
  whose message names the field by its label and states the rule, e.g.
  ``"Pods must be a whole number from 1 to 1,000,000."``. Messages never echo
  the raw value, so they are safe to show as text anywhere.
* Numbers are plain ASCII decimal notation: optional sign, digits, optional
  fraction, optional exponent (``"90"``, ``"0.5"``, ``".5"``, ``"1e3"``).
  Surrounding whitespace is ignored. Thousands separators, decimal commas,
  underscores, hex, ``nan`` and ``inf`` are rejected.
* Whole-number inputs are judged by value, exactly (no float rounding):
  ``"250"``, ``"250.0"`` and ``"2.5e2"`` all give 250; ``"2.5"`` and
  ``"100.0000000000000001"`` are errors. Float inputs accept any finite value
  in range; a value that overflows (``"1e309"``) is an error.
* ``step`` is a hint for spinner buttons and sliders. It is not enforced:
  a float input accepts any value in range (render it as ``step="any"`` or
  the browser will flag valid values such as 26.3).
* Yes/no inputs (``kind=bool``) accept ``yes``/``no``, ``true``/``false``
  and ``1``/``0`` in any case with surrounding whitespace, and Python's
  ``True``/``False`` (and the ints 1 and 0, which JSON callers may send).
  Anything else is an error such as ``"Platform team must be yes or no."``.
  One spelling goes back out (``"yes"``/``"no"``), so URLs stay canonical.
* ``Input.text`` writes a value back for a form field or URL: whole numbers
  without ``.0``, other floats in the shortest form that reads back to the
  same float (``"0.1"``, ``"26.3"``), written out without an exponent
  while that stays short (``"0.0000166667"``, a price per GB-second, not
  ``"1.66667e-05"``), booleans as ``"yes"``/``"no"``.
  ``parse(text(v))`` gives back ``v``.
* ``Output.format`` writes a value for people: fixed decimals, comma
  thousands separators, then the unit (``"14.65 GiB"``, ``"1,234.56 per
  month"``, ``"50.00 ms"``, ``"4.9 %"``). Money is currency-agnostic: the
  prices a reader enters are "per GiB-month", so results are "per month".
  No locale is used: the output is the same on every machine and browser.
* An output may have no value (``None``: a break-even that never comes);
  it is written as the output's ``none_text`` ("never"), is ``null`` in
  JSON and an empty ``data-value`` in the DOM.
* A text output (``kind="text"``) has a string value. With ``words`` it is a
  stable slug (``"no_mesh"``) that goes into JSON and ``data-value`` and is
  written for people through ``words``; without, the string is the text
  (a reason composed by the calculator).

Standard library only; nothing here touches files, threads or the network,
so it runs unchanged under Pyodide.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # charts imports this module; the spec is only carried here
    from .charts import ChartSpec

__all__ = [
    "Calculator",
    "Rule",
    "FieldError",
    "Input",
    "Output",
    "Preset",
    "chart_lines",
    "chart_point",
    "format_number",
    "ratio",
]

#: Longest raw string considered at all; longer input is an error, not work.
MAX_RAW_LENGTH = 64

#: Longest plain decimal :meth:`Input.text` writes; beyond it, an exponent.
POSITIONAL_MAX_LENGTH = 20

#: The upper bound of every monthly price input: high enough for a monthly
#: price in any currency (a vCPU-month in rupiah is about 500,000).
PRICE_MAX = 1_000_000_000

#: Every spelling a yes/no input accepts (after strip and lower-casing).
YES = frozenset({"yes", "true", "1"})
NO = frozenset({"no", "false", "0"})

#: What an output's value may be: a number, a text output's string, or None.
Value = int | float | str | None

def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator``, or None (the output's ``none_text``) when
    there is nothing to divide by or the quotient is too large for a float:
    a break-even that never comes reads "never", not "inf"."""
    if denominator == 0:
        return None
    try:
        quotient = numerator / denominator
    except OverflowError:
        return None
    return quotient if math.isfinite(quotient) else None


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def format_number(value: int | float) -> str:
    """Write a bound or a plain number for people: ``1,000,000``, ``0.5``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


@dataclass(frozen=True)
class FieldError:
    """A raw value that broke an input's rule.

    ``input`` is the input's name (or ``"preset"`` for an unknown preset);
    ``message`` is a full sentence for people naming the field by its label.
    """

    input: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"input": self.input, "message": self.message}


@dataclass(frozen=True)
class Input:
    """One value a reader can change: a number, or a yes/no answer.

    ``kind`` is the Python type, ``int``, ``float`` or ``bool``. A number's
    ``minimum`` and ``maximum`` are always set (an open-ended input would let
    a typo such as ``1e300`` pods through); ``min_inclusive``/``max_inclusive``
    say whether the bound itself is allowed. A yes/no input has no bounds::

        Input("platform_team", "Platform team", "", bool, False, help=...)
    """

    name: str
    label: str
    unit: str
    kind: type
    default: int | float | bool
    minimum: int | float | None = None
    maximum: int | float | None = None
    min_inclusive: bool = True
    max_inclusive: bool = True
    step: int | float | None = None
    help: str = ""

    def __post_init__(self) -> None:
        if self.kind not in (int, float, bool):
            raise TypeError(f"{self.name}: kind must be int, float or bool, not {self.kind!r}")
        if self.kind is bool:
            if (self.minimum, self.maximum, self.step) != (None, None, None):
                raise ValueError(f"{self.name}: a yes/no input has no bounds or step")
        elif self.minimum is None or self.maximum is None or not self.minimum < self.maximum:
            raise ValueError(f"{self.name}: minimum must be set and below maximum")
        value, error = self.parse(self.default)
        if error is not None or value != self.default:
            raise ValueError(f"{self.name}: default {self.default!r} breaks its own rule")

    # -- rule ---------------------------------------------------------------

    def rule(self) -> str:
        """The rule in plain words, e.g. "a whole number from 1 to 1,000,000"."""
        if self.kind is bool:
            return "yes or no"
        noun = "a whole number" if self.kind is int else "a number"
        low, high = format_number(self.minimum), format_number(self.maximum)
        if self.min_inclusive and self.max_inclusive:
            return f"{noun} from {low} to {high}"
        lower = f"at least {low}" if self.min_inclusive else f"greater than {low}"
        upper = f"at most {high}" if self.max_inclusive else f"less than {high}"
        return f"{noun} {lower} and {upper}"

    def error(self) -> FieldError:
        """The one error this input reports, whatever was wrong with the value."""
        return FieldError(self.name, f"{self.label} must be {self.rule()}.")

    # -- parsing ------------------------------------------------------------

    def _in_range(self, value: int | float | Decimal) -> bool:
        low, high = self.minimum, self.maximum
        if isinstance(value, Decimal):
            low, high = Decimal(repr(low)), Decimal(repr(high))
        above = value >= low if self.min_inclusive else value > low
        below = value <= high if self.max_inclusive else value < high
        return above and below

    def parse(self, raw: object) -> tuple[int | float | bool | None, FieldError | None]:
        """Turn a raw value into a checked value, or say what rule it broke.

        A number accepts ``str`` (from a form, URL or command line), ``int``
        and ``float``; anything else, including ``bool`` and ``None``, is an
        error. A yes/no input accepts the spellings in :data:`YES` and
        :data:`NO`, ``bool`` and the ints 1 and 0. Returns ``(value, None)``
        or ``(None, FieldError)`` and never raises.
        """
        try:
            value = self._parse_yes_no(raw) if self.kind is bool else self._parse(raw)
        except (ArithmeticError, ValueError, TypeError):  # belt and braces
            value = None
        if value is None:
            return None, self.error()
        return value, None

    @staticmethod
    def _parse_yes_no(raw: object) -> bool | None:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):
            return bool(raw)
        if isinstance(raw, str) and len(raw) <= MAX_RAW_LENGTH:
            word = raw.strip().lower()
            if word in YES or word in NO:
                return word in YES
        return None

    def _parse(self, raw: object) -> int | float | None:
        if isinstance(raw, bool):
            return None
        if isinstance(raw, str):
            text = raw.strip()
            if len(text) > MAX_RAW_LENGTH or not _NUMBER.fullmatch(text):
                return None
            if self.kind is int:
                exact = Decimal(text)
                if not exact.is_finite() or not self._in_range(exact):
                    return None
                if exact != exact.to_integral_value():
                    return None
                return int(exact)
            number = float(text)
        elif isinstance(raw, int):
            if self.kind is int:
                return raw if self._in_range(raw) else None
            number = float(raw)  # OverflowError for huge ints is caught above
        elif isinstance(raw, float):
            number = raw
        else:
            return None
        if not math.isfinite(number) or not self._in_range(number):
            return None
        if self.kind is int:
            return int(number) if number.is_integer() else None
        return number + 0.0  # turns -0.0 into 0.0

    def text(self, value: int | float | bool) -> str:
        """Write a value back for a form field or URL ("128", "0.1", "yes")."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        if isinstance(value, float):
            shortest = repr(value + 0.0)
            positional = format(Decimal(shortest), "f")
            return positional if len(positional) <= POSITIONAL_MAX_LENGTH else shortest
        return str(value)

    def describe(self) -> dict[str, Any]:
        """Plain JSON-able description, for the form template and the browser."""
        return {
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "kind": self.kind.__name__,
            "default": self.default,
            "minimum": self.minimum,
            "maximum": self.maximum,
            "min_inclusive": self.min_inclusive,
            "max_inclusive": self.max_inclusive,
            "step": self.step,
            "help": self.help,
            "rule": self.rule(),
        }


@dataclass(frozen=True)
class Output:
    """One result, with how to write it for people.

    ``decimals`` is fixed (tables line up and the text does not jump while a
    reader types). The unrounded value is what the API, the JSON and the
    DOM's ``data-value`` carry; only :meth:`format` rounds.

    ``signed`` says the value may be below zero: a difference between two
    options (cluster minus servers), shown as it is, never clamped; every
    other number is zero or more.

    ``none_text`` is what a value of ``None`` reads as ("never"). ``kind``
    is ``"number"`` or ``"text"``; a text output's ``words`` maps each slug
    it may take to plain words (leave it empty for free text)::

        Output("breakeven_rps", "Break-even", "requests per second", 1, none_text="never")
        Output("verdict", "Verdict", kind="text", words={"no_mesh": "Don't adopt a mesh."})
    """

    name: str
    label: str
    unit: str = ""
    decimals: int = 0
    help: str = ""
    none_text: str = "n/a"
    kind: str = "number"
    signed: bool = False
    words: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in ("number", "text"):
            raise ValueError(f"{self.name}: kind must be 'number' or 'text', not {self.kind!r}")
        if self.words and self.kind != "text":
            raise ValueError(f"{self.name}: only a text output has words")

    def format(self, value: Value) -> str:
        """``14.65 GiB``, ``1,234.56 per month``, ``50.00 ms``, ``4.9 %``;
        ``none_text`` for None; a text output's words (or its own text)."""
        if value is None:
            return self.none_text
        if self.kind == "text":
            return self.words.get(value, str(value)) if self.words else str(value)
        if not math.isfinite(value):
            return "n/a"
        number = f"{value:,.{self.decimals}f}"
        if number.startswith("-") and not number.strip("-0.,"):
            number = number[1:]  # "-0.00" (a tiny negative rounded away) reads as "0.00"
        return f"{number} {self.unit}" if self.unit else number

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "unit": self.unit,
            "decimals": self.decimals,
            "help": self.help,
            "none_text": self.none_text,
            "kind": self.kind,
            "signed": self.signed,
            "words": dict(self.words),
        }


@dataclass(frozen=True)
class Preset:
    """A named set of input values, each taken from the register of figures.

    ``name`` is a stable slug (it goes into URLs and ADRs: never rename one).
    ``values`` may name only some inputs: the rest keep their defaults.
    Build presets with :meth:`cited`, which takes every value, the
    ``citation`` shown next to the preset, its ``source_url`` and its
    ``published`` date from ``calculators/figures.toml``, so a preset cannot
    carry a figure the register does not cite. ``figures`` maps each input
    to its figure's id. ``claim_only`` marks a preset made only of claims
    (the article's own numbers), which the form labels as such.
    """

    name: str
    label: str
    values: dict[str, int | float]
    citation: str
    source_url: str = ""
    published: str = ""
    claim_only: bool = False
    figures: dict[str, str] = field(default_factory=dict)

    @classmethod
    def cited(cls, name: str, label: str, figures: Mapping[str, str], inputs: Sequence[Input],
              note: str = "") -> Preset:
        """A preset whose every value is a figure of the register, in the input's unit.

        The citation names, per figure, what it is (measured, a default
        request, a claim...), its value as published, its conditions, source,
        version and date; ``note`` adds what the figures alone do not say.
        """
        from .figures import figure  # the register imports nothing from here

        by_name = {item.name: item for item in inputs}
        refs = {input_name: ref.partition(":") for input_name, ref in figures.items()}  # "id" or "id:low"
        items = {input_name: figure(figure_id) for input_name, (figure_id, _, _) in refs.items()}
        values: dict[str, int | float] = {}
        for input_name, item in items.items():
            amount = item.amount(by_name[input_name].unit, refs[input_name][2])
            values[input_name] = int(amount) if by_name[input_name].kind is int else amount
        parts = []
        for item in items.values():
            where = f"{item.source}, {item.version}, {item.published}"
            conditions = f"; {item.conditions}" if item.conditions else ""
            parts.append(f"{item.label}: {item.text()} ({item.kind}{conditions}; {where})")
        citation = "; ".join(dict.fromkeys(parts)) + "." + (f" {note}" if note else "")
        first = next(iter(items.values()))
        return cls(
            name, label, values, citation, first.source_url,
            published=max(item.published for item in items.values()),
            claim_only=all(item.kind == "claim" for item in items.values()),
            figures=dict(figures),
        )

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "values": dict(self.values),
            "citation": self.citation,
            "source_url": self.source_url,
            "published": self.published,
            "claim_only": self.claim_only,
            "figures": dict(self.figures),
        }


@dataclass(frozen=True)
class Rule:
    """One row of a calculator's decision rule, in words.

    A calculator whose verdict is advice (``mesh_fit``) states its rule as
    data: ``verdict`` is a slug of a text output's ``words``, ``when`` the
    condition, ``then`` what to do. Pages render the rows (the
    ``calculator-rule`` fence), so the guide and the code say one thing.
    """

    verdict: str
    when: str
    then: str


def chart_lines(*lines: tuple[str, str, str]) -> list[dict[str, str]]:
    """A chart's lines from ``(name, label, unit)``, each named once: ``name``
    is also the key of the line's value in every point (:func:`chart_point`)."""
    return [{"name": name, "label": label, "unit": unit} for name, label, unit in lines]


def chart_point(lines: list[dict[str, str]], values: Mapping[str, float]) -> dict[str, float]:
    """One point's value for each of ``lines``, taken from ``values`` by name."""
    return {line["name"]: values[line["name"]] for line in lines}


@dataclass(frozen=True)
class Calculator:
    """A calculator: its schema, its pure compute function and its presets.

    ``compute`` takes every input as a keyword argument and returns a dict
    with every output. A chart is optional and lives beside its calculator:
    ``chart`` takes ``(calculator, values, points)`` and returns series data
    built from ``compute``; ``chart_spec`` (a :class:`calculators.charts.ChartSpec`)
    says how that series is drawn. Give both or neither.
    """

    name: str
    title: str
    summary: str
    inputs: tuple[Input, ...]
    outputs: tuple[Output, ...]
    compute: Callable[..., dict[str, Value]]
    presets: tuple[Preset, ...] = ()
    chart: Callable[..., dict[str, Any]] | None = field(default=None, repr=False)
    chart_spec: ChartSpec | None = field(default=None, repr=False)
    rules: tuple[Rule, ...] = ()

    def __post_init__(self) -> None:
        if (self.chart is None) != (self.chart_spec is None):
            raise ValueError(f"{self.name}: give both chart and chart_spec, or neither")
        names = [i.name for i in self.inputs]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: duplicate input names")
        for preset in self.presets:
            errors = self.parse(preset.values)[1]
            unknown = set(preset.values) - set(names)
            if errors or unknown:
                raise ValueError(f"{self.name}: preset {preset.name} is invalid: {errors or unknown}")
        verdicts = {slug for output in self.outputs for slug in output.words}
        for rule in self.rules:
            if rule.verdict not in verdicts:
                raise ValueError(f"{self.name}: rule for {rule.verdict!r} names no output's words")

    @property
    def has_chart(self) -> bool:
        return self.chart is not None

    # -- lookup -------------------------------------------------------------

    def _named(self, kind: str, items: tuple, name: str):
        """The item called ``name``, or a KeyError that lists the known names."""
        for item in items:
            if item.name == name:
                return item
        known = ", ".join(item.name for item in items) or "none"
        raise KeyError(f"{self.name} has no {kind} {name!r}; its {kind}s are: {known}")

    def input(self, name: str) -> Input:
        return self._named("input", self.inputs, name)

    def output(self, name: str) -> Output:
        return self._named("output", self.outputs, name)

    def preset(self, name: str) -> Preset:
        return self._named("preset", self.presets, name)

    # -- values -------------------------------------------------------------

    def defaults(self) -> dict[str, int | float]:
        return {i.name: i.default for i in self.inputs}

    def parse(self, raw: Mapping[str, object]) -> tuple[dict[str, int | float], list[FieldError]]:
        """Check raw values: missing keys take defaults, unknown keys are ignored.

        Returns the valid numbers (in input order) and one error per bad input.
        """
        values: dict[str, int | float] = {}
        errors: list[FieldError] = []
        for item in self.inputs:
            if item.name not in raw:
                values[item.name] = item.default
                continue
            value, error = item.parse(raw[item.name])
            if error is None:
                values[item.name] = value
            else:
                errors.append(error)
        return values, errors

    def calculate(self, **values: int | float) -> dict[str, float]:
        """Every output from checked numbers; missing inputs take defaults.

        Raises ``TypeError`` for an unknown input name and ``ValueError``
        (with the field messages) for a value that breaks a rule: use
        :meth:`parse` or :func:`calculators.evaluate` for raw values.
        """
        unknown = set(values) - {i.name for i in self.inputs}
        if unknown:
            raise TypeError(f"{self.name} has no inputs {sorted(unknown)}")
        checked, errors = self.parse(values)
        if errors:
            raise ValueError(" ".join(e.message for e in errors))
        return self.compute(**checked)

    def series(self, values: Mapping[str, object] | None = None, points: int = 21) -> dict[str, Any]:
        """Chart data from the same compute function; see each module's ``series``.

        ``values`` are raw or checked values (missing ones take defaults).
        ``points`` (clamped to 2..201) is how many x positions to sample; the
        reader's own x value is always included, so there may be one more.
        Never raises for bad values: returns ``{"ok": False, "errors": [...]}``.
        A calculator without a chart answers :meth:`no_chart`.
        """
        if self.chart is None:
            return self.no_chart()
        checked, errors = self.parse(values or {})
        if errors:
            return {"calculator": self.name, "ok": False, "errors": [e.as_dict() for e in errors]}
        points = max(2, min(int(points), 201))
        return {"calculator": self.name, "ok": True, **self.chart(self, checked, points)}

    def no_chart(self) -> dict[str, Any]:
        """The answer for chart data when the calculator has no chart:
        not ``ok``, no field errors, and ``"chart": None`` to tell it apart."""
        return {"calculator": self.name, "ok": False, "errors": [], "chart": None}

    def describe(self) -> dict[str, Any]:
        """The whole schema as plain JSON-able data."""
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "has_chart": self.has_chart,
            "inputs": [i.describe() for i in self.inputs],
            "outputs": [o.describe() for o in self.outputs],
            "presets": [p.describe() for p in self.presets],
            "rules": [{"verdict": r.verdict, "when": r.when, "then": r.then} for r in self.rules],
        }
