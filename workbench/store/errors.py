"""The store's one error: a project file that cannot be opened or written.

It is a `ModelError`, so every layer above already shows its message as is: one sentence
naming the file and what is wrong with it. Nothing on disk has changed when it is raised.
"""

from workbench.core.errors import ModelError


class StoreError(ModelError):
    """A project file could not be opened, saved or recovered; nothing was changed."""
