"""Rectangular ranges as tab-separated text, the way Excel and LibreOffice exchange them.

Copy writes two versions, as Excel does: the text the cells show (what another program
pastes) and, in the app's own format, each number in full, so a copy pasted back in the
app is the same number, not its rounded display. Paste reads a block (quoted cells
included, as Excel writes them) and maps it onto the table from a top-left cell. Turning
the text into edits is the model's job, so a paste is planned, checked and applied like typing.
"""

from __future__ import annotations

import atexit
import csv
import functools
import io
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex
from PySide6.QtGui import QGuiApplication

from workbench.core.errors import ModelError


def copy_text(indexes: list[QModelIndex], text_of: Callable[[int, int], str]) -> str:
    """The bounding rectangle of `indexes` as TSV (`text_of(row, column)` for each
    selected cell); unselected cells inside it are empty."""
    if not indexes:
        return ""
    chosen = {(i.row(), i.column()) for i in indexes}
    rows = range(min(r for r, _ in chosen), max(r for r, _ in chosen) + 1)
    cols = range(min(c for _, c in chosen), max(c for _, c in chosen) + 1)
    lines = []
    for r in rows:
        cells = [text_of(r, c) if (r, c) in chosen else "" for c in cols]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


FULL_NUMBERS = "application/x-market-workbench-cells"
"""The clipboard format that carries the copied cells with every number in full."""


def copied_cells(shown: str, full: str) -> QMimeData:
    """The clipboard's content for a copy: the shown text for everyone, full numbers for us."""
    data = QMimeData()
    data.setText(shown)
    data.setData(FULL_NUMBERS, full.encode("utf-8"))
    _plain_text_at_exit()
    return data


@functools.cache
def _plain_text_at_exit() -> None:
    """Leave plain text, not our QMimeData, on the clipboard when the interpreter ends.

    PySide6 (6.11) crashes at exit when the clipboard still holds a QMimeData created in
    Python: the application tears the clipboard down after the wrapper is gone. The shown
    text stays on the clipboard for other programs; only our full-number copy is dropped,
    and only when the app ends.
    """
    atexit.register(_to_plain_text)  # once per process (cached)


def _to_plain_text() -> None:
    app = QGuiApplication.instance()
    if app is None:
        return
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.hasFormat(FULL_NUMBERS):
        clipboard.setText(data.text())


def pasted_text(data: QMimeData | None) -> str:
    """The block to paste: our full numbers when the copy was ours, else the text."""
    if data is None:
        return ""
    if data.hasFormat(FULL_NUMBERS):
        return bytes(data.data(FULL_NUMBERS).data()).decode("utf-8")
    return data.text()


def read_block(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text; the trailing line break is not a row."""
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t"))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def block_cells(
    model: QAbstractItemModel, top: int, left: int, block: list[list[str]]
) -> list[tuple[int, int, str]]:
    """(row, column, text) for each cell of `block` placed at (top, left); refuses overflow."""
    height = len(block)
    width = max((len(r) for r in block), default=0)
    if top + height > model.rowCount() or left + width > model.columnCount():
        raise ModelError(
            f"The pasted block ({height} × {width}) does not fit in the table from the "
            "selected cell."
        )
    return [
        (top + i, left + j, text)
        for i, row in enumerate(block)
        for j, text in enumerate(row)
    ]
