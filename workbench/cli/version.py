"""`workbench --version`: the app's version and the Python, Qt and PySide6 it runs on."""

from __future__ import annotations

import argparse
import sys

from workbench.versions import running_versions


class VersionAction(argparse.Action):
    """Prints every line of the versions (argparse's own action folds them into one)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS):
        super().__init__(
            option_strings,
            dest=dest,
            default=default,
            nargs=0,
            help="show the versions of the app, Python, Qt and PySide6 and exit",
        )

    def __call__(self, parser, namespace, values, option_string=None):
        sys.stdout.write("\n".join(running_versions().lines()) + "\n")
        parser.exit(0)
