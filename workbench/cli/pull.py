"""`workbench pull SERVER#PROJECT FILE.mwp`: a team server's project written to a file."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.loading import CommandError
from workbench.cli.push import server_only
from workbench.store.server_address import ServerAddress


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "pull",
        help="copy a team server's project to a project file",
        description="Write the latest revision of SERVER#PROJECT to FILE.mwp (replaced "
        "atomically when it exists).",
    )
    parser.add_argument("address", metavar="SERVER#PROJECT", help="the project to copy")
    parser.add_argument("file", metavar="FILE.mwp", help="the project file to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.store.postgres import pull

    server_only(args.address)
    target = Path(args.file)
    if not target.parent.is_dir():
        raise CommandError(f"There is no folder {target.parent} to write {target.name} in.")
    revision = pull(args.address, target)
    print(f"Pulled revision {revision} of {ServerAddress.parse(args.address)} to {target}.")
    return 0
