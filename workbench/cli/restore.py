"""`workbench restore SERVER#PROJECT REVISION`: an old revision becomes the newest one.

Nothing is lost: the revisions in between stay in the history, and the restore is a
revision of its own ("Restored revision N"). Only the project's editors may restore.
"""

from __future__ import annotations

import argparse

from workbench.cli.push import server_only
from workbench.store.server_address import ServerAddress


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "restore",
        help="make an old revision of a team server's project the newest one",
        description="Write revision REVISION of SERVER#PROJECT as its newest revision; "
        "the history keeps every revision in between.",
    )
    parser.add_argument("address", metavar="SERVER#PROJECT", help="the project")
    parser.add_argument("revision", type=int, metavar="REVISION", help="the revision to restore")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.store.postgres import restore_revision

    server_only(args.address)
    newest = restore_revision(args.address, args.revision)
    print(f"Restored revision {args.revision} of {ServerAddress.parse(args.address)} "
          f"as revision {newest}.")
    return 0
