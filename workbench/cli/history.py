"""`workbench history SERVER#PROJECT`: who saved which revision of a team server's project,
when, and what changed (newest first)."""

from __future__ import annotations

import argparse

from workbench.cli.push import server_only


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "history",
        help="list the revisions of a team server's project",
        description="List every revision of SERVER#PROJECT, newest first: who saved it, "
        "when, and a summary of what changed. `workbench restore` brings one back.",
    )
    parser.add_argument("address", metavar="SERVER#PROJECT", help="the project")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.store.postgres import history

    server_only(args.address)
    for r in history(args.address):
        when = r.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{r.revision:>6}  {when}  {r.saved_by:<16}  {r.summary}")
    return 0
