"""Argument parsing whose mistakes are one line, not a usage block and a traceback.

argparse prints the usage and exits on a bad argument; here a bad argument raises
`UsageError` instead, which `main` reports like any other bad input (docs/command-line.md: one
clear line on stderr, exit status 2).
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from workbench.cli.loading import CommandError


class UsageError(CommandError):
    """Arguments the command line does not understand."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help).")
