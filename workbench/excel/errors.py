"""The two ways a workbook operation stops: a refusal (`ExcelError`) and a cancel.

`ExcelError` is a `ModelError`, so every caller that already shows model errors shows
workbook refusals too; its message starts with the sheet and cell ("Assumptions!D14: ...")
because an analyst fixing a workbook needs to know where to look.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from workbench.core.errors import ModelError
from workbench.guards import UnsafeFile


class ExcelError(ModelError):
    """A workbook that cannot be written or taken; nothing was written or changed."""


class Cancelled(Exception):
    """The progress callback asked to stop; no file was left behind, nothing changed."""


def at(sheet: str, cell: str, message: str) -> ExcelError:
    """An ExcelError for one cell: "Sheet!B7: message"."""
    return ExcelError(f"{sheet}!{cell}: {message}")


@contextmanager
def refused_as_excel() -> Iterator[None]:
    """The file guards' refusals (`workbench.guards`) as workbook refusals."""
    try:
        yield
    except UnsafeFile as error:
        raise ExcelError(str(error)) from None
