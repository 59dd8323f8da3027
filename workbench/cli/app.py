"""`workbench [PROJECT]`: open the desktop app on a project file, or on the sample.

Qt is imported only here and only when the app is really opened, so every other command
runs headless and starts fast.
"""

from __future__ import annotations

import argparse

from workbench.cli.loading import CommandError, add_project_argument, existing, wants_sample
from workbench.cli.parsing import Parser
from workbench.store.server_address import is_server_address


def parser(prog: str) -> argparse.ArgumentParser:
    p = Parser(prog=prog, description="Open the app on PROJECT (the sample when none).")
    add_project_argument(
        p, "a project file to open (default: the built-in sample)", recoverable=False
    )
    return p


def run(args: argparse.Namespace) -> int:
    path = None
    if not wants_sample(args) and args.project is not None:
        path = args.project if is_server_address(args.project) else str(existing(args.project))
    try:
        from workbench.gui.app import run as run_app
    except ImportError as exc:
        raise CommandError(f"The desktop app cannot start: {exc}.") from None
    return run_app(path)
