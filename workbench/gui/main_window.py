"""The main window: navigator, the current page, the inspector dock, menus, files.

The pages come from the page registry (`workbench.gui.page_registry`); each is built the
first time it is visited (start-up builds only the first), and a page whose dimension
disappears is dropped. The window talks to pages only through the `Page` contract.
Everything the analyst does goes through the bridge, the file controller or the workbook
controller; the window only wires them up and keeps the title ("name* — Market
Workbench") in step with the saved state.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFrame, QMainWindow, QScrollArea, QSplitter, QStackedWidget

from workbench.core.document import Document
from workbench.core.fields import Field
from workbench.core.transaction import Change
from workbench.gui import dialogs
from workbench.gui.about import show_about
from workbench.gui.actions import Actions
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import ForecastChart
from workbench.gui.files import FileController
from workbench.gui.inspector import InspectorDock
from workbench.gui.menus import build_menus
from workbench.gui.model_actions import ModelActions
from workbench.gui.navigator import Navigator
from workbench.gui.page import Page, PageKey, Target
from workbench.gui.page_registry import PAGES, PageRegistry
from workbench.gui.report_export import ReportDialog
from workbench.gui.settings import Settings
from workbench.gui.undo import UndoMirror
from workbench.gui.workbooks import WorkbookController

if TYPE_CHECKING:  # imported on first use (see `MainWindow.table_imports`)
    from workbench.gui.import_table import TableImportController

APP_NAME = "Market Workbench"
STATUS_MS = 8000
"""How long a sentence on the status bar stays (a refused keystroke on a derived page)."""
INSPECTOR_WIDTH = 250
"""The inspector's first width (the analyst drags it wider; the window remembers)."""


