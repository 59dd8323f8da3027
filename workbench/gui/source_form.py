"""The citation form, asked wherever a source is made: the Sources page, and "New
source…" in the pickers of developments (a development and its new source are added as
one undoable step)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbench.core.entities import Source
from workbench.core.errors import ModelError
from workbench.gui import dialogs

NEW_SOURCE = "New source…"
"""The picker choice that asks for a new source instead of citing an existing one."""


def ask_source(parent: QWidget | None, source: Source | None) -> dict | None:
    """The citation form; the fields by name, or None when cancelled. A date or link the
    source refuses keeps the form open with the reason, and the typing."""
    s = source or Source("new", "Publisher")
    return dialogs.ask_form(
        parent,
        "Source",
        [
            dialogs.Field("publisher", "Publisher", value="" if source is None else s.publisher),
            dialogs.Field("title", "Title", value=s.title),
            dialogs.Field("date", "Date", value=s.date, placeholder="2024, 2024-06 or 2024-06-30"),
            dialogs.Field("url", "Link", value=s.url),
            dialogs.Field("assumption", "Analyst assumption", kind="bool", value=s.assumption),
        ],
        check=_refusal,
    )


def _refusal(fields: dict) -> str | None:
    try:
        Source("check", **fields)
    except ModelError as exc:
        return str(exc)
    return None
