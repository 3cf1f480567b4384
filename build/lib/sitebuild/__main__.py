"""``python -m sitebuild SITE_DIR [--pyodide-source ...] [--snapshot ...]``:
finish a site that an engine without plugins (Zensical) built; the options
are the sidecar-tax plugin's (see :mod:`sitebuild.postbuild`)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields
from pathlib import Path

from .options import OptionsError, RuntimeOptions, option_help
from .postbuild import finish
from .runtime_files import BuildStepError, check_tools

BOOLEANS = {"true": True, "false": False}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the folder the engine built into")
    parser.add_argument("--cache", type=Path, default=Path(".cache"), help="downloads and snapshots (default: .cache)")
    for field in fields(RuntimeOptions):
        choices = sorted(BOOLEANS) if field.type in (bool, "bool") else None
        parser.add_argument(
            "--" + field.name.replace("_", "-"), dest=field.name, choices=choices,
            help=f"{option_help(field.name)} (default: {str(field.default).lower() if choices else field.default})",
        )
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"sitebuild: {args.site_dir} has no index.html: build the site first", file=sys.stderr)
        return 2
    given = {field.name: getattr(args, field.name) for field in fields(RuntimeOptions) if getattr(args, field.name) is not None}
    if "snapshot" in given:
        given["snapshot"] = BOOLEANS[given["snapshot"]]
    try:
        options = RuntimeOptions.from_mapping(given, where="python -m sitebuild")
        check_tools(options)
        finish(args.site_dir, options, args.cache.resolve())
    except (OptionsError, BuildStepError, OSError) as error:
        print(f"sitebuild: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