class MainWindow(QMainWindow):
    def __init__(
        self,
        bridge: DocumentBridge,
        settings: Settings,
        recovery_folder: Path | None = None,
        registry: PageRegistry = PAGES,
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.bridge = bridge
        self.settings = settings
        self.undo = UndoMirror(bridge, self)
        self.files = FileController(bridge, settings, self, recovery_folder)
        self.workbooks = WorkbookController(bridge, self)
        self.model_actions = ModelActions(bridge, self)
        self.navigator = Navigator()
        self.stack = QStackedWidget()
        self.registry = registry
        self.pages: dict[PageKey, Page] = {}
        self._hosts: dict[PageKey, QScrollArea] = {}
        self._titles: dict[PageKey, str] = {}
        self.inspector = InspectorDock(bridge, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        self.resizeDocks([self.inspector], [INSPECTOR_WIDTH], Qt.Orientation.Horizontal)
        self._inspector_wanted = True
        """Whether the analyst keeps the inspector open (View → Inspector) where it applies."""
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(1, False)
        splitter.setSizes([170, 1000])
        self.setCentralWidget(splitter)
        self.actions = Actions(self)
        self.actions.inspector.triggered.connect(self._inspector_toggled)
        build_menus(self)
        self.actions.follow(bridge.document.project)
        self.statusBar()
        self.setAcceptDrops(True)
        self.navigator.entry_selected.connect(self.show_page)
        bridge.error.connect(lambda text: dialogs.show_error(self, text))
        bridge.status.connect(lambda text: self.statusBar().showMessage(text, STATUS_MS))
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(self._on_replaced)
        self.files.state_changed.connect(self.update_title)
        settings.restore_window(self)

    @cached_property
    def table_imports(self) -> TableImportController:
        """The Import Table wizard's controller, made on first use: it brings the foreign
        tables' reader and detection, which a start-up does not need."""
        from workbench.gui.import_table import TableImportController

        return TableImportController(self.bridge, self.files, self)

    def start(self, path: str | None = None, document: Document | None = None) -> None:
        """Show `document`, or open `path` / the last project / the sample (FileController)."""
        if document is not None:
            self.files.adopt(document, None)
        else:
            self.files.start(path)
        if not self._titles:
            self._refresh_entries()

    # -- pages ----------------------------------------------------------------------------

    def _refresh_entries(self) -> None:
        entries = self.registry.entries(self.bridge.document.project)
        self._titles = {e.key: e.title for e in entries}
        for key in [k for k in self.pages if k not in self._titles]:
            self.pages.pop(key)
            host = self._hosts.pop(key)
            self.stack.removeWidget(host)
            host.deleteLater()
        self.navigator.set_entries(entries)
        self.update_title()

    def _on_replaced(self) -> None:
        self.inspector.inspect(None)
        self._refresh_entries()
        self.actions.follow(self.bridge.document.project)

    def _on_changed(self, change: Change) -> None:
        if change.touches(Field.DIMENSIONS):
            self._refresh_entries()
        else:
            self.update_title()
        if change.touches(Field.VOLUME):
            self.actions.follow(self.bridge.document.project)

    def show_page(self, key: PageKey) -> Page | None:
        """Show the page `key`, building it on its first visit."""
        if key not in self._titles:
            return None
        page = self.pages.get(key)
        if page is None:
            page = self.registry.build(self.bridge, key)
            page.inspected.connect(lambda subject, page=page: self._inspected(page, subject))
            page.navigate.connect(self.navigate_to)
            self.pages[key] = page
            self._hosts[key] = _hosted(page)
            self.stack.addWidget(self._hosts[key])
        self.stack.setCurrentWidget(self._hosts[key])
        self.inspector.inspect(page.inspection())
        self.inspector.setVisible(page.inspects and self._inspector_wanted)
        if self.navigator.current_key() != key:
            self.navigator.select(key)
        return page

    def _inspected(self, page: Page, subject: Target | None) -> None:
        """The inspector follows the shown page; each page remembers its own selection."""
        if self.current_page() is page:
            self.inspector.inspect(subject)

    def _inspector_toggled(self, checked: bool) -> None:
        """The analyst opened or closed the inspector: pages that feed it keep that."""
        self._inspector_wanted = checked

    def current_page(self) -> Page | None:
        host = self.stack.currentWidget()
        return host.widget() if isinstance(host, QScrollArea) else None

    def current_key(self) -> PageKey | None:
        return self.navigator.current_key()

    def current_dimension(self) -> str | None:
        page = self.current_page()
        return page.dimension() if page is not None else None

    def navigate_to(self, target: Target) -> None:
        """Open the page that shows `target` and go to it there."""
        key = self.registry.locate(self.bridge.document.project, target)
        page = self.show_page(key) if key is not None else None
        if page is not None:
            page.show_target(target)

    def step_page(self, step: int) -> None:
        keys = self.navigator.page_keys()
        current = self.current_key()
        index = keys.index(current) if current in keys else 0
        self.show_page(keys[(index + step) % len(keys)])

    # -- title, chart export, about -------------------------------------------------------

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.bridge.document.is_modified)

    def export_report(self) -> ReportDialog:
        """File → Export Report…: the options and preview dialog (window-modal, not blocking)."""
        dialog = ReportDialog(self.bridge, self.files.path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_chart(self) -> bool:
        chart = self._current_chart("export")
        return chart is not None and chart.save_as()

    def copy_chart(self) -> bool:
        chart = self._current_chart("copy")
        if chart is not None:
            chart.copy_to_clipboard()
        return chart is not None

    def _current_chart(self, verb: str) -> ForecastChart | None:
        """The shown page's chart; without one, a sentence saying so."""
        page = self.current_page()
        chart = page.exported_chart() if page is not None else None
        if chart is None:
            dialogs.show_error(self, f"This page has no chart to {verb}.")
        return chart

    def about(self) -> None:
        show_about(self)

    # -- closing and dropping -------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.files.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self)
        self.files.close()
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event)
        if path is None:
            return
        event.acceptProposedAction()
        if path.suffix.lower() == ".mwp":
            self.files.open_path(path)
        else:
            self.workbooks.import_path(path)


def _hosted(page: Page) -> QScrollArea:
    """The page in a frameless scroll area: in a window narrower or lower than the page
    needs, the page scrolls instead of forcing the window wider or clipping its text."""
    host = QScrollArea()
    host.setFrameShape(QFrame.Shape.NoFrame)
    host.setWidgetResizable(True)
    host.setWidget(page)
    return host


def _dropped_file(event) -> Path | None:
    """The one .mwp or .xlsx file being dragged, if that is what it is."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in (".mwp", ".xlsx") else None
