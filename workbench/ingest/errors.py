"""The one error the foreign-table import raises: a sentence naming the file and the cell."""

from __future__ import annotations

from workbench.core.errors import ModelError


class IngestError(ModelError):
    """Bad or unreadable foreign input; the message is shown to the user as it is."""
