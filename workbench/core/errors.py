"""The one error the domain raises for bad input.

Every layer above catches `ModelError` and shows its message as is, so the message must be
one clear sentence naming what and where.
"""


class ModelError(ValueError):
    """An edit or input the model cannot take; nothing was changed."""
