"""``python -m sitebuild SITE_DIR [--config mkdocs.yml]``: finish a site that
any engine built (see :mod:`sitebuild.postbuild`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .options import OptionsError, from_config, read_config
from .postbuild import finish
from .runtime_files import BuildStepError, check_tools


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="the folder the engine built into")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"sitebuild: {args.site_dir} has no index.html: build the site first", file=sys.stderr)
        return 2
    try:
        options = from_config(read_config(args.config))
        check_tools(options)
        finish(args.site_dir, options, args.config.resolve().parent / ".cache")
    except (OptionsError, BuildStepError, OSError) as error:
        print(f"sitebuild: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
