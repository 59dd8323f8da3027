"""`workbench new-sample PATH`: write the built-in sample as a project file.

An existing file is never overwritten: the sample is a starting point, and replacing an
analyst's work with it by a slip of the shell would be a loss nobody can undo.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.loading import CommandError, sample_document


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new-sample",
        help="write the built-in sample project",
        description="Write the built-in sample project (the micro drama market) to PATH.",
    )
    parser.add_argument("path", metavar="PATH", help="the new project file (.mwp)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from workbench.store import save_project

    path = Path(args.path)
    if path.exists():
        raise CommandError(f"{args.path} already exists; choose another path or remove it.")
    if not path.parent.is_dir():
        raise CommandError(f"There is no folder {path.parent} to write {path.name} into.")
    save_project(sample_document(), path)
    print(f"Wrote the sample project to {args.path}.")
    return 0
