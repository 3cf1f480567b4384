"""Command line for the calculators, built from their schemas.

Every option is an input (``--sidecar-mib`` for ``sidecar_mib``), taken as
the string typed and checked by the schema through :func:`calculators.evaluate`,
so the messages are word for word those the site shows.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence

from . import CALCULATORS, evaluate
from .schema import Calculator

PROG = "python3 -m calculators"
WIDTH = 78

DESCRIPTION = """\
The Sidecar Tax calculators: what a Kubernetes service mesh costs in memory,
CPU, money and latency. The same code and the same rules run on the site.
"""

EPILOG = f"""\
examples:
  {PROG} list
  {PROG} sidecar_ram --pods 250 --sidecar-mib 90
  {PROG} sidecar_ram --preset istio_1_24_measured --pods 250 --json
  {PROG} chain_latency --hops 5 --added-ms-per-hop 0.228 --baseline-ms 80
  {PROG} mesh_fit --services 250 --teams-deploying-daily 4 --platform-team yes

"{PROG} NAME --help" shows a calculator's inputs (unit,
default, allowed values), its outputs and its presets (published figures and
their sources).
Inputs you leave out take the preset's value, else the default. Yes/no inputs
take yes/no, true/false or 1/0. The result is a table, or with --json one line
of JSON with unrounded numbers, yes/no as true/false, a result that has no
value (a break-even never reached) as null and a verdict as its slug:
  {{"calculator": NAME, "inputs": {{...}}, "outputs": {{...}}}}
A bad value prints the rule it broke on stderr and exits with status 2.
"""


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _escape(text: str) -> str:
    return text.replace("%", "%%")  # argparse formats help strings with %


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _calculator_epilog(calc: Calculator) -> str:
    lines = ["outputs:"]
    for out in calc.outputs:
        unit = f" ({out.unit})" if out.unit else ""
        lines.append(f"  {out.name}{unit}: {out.label}")
        if out.help:
            lines.append(_wrap(out.help, "      "))
        if out.words:
            lines += [_wrap(f"{slug}: {words}", "      ") for slug, words in out.words.items()]
    if calc.presets:
        lines += ["", "presets (--preset NAME; options you give override its values):"]
    for preset in calc.presets:
        values = ", ".join(f"{k}={calc.input(k).text(v)}" for k, v in preset.values.items())
        lines.append(f"  {preset.name}: {values}")
        lines.append(_wrap(preset.citation, "      "))
        if preset.source_url:
            lines.append(f"      {preset.source_url}")
    return "\n".join(lines) + "\n"  # argparse %-formats help strings, not the epilog


def build_parser(prog: str = PROG) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description=DESCRIPTION,
        epilog=EPILOG.replace(PROG, prog),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        allow_abbrev=False,
    )
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    listing = commands.add_parser(
        "list", help="list the calculators with their inputs and presets", allow_abbrev=False
    )
    listing.add_argument("--json", action="store_true", help="print every schema as JSON")
    for calc in CALCULATORS.values():
        sub = commands.add_parser(
            calc.name,
            help=calc.title,
            description=_wrap(f"{calc.title}. {calc.summary}", ""),
            epilog=_calculator_epilog(calc),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            allow_abbrev=False,
        )
        group = sub.add_argument_group("inputs")
        for item in calc.inputs:
            unit = f" ({item.unit})" if item.unit else ""
            text = (
                f"{item.label}{unit}. Default {item.text(item.default)}. "
                f"Must be {item.rule()}. {item.help}"
            )
            group.add_argument(
                option(item.name),
                dest=item.name,
                metavar={int: "N", float: "X", bool: "yes|no"}[item.kind],
                help=_escape(text),
            )
        sub.add_argument("--preset", metavar="NAME", help="start from a named preset (listed below)")
        sub.add_argument("--json", action="store_true", help="print JSON with unrounded numbers")
    return parser


def _table(rows: list[tuple[str, str, str]], heads: set[str]) -> list[str]:
    """Aligned rows; a row whose label is in ``heads`` is a section heading."""
    body = [r for r in rows if r[0] not in heads]
    label_width = max(len(r[0]) for r in body)
    number_width = max(len(r[1]) for r in body)
    return [
        a if a in heads else f"  {a.ljust(label_width)}  {b.rjust(number_width)}  {c}".rstrip()
        for a, b, c in rows
    ]


def render(calc: Calculator, result: dict, preset: str | None) -> str:
    """The human-readable table of inputs and outputs."""
    lines = [f"{calc.title} ({calc.name})"]
    if preset:
        chosen = calc.preset(preset)
        lines.append(f"Preset {chosen.name}: {chosen.label}")
        lines.append(_wrap(chosen.citation, "  "))
    rows = [("", "", ""), ("Inputs", "", "")]
    rows += [(i.label, i.text(result["inputs"][i.name]), i.unit) for i in calc.inputs]
    rows += [("", "", ""), ("Outputs", "", "")]
    texts = []
    for out in calc.outputs:
        value, text = result["outputs"][out.name]["value"], result["outputs"][out.name]["text"]
        if out.kind == "text":  # sentences: below the table, not in a column
            texts.append(_wrap(f"{out.label}: {text}", "  "))
        elif value is None:
            rows.append((out.label, text, ""))
        else:
            rows.append((out.label, text[: -len(out.unit) - 1] if out.unit else text, out.unit))
    lines += _table(rows, {"", "Inputs", "Outputs"})
    if texts:
        lines += [""] + texts
    return "\n".join(lines) + "\n"


def _list(as_json: bool, prog: str) -> str:
    if as_json:
        return json.dumps([c.describe() for c in CALCULATORS.values()], indent=2) + "\n"
    lines = []
    for calc in CALCULATORS.values():
        lines.append(f"{calc.name}: {calc.title}")
        lines.append(_wrap(calc.summary, "  "))
        lines.append(_wrap("inputs: " + ", ".join(option(i.name) for i in calc.inputs), "  "))
        lines.append(_wrap("outputs: " + ", ".join(o.name for o in calc.outputs), "  "))
        lines.append(_wrap("presets: " + (", ".join(p.name for p in calc.presets) or "none"), "  "))
        lines.append("")
    lines.append(f'Run "{prog} NAME --help" for units, defaults, rules and preset sources.')
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None, prog: str = PROG) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    parser = build_parser(prog)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        print(f"{prog}: error: give a COMMAND (list or a calculator name)", file=sys.stderr)
        return 2
    if args.command == "list":
        sys.stdout.write(_list(args.json, prog))
        return 0
    calc = CALCULATORS[args.command]
    raw = {i.name: getattr(args, i.name) for i in calc.inputs if getattr(args, i.name) is not None}
    result = evaluate(calc.name, raw, preset=args.preset)
    if not result["ok"]:
        for error in result["errors"]:  # the site's words, after the option a script passed
            print(f"{option(error['input'])}: {error['message']}", file=sys.stderr)
        print(f'Run "{prog} {calc.name} --help" for every input\'s rule.', file=sys.stderr)
        return 2
    if args.json:
        data = {
            "calculator": calc.name,
            "inputs": result["inputs"],
            "outputs": {name: out["value"] for name, out in result["outputs"].items()},
        }
        sys.stdout.write(json.dumps(data) + "\n")
    else:
        sys.stdout.write(render(calc, result, args.preset))
    return 0


def installed_command() -> int:
    """``sidecar-tax``, installed with the package: the same CLI under the
    name the reader typed, so its help and hints show commands that work."""
    return main(prog="sidecar-tax")


if __name__ == "__main__":
    sys.exit(main())
