"""The command line (docs/command-line.md): headless commands over core, store and excel.

`main(argv)` returns the exit status: 0 success, 1 `check` found errors, 2 bad input
(one line on stderr), 3 an unexpected failure (one line too; set WORKBENCH_DEBUG=1 to
see the traceback). `workbench [PROJECT]` with no command opens the app. Each command is
a module with `register(subparsers)`; heavy modules (Qt, the store, the workbook) are
imported only by the command that needs them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from workbench.cli import (
    app,
    check,
    dump,
    export,
    history,
    import_table,
    import_workbook,
    new_sample,
    pull,
    push,
    report,
    restore,
    show,
)
from workbench.cli.parsing import Parser, UsageError
from workbench.cli.safe_text import printable_output
from workbench.cli.version import VersionAction
from workbench.core.errors import ModelError

PROG = "workbench"
COMMANDS = {
    "new-sample": new_sample,
    "show": show,
    "dump": dump,
    "check": check,
    "export": export,
    "import": import_workbook,
    "import-table": import_table,
    "push": push,
    "pull": pull,
    "history": history,
    "restore": restore,
    "report": report,
}
_TOP_LEVEL_OPTIONS = ("-h", "--help", "--version")


def build_parser() -> Parser:
    parser = Parser(
        prog=PROG,
        usage=f"{PROG} [PROJECT | --sample]\n       {PROG} COMMAND ...",
        description="Market Workbench: market sizing and forecast models. With no command, "
        "open the app on PROJECT (the built-in sample when none).",
    )
    parser.add_argument("--version", action=VersionAction)
    subparsers = parser.add_subparsers(
        title="commands", metavar="COMMAND", parser_class=Parser, prog=PROG
    )
    for module in COMMANDS.values():
        module.register(subparsers)
    return parser


def parse(argv: list[str]):
    """The arguments of a command, or of opening the app when no command is named."""
    if argv and (argv[0] in COMMANDS or argv[0] in _TOP_LEVEL_OPTIONS):
        return build_parser().parse_args(argv)
    if len(argv) > 1 and not argv[0].startswith("-") and not argv[1].startswith("-"):
        # `workbench PROJECT` takes one word: two words are a command that does not exist
        raise UsageError(
            f"{argv[0]!r} is not a command; the commands are {', '.join(COMMANDS)}."
        )
    args = app.parser(PROG).parse_args(argv)
    args.run = app.run
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with printable_output():
        return _main(argv)


def _main(argv: list[str]) -> int:
    try:
        args = parse(argv)
        return args.run(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except ModelError as exc:
        return _fail(str(exc), 2)
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}", 2)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        return _fail(f"unexpected error ({type(exc).__name__}): {exc}", 3)


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"{PROG}: {' '.join(message.split())}\n")
    return status


def _silence_stdout() -> None:
    """After the reader of a pipe went away, let the interpreter's final flush succeed."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
