"""The main window: navigator, the current page, the inspector dock, menus, files.

Pages are built the first time they are visited (start-up builds only the first), and a
page whose dimension disappears is dropped. Everything the analyst does goes through the
bridge, the file controller or the workbook controller; the window only wires them up
and keeps the title ("name* — Market Workbench") in step with the saved state.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QStackedWidget, QWidget

from workbench import __version__
from workbench.core.document import Document
from workbench.core.transaction import Change
from workbench.gui import dialogs
from workbench.gui.actions import Actions
from workbench.gui.bridge import DocumentBridge
from workbench.gui.charts import ForecastChart
from workbench.gui.files import FileController
from workbench.gui.inspector import InspectorDock
from workbench.gui.menus import build_menus
from workbench.gui.model_actions import ModelActions
from workbench.gui.navigator import NavEntry, Navigator
from workbench.gui.pages import page_entries
from workbench.gui.settings import Settings
from workbench.gui.undo import UndoMirror
from workbench.gui.workbooks import WorkbookController

APP_NAME = "Market Workbench"


class MainWindow(QMainWindow):
    def __init__(
        self,
        bridge: DocumentBridge,
        settings: Settings,
        recovery_folder: Path | None = None,
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
        self.pages: dict[str, QWidget] = {}
        self._selected_cells: dict[str, object] = {}
        self._entries: dict[str, NavEntry] = {}
        self.inspector = InspectorDock(bridge, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        splitter = QSplitter()
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([210, 1000])
        self.setCentralWidget(splitter)
        self.actions = Actions(self)
        build_menus(self)
        self.statusBar()
        self.setAcceptDrops(True)
        self.navigator.entry_selected.connect(self.show_page)
        bridge.error.connect(lambda text: dialogs.show_error(self, text))
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(self._on_replaced)
        self.files.state_changed.connect(self.update_title)
        settings.restore_window(self)

    def start(self, path: str | None = None, document: Document | None = None) -> None:
        """Show `document`, or open `path` / the last project / the sample (FileController)."""
        if document is not None:
            self.files.adopt(document, None)
        else:
            self.files.start(path)
        if not self._entries:
            self._refresh_entries()

    # -- pages ----------------------------------------------------------------------------

    def _refresh_entries(self) -> None:
        entries = page_entries(self.bridge)
        self._entries = {e.key: e for e in entries}
        for key in [k for k in self.pages if k not in self._entries]:
            self._selected_cells.pop(key, None)
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.navigator.set_entries(entries)
        self.update_title()

    def _on_replaced(self) -> None:
        self._selected_cells.clear()
        self.inspector.show_cell(None)
        self._refresh_entries()

    def _on_changed(self, change: Change) -> None:
        if change.touches("dimensions"):
            self._refresh_entries()
        else:
            self.update_title()

    def show_page(self, key: str) -> QWidget | None:
        """Show the page `key`, building it on its first visit."""
        if key not in self._entries:
            return None
        page = self.pages.get(key)
        if page is None:
            page = self._entries[key].factory()
            self._connect_page(key, page)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.inspector.show_cell(self._selected_cells.get(key))
        if self.navigator.current_key() != key:
            self.navigator.select(key)
        return page

    def _connect_page(self, key: str, page: QWidget) -> None:
        if hasattr(page, "cell_selected"):
            page.cell_selected.connect(lambda cell: self._cell_selected(key, cell))
        if hasattr(page, "navigate"):
            page.navigate.connect(self.navigate_to)

    def _cell_selected(self, key: str, cell) -> None:
        """The inspector follows the shown page's selection; each page keeps its own."""
        self._selected_cells[key] = cell
        if self.current_key() == key:
            self.inspector.show_cell(cell)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def current_key(self) -> str | None:
        return self.navigator.current_key()

    def current_dimension(self) -> str | None:
        key = self.current_key() or ""
        return key.removeprefix("segment:") if key.startswith("segment:") else None

    def navigate_to(self, target) -> None:
        """Open the page of a (page key, cell or None) target, at the cell when it has one."""
        key, cell = target
        page = self.show_page(key)
        if page is not None and cell is not None:
            _select_cell(page, *cell)

    def step_page(self, step: int) -> None:
        keys = self.navigator.page_keys()
        current = self.current_key()
        index = keys.index(current) if current in keys else 0
        self.show_page(keys[(index + step) % len(keys)])

    # -- title, chart export, about -------------------------------------------------------

    def update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.bridge.document.is_modified)

    def export_chart(self) -> bool:
        page = self.current_page()
        chart = getattr(page, "chart", None) if page is not None else None
        if not isinstance(chart, ForecastChart) and page is not None:
            chart = next((c for c in page.findChildren(ForecastChart) if c.isVisible()), None)
        if not isinstance(chart, ForecastChart):
            dialogs.show_error(self, "This page has no chart to export.")
            return False
        path = dialogs.ask_save_path(self, "Export chart", dialogs.IMAGE_FILTER, "chart.png")
        if not path:
            return False
        if path.lower().endswith(".svg"):
            chart.export_svg(path)
        else:
            chart.export_png(path if path.lower().endswith(".png") else path + ".png")
        return True

    def about(self) -> None:
        dialogs.show_info(
            self,
            f"{APP_NAME} {__version__}: market sizing and forecast models that round-trip Excel.",
        )

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


def _select_cell(page: QWidget, scenario_id: str, series_id: str, year: int) -> None:
    """Put a segment page on `scenario_id` and its current cell on (series, year)."""
    model = getattr(page, "model", None)
    layout = getattr(model, "layout", None)
    if layout is None or not hasattr(page, "select_cell"):
        return
    if scenario_id and hasattr(page, "set_scenario"):
        page.set_scenario(scenario_id)
    row = next((i for i, r in enumerate(layout.rows) if r.is_series and r.key == series_id), None)
    column = next((i for i, c in enumerate(layout.columns) if c.year == year), None)
    if row is not None and column is not None:
        page.select_cell(row, column)


def _dropped_file(event) -> Path | None:
    """The one .mwp or .xlsx file being dragged, if that is what it is."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in (".mwp", ".xlsx") else None
