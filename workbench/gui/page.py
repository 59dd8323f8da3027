"""The contract every page of the navigator keeps, and the places a page can be asked to go.

A page is a `Page` widget. The shell knows nothing else about it: its title, its key
(`PageKey`: which page class, and which instance of it, such as the dimension of a
segment page), what the inspector shows while it is on screen (`inspection` and the
`inspected` signal), how it follows the document (`refresh` on every change, `reload`
when another document replaces it) and where it can take the analyst (`shows` answers
whether a `Target` lives on one of its instances, `show_target` goes there). Pages ask
the shell to go somewhere else with the `navigate` signal, carrying a `Target`.

The pages themselves are listed once, in `workbench.gui.page_registry`; see
docs/architecture.md ("Pages").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from workbench.core.measures import VALUE

if TYPE_CHECKING:
    from workbench.core.project import Project
    from workbench.core.transaction import Change
    from workbench.gui.bridge import DocumentBridge
    from workbench.gui.charts import ForecastChart


class CellTarget(NamedTuple):
    """One cell of the model: (scenario id, series id, year, measure id). Scenario "" is
    whichever scenario is shown; year None is the series' row as a whole; the measure is
    the value unless named."""

    scenario_id: str
    series_id: str
    year: int | None
    measure: str = VALUE


class EntityTarget(NamedTuple):
    """One qualitative entity: the project collection it lives in and its id."""

    collection: str
    entity_id: str


Target = CellTarget | EntityTarget


@dataclass(frozen=True)
class PageKey:
    """Which page: its class and, for a class with several instances, which one."""

    page: type[Page]
    ident: str = ""

    def __repr__(self) -> str:
        return f"PageKey({self.page.__name__}{', ' + repr(self.ident) if self.ident else ''})"


class Page(QWidget):
    """A page of the main window. Subclasses set `title` and follow the document.

    A class with one page per project keeps the defaults of `instances` and `create`;
    a class with several (one per dimension) overrides both, with the same idents.
    """

    title: ClassVar[str] = ""
    inspects: ClassVar[bool] = False
    """Whether the page feeds the inspector (cells or entities); on others it folds away."""
    inspected = Signal(object)
    """What the inspector should show now (a `Target`), or None to fold it away."""
    navigate = Signal(object)
    """Ask the shell to open the page that shows a `Target` and go there."""

    bridge: DocumentBridge

    def heightForWidth(self, _width: int) -> int:
        """None: the page fills the height it is given. (Its wrapped captions would
        otherwise make the scroll area that hosts it grow it to its preferred height.)"""
        return -1

    # -- which pages a project has ----------------------------------------------------------

    @classmethod
    def instances(cls, project: Project) -> list[tuple[str, str]]:
        """(ident, navigator title) of each page of this class the project has."""
        return [("", cls.title)]

    @classmethod
    def create(cls, bridge: DocumentBridge, ident: str) -> Page:
        """The page `ident` of this class, built for `bridge`."""
        return cls(bridge)

    @classmethod
    def shows(cls, project: Project, target: Target) -> str | None:
        """The ident of this class's page on which `target` lives, or None."""
        return None

    @property
    def ident(self) -> str:
        return ""

    @property
    def key(self) -> PageKey:
        return PageKey(type(self), self.ident)

    # -- following the document -------------------------------------------------------------

    def follow(self, bridge: DocumentBridge) -> None:
        """Refresh on each change of `bridge`'s document, reload when it is replaced.
        Pages call this where the order matters (after or before their own models)."""
        bridge.changed.connect(self.refresh)
        bridge.document_replaced.connect(self.reload)

    def refresh(self, change: Change) -> None:
        """Bring the page up to date after `change` (pages whose parts follow the
        document themselves keep this default)."""

    def reload(self) -> None:
        """Show the document that replaced the previous one."""

    # -- what the page offers the shell ------------------------------------------------------

    def inspection(self) -> Target | None:
        """What the inspector shows while this page is on screen (None: nothing)."""
        return None

    def show_target(self, target: Target) -> None:
        """Go to `target` (the registry has checked that `shows` accepts it)."""

    def dimension(self) -> str | None:
        """The dimension this page edits, if any (Model → Add Segment adds to it)."""
        return None

    def exported_chart(self) -> ForecastChart | None:
        """The chart File → Export Chart saves, if the page has one."""
        return None
