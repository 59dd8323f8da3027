"""`workbench import IN.xlsx PROJECT [--dry-run]`: apply a workbook to a project (a file
or a team server's project).

The change summary is printed first, one sentence per change; with --dry-run nothing else
happens. Otherwise the changes are applied as one step and the project file is saved.
A PROJECT that does not exist yet is created from the workbook. The built-in sample can
be compared against (--dry-run) but not changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.loading import (
    CommandError,
    add_project_argument,
    check_new_target,
    existing,
    load_document,
    project_exists,
    save_document,
    wants_sample,
)
from workbench.core.document import Document


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="apply a workbook to a project (--dry-run: summary only)",
        description="Read a workbook, print the change summary, and apply it to PROJECT "
        "(created when missing). With --dry-run only the summary is printed.",
    )
    parser.add_argument("workbook", metavar="IN.xlsx", help="the workbook to read")
    add_project_argument(parser, "the project file to update or create")
    parser.add_argument("--dry-run", action="store_true", help="print the summary only")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.excel import ExcelError

    workbook = existing(args.workbook)
    try:
        return _run(args, workbook)
    except ExcelError as error:  # "Region!C7: ..." names the cell; say which workbook too
        text = str(error)
        named = text if text.startswith(workbook.name) else f"{workbook.name}, {text}"
        raise ExcelError(named) from None


def _run(args: argparse.Namespace, workbook: Path) -> int:
    if wants_sample(args):
        if not args.dry_run:
            raise CommandError("The built-in sample cannot be changed; name a project file.")
        return _update(workbook, args, None)
    if args.project is None:
        raise CommandError("Name the project file to import into.")
    if project_exists(args.project):
        return _update(workbook, args, args.project)
    return _create(workbook, args.project, args.dry_run)


def _update(workbook: Path, args: argparse.Namespace, target: str | None) -> int:
    from workbench.excel import read_workbook

    document = load_document(args)
    plan = read_workbook(workbook, document)
    for line in plan.summary_lines():
        print(line)
    if plan.is_empty:
        print("No changes.")
        return 0
    count = _changes(len(plan.changes))
    if args.dry_run or target is None:
        print(f"{count} (dry run: nothing was applied).")
        return 0
    document.execute(plan.command)
    save_document(document, target)
    print(f"Applied {count} to {args.project}.")
    return 0


def _create(workbook: Path, target: str, dry_run: bool) -> int:
    from workbench.excel import project_from_workbook

    check_new_target(target)
    project = project_from_workbook(workbook)
    segments = sum(len(d.members) for d in project.dimensions)
    what = (
        f"{project.metadata.title!r}: {len(project.dimensions)} dimensions, {segments} "
        f"segments, {len(project.scenarios)} scenarios"
    )
    if dry_run:
        print(f"Would create {target} from {workbook.name}, {what} (dry run).")
        return 0
    if project_exists(target):  # someone created it while the workbook was read
        raise CommandError(
            f"{target} appeared while {workbook.name} was read; nothing was written."
        )
    save_document(Document(project), target)
    print(f"Created {target} from {workbook.name}, {what}.")
    return 0


def _changes(n: int) -> str:
    return "1 change" if n == 1 else f"{n} changes"
