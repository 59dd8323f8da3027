"""`workbench push FILE.mwp SERVER#PROJECT`: a project file as a new team server project.

The project becomes revision 1 (an existing name is refused); `workbench pull` brings it
back, and the round trip leaves `workbench dump` byte-identical.
"""

from __future__ import annotations

import argparse

from workbench.cli.loading import CommandError, existing
from workbench.store.server_address import ServerAddress, is_server_address


def register(subparsers) -> None:
    push = subparsers.add_parser(
        "push",
        help="copy a project file to a team server as a new project",
        description="Copy FILE.mwp to a PostgreSQL team server as the new project "
        "SERVER#PROJECT (postgresql://user@host:port/db#project); passwords come from "
        "~/.pgpass, never from the address.",
    )
    push.add_argument("file", metavar="FILE.mwp", help="the project file to copy")
    push.add_argument("address", metavar="SERVER#PROJECT", help="the new project's address")
    push.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.store.postgres import push

    path = existing(args.file)
    server_only(args.address)
    push(path, args.address)
    print(f"Pushed {path} to {ServerAddress.parse(args.address)} as revision 1.")
    return 0


def server_only(text: str) -> None:
    """Refuse, in a sentence, a file path where a server address belongs."""
    if not is_server_address(text):
        raise CommandError(
            f"{text!r} is not a server address (postgresql://user@host:port/db#project)."
        )
