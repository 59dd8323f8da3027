"""`workbench import IN.xlsx PROJECT [--dry-run]`: apply a workbook to a project file.

The change summary is printed first; with --dry-run nothing else happens. Otherwise the
changes are applied as one step and the project file is saved (created when missing).
"""

from __future__ import annotations

import argparse

from workbench.cli.loading import CommandError, existing


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="apply a workbook to a project (--dry-run: summary only)",
        description="Read a workbook, print the change summary, and apply it to PROJECT "
        "(created when missing). With --dry-run only the summary is printed.",
    )
    parser.add_argument("workbook", metavar="IN.xlsx", help="the workbook to read")
    parser.add_argument("project", metavar="PROJECT", help="the project file to update")
    parser.add_argument("--dry-run", action="store_true", help="print the summary only")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    existing(args.workbook)
    try:
        from workbench.excel import read_workbook  # noqa: F401
    except ImportError:
        raise CommandError("Workbook import is not available in this version yet.") from None
    raise CommandError("Workbook import is not available in this version yet.")
