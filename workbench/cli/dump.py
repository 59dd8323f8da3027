"""`workbench dump PROJECT`: the whole project as canonical JSON, for diffs and round trips.

The bytes come from `workbench.core.dump.dump_json`: same project, same bytes.
"""

from __future__ import annotations

import argparse
import sys

from workbench.cli.loading import add_project_argument, load_document
from workbench.core.dump import dump_json


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "dump",
        help="print the whole project as canonical JSON",
        description="Print the whole project (inputs and computed values) as canonical JSON "
        "in a stable order: the same project always gives the same bytes.",
    )
    add_project_argument(parser, "a project file, or 'sample'")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sys.stdout.write(dump_json(load_document(args)))
    return 0
