"""``python -m editionbuild publish YYYY-MM-DD`` and ``python -m editionbuild serve [--port N]``."""

import argparse
import sys
from pathlib import Path

from editionbuild.publish import PublishError, publish
from editionbuild.serve import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m editionbuild", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    publishing = commands.add_parser("publish", help="build the docs as an edition onto the editions branch")
    publishing.add_argument("edition", help="the review date, YYYY-MM-DD")
    serving = commands.add_parser("serve", help="serve the editions branch")
    serving.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    args = parser.parse_args()
    if args.command == "serve":
        serve(args.port)
        return
    try:
        publish(args.edition, Path.cwd())
    except PublishError as error:
        sys.exit(str(error))


if __name__ == "__main__":
    main()
