"""`workbench export PROJECT OUT.xlsx`: write the workbook (docs/workbook.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.loading import CommandError, add_project_argument, load_document


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write the workbook (.xlsx)",
        description="Write the project as a workbook with live formulas and their values.",
    )
    add_project_argument(parser, "a project file, or 'sample'")
    parser.add_argument("out", metavar="OUT.xlsx", help="the workbook to write")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CommandError(f"{args.out} must end in .xlsx.")
    if not out.parent.is_dir():
        raise CommandError(f"There is no folder {out.parent} to write {out.name} into.")
    document = load_document(args)
    from workbench.excel import export_workbook

    export_workbook(document, out)
    print(f"Wrote {args.out}.")
    return 0
