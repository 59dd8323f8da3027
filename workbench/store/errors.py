"""The store's one error: a project file that cannot be opened or written.

It is a `ModelError`, so every layer above already shows its message as is: one sentence
naming the file and what is wrong with it. Nothing on disk has changed when it is raised.
"""

from workbench.core.errors import ModelError


class StoreError(ModelError):
    """A project file could not be opened, saved or recovered; nothing was changed."""


class ChangedOnDisk(StoreError):
    """The file changed on disk since the document was opened from or saved to it (another
    window, another program): saving would silently overwrite that; nothing was saved."""
