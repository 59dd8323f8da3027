"""File › Import Table…: a foreign workbook or CSV mapped to segments and years, previewed.

The wizard is one window: the tables found in the file, every mapping choice, the rows
and the segments they become, the change summary and a preview of the resulting market.
Each choice plans the import again with `workbench.ingest` (the same code as the command
line), so what the preview shows is exactly what Import applies; nothing changes until
then, and applying is one undoable step (or a new, untitled project).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.measures import unit_of
from workbench.core.project import Project
from workbench.gui import dialogs, locale_numbers
from workbench.gui.bridge import DocumentBridge
from workbench.gui.workers import run_in_background
from workbench.ingest import Detection, Mapping, Plan, Table, plan

FORECAST_CHOICES = (("pins", "pins (typed values)"), ("targets", "targets that set each CAGR"),
                    ("ignore", "left out"))  # fmt: skip
MEASURE_CHOICES = (("value", "the value"), ("volume", "the volume"))
ROW_COLUMNS = ("Row in the file", "Segment", "Take")
PREVIEW_ROWS = 12
NOT_READY = "Nothing can be imported yet:"
NOT_READY_HINT = ("Change a choice on the left (or a row's segment) and the summary and "
                  "preview of the import appear here.")


class ImportTableDialog(QDialog):
    """The wizard for one file; `plan` is the import as currently mapped (or None)."""

    planned = Signal()

    def __init__(
        self, found: Detection, project: Project, parent: QWidget | None = None,
        include_hidden: bool = False,
    ) -> None:
        super().__init__(parent)
        self.found, self.path, self.project = found, found.path, project
        self.tables = found.tables(include_hidden)
        self.hidden_at_start = include_hidden
        path = found.path
        self.plan: Plan | None = None
        self.setWindowTitle(f"Import table from {path.name}")
        area = (parent or self).screen().availableGeometry()  # a 1024×700 laptop too
        self.resize(min(1180, area.width() - 24), min(760, area.height() - 24))
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.replan)
        self._build()
        self._fill_rows()
        self.replan()

    # -- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("Table:"))
        self.table_box = QComboBox()
        self.table_box.addItems([t.describe() for t in self.tables])
        self.table_box.currentIndexChanged.connect(self._table_changed)
        top.addWidget(self.table_box, 1)
        layout.addLayout(top)
        middle = QHBoxLayout()
        middle.addWidget(self._choices(), 0)
        middle.addWidget(self._rows_box(), 1)
        layout.addLayout(middle, 1)
        layout.addWidget(self._result_box(), 1)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choices(self) -> QGroupBox:
        box = QGroupBox("Mapping")
        form = QFormLayout(box)
        self.into_project = QRadioButton("this project")
        self.into_new = QRadioButton("a new project")
        self.into_project.setChecked(True)
        self.include_hidden = QCheckBox(_hidden_text(self.found.hidden))
        self.include_hidden.setEnabled(bool(self.found.hidden))
        self.include_hidden.setChecked(self.hidden_at_start)
        self.include_hidden.setToolTip("Hidden rows and columns (working rows, old scenarios) "
                                       "are left out unless you include them.")
        self.include_hidden.toggled.connect(self._hidden_toggled)
        into = QButtonGroup(box)
        for button in (self.into_project, self.into_new):
            into.addButton(button)
            button.toggled.connect(self._changed)
        row = QHBoxLayout()
        row.addWidget(self.into_project)
        row.addWidget(self.into_new)
        form.addRow("Import into", _wrap(row))
        form.addRow("Hidden rows, columns", self.include_hidden)
        self.measure = QComboBox()
        for key, label in MEASURE_CHOICES:
            self.measure.addItem(label, key)
        self.volume_unit = QLineEdit(placeholderText="e.g. million subscriptions")
        if self.project.volume is not None:
            self.volume_unit.setText(self.project.volume.unit)
        self.dimension = QLineEdit(placeholderText="from the table")
        self.total = QComboBox()
        self.base_year = QSpinBox(minimum=1900, maximum=2200)
        self.base_year.setSpecialValueText("from the table")
        self.forecast = QComboBox()
        for key, label in FORECAST_CHOICES:
            self.forecast.addItem(label, key)
        self.scenario = QComboBox()
        self.scenario.addItems([s.name for s in self.project.scenarios])
        self.unit = QLineEdit(placeholderText="as the file says")
        self.scale = QLineEdit(placeholderText="from the units")
        self.rate = QLineEdit(placeholderText="none (same currency)")
        self.rate_source = QLineEdit(placeholderText="where the rate comes from")
        for label, widget in (
            ("Numbers are", self.measure), ("Volume unit", self.volume_unit),
            ("Dimension", self.dimension), ("Total row", self.total),
            ("Last history year", self.base_year), ("Forecast years become", self.forecast),
            ("Scenario for forecasts", self.scenario), ("Unit in the file", self.unit),
            ("Scale (× every number)", self.scale), ("Currency rate", self.rate),
            ("Rate source", self.rate_source),
        ):  # fmt: skip
            form.addRow(label, widget)
            _connect(widget, self._changed)
        self.base_year.setValue(self.base_year.minimum())
        box.setMinimumWidth(380)
        return box

    def _rows_box(self) -> QGroupBox:
        box = QGroupBox("Rows: which segment each becomes")
        layout = QVBoxLayout(box)
        self.rows = QTableWidget(0, len(ROW_COLUMNS))
        self.rows.setHorizontalHeaderLabels(ROW_COLUMNS)
        self.rows.verticalHeader().hide()
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.rows.itemChanged.connect(self._changed)
        layout.addWidget(self.rows)
        return box

    def _result_box(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("What the import will do"), 0, 0)
        self.preview_title = QLabel("Preview of the resulting market")
        grid.addWidget(self.preview_title, 0, 1)
        self.summary = QPlainTextEdit(readOnly=True)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        grid.addWidget(self.summary, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        return box

    # -- the rows of the chosen table ---------------------------------------------------

    def _table(self) -> Table:
        return self.tables[self.table_box.currentIndex()]

    def _table_changed(self) -> None:
        self._fill_rows()
        self._changed()

    def _hidden_toggled(self, included: bool) -> None:
        """Find the tables again with or without the hidden lines; keep the chosen table."""
        index = self.table_box.currentIndex()
        self.tables = self.found.tables(included)
        self.table_box.blockSignals(True)
        self.table_box.clear()
        self.table_box.addItems([t.describe() for t in self.tables])
        self.table_box.setCurrentIndex(min(max(index, 0), len(self.tables) - 1))
        self.table_box.blockSignals(False)
        self._fill_rows()
        self._changed()

    def _fill_rows(self) -> None:
        rows = self._table().rows if self.tables else []
        self.rows.blockSignals(True)
        self.rows.setRowCount(len(rows))
        for i, row in enumerate(rows):
            label = QTableWidgetItem(f"{row.label}  ({row.address})")
            label.setFlags(label.flags() & ~Qt.ItemFlag.ItemIsEditable)
            label.setData(Qt.ItemDataRole.UserRole, row.label)
            self.rows.setItem(i, 0, label)
            segment = QTableWidgetItem("the total" if row.is_total else row.label)
            if row.is_total:
                segment.setFlags(segment.flags() & ~Qt.ItemFlag.ItemIsEditable)
                segment.setForeground(Qt.GlobalColor.darkGray)
            self.rows.setItem(i, 1, segment)
            take = QTableWidgetItem()
            take.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            take.setCheckState(Qt.CheckState.Unchecked if row.set_aside else Qt.CheckState.Checked)
            if row.set_aside:
                take.setToolTip(f"Left out by default: {row.set_aside}.")
            self.rows.setItem(i, 2, take)
        self.rows.blockSignals(False)
        self.total.blockSignals(True)
        self.total.clear()
        self.total.addItem("as detected", None)
        self.total.addItem("no total row", "")
        for row in rows:
            self.total.addItem(row.label, row.label)
        self.total.blockSignals(False)

    # -- planning -----------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        self._timer.start()

    def mapping(self) -> Mapping:
        """The choices on screen as a mapping (the same the command line takes)."""
        include_hidden = self.include_hidden.isChecked()
        if not self.tables:  # hidden lines left out hide every table: say so, in words
            self.found.check(Mapping(include_hidden=include_hidden))
        table = self._table()
        on_sheet = [t for t in self.tables if t.sheet == table.sheet]
        mapping = Mapping(sheet=table.sheet, table=on_sheet.index(table) + 1,
                          include_hidden=include_hidden)
        mapping.dimension = self.dimension.text().strip() or None
        mapping.total = self.total.currentData()
        if self.base_year.value() != self.base_year.minimum():
            mapping.base_year = self.base_year.value()
        mapping.forecast = self.forecast.currentData()
        mapping.scenario = self.scenario.currentText() or None
        mapping.unit = self.unit.text().strip() or None
        mapping.scale = _number(self.scale.text(), "The scale")
        mapping.measure = self.measure.currentData()
        if mapping.measure == "value":  # a volume is not money: no currency rate
            mapping.rate = _number(self.rate.text(), "The currency rate")
            mapping.rate_source = self.rate_source.text().strip()
        elif self.project.volume is None:
            mapping.volume_unit = self.volume_unit.text().strip() or None
        for i, row in enumerate(table.rows):
            label = row.label
            taken = self.rows.item(i, 2).checkState() == Qt.CheckState.Checked
            if not taken:
                mapping.skip.append(label)
            name = self.rows.item(i, 1).text().strip()
            editable = self.rows.item(i, 1).flags() & Qt.ItemFlag.ItemIsEditable
            if editable and name and (name != label or (taken and row.set_aside)):
                mapping.members[label] = name
        return mapping

    def replan(self) -> None:
        """Plan the import with the choices on screen; show its summary and preview."""
        self._timer.stop()
        new = self.into_new.isChecked()
        volume = self.measure.currentData() == "volume"
        self.base_year.setEnabled(new)
        self.scenario.setEnabled(not new)
        self.volume_unit.setEnabled(volume and self.project.volume is None)
        for money in (self.rate, self.rate_source):  # a volume is not money
            money.setEnabled(not volume)
        try:
            mapping = self.mapping()
            made = plan(self.path, mapping, None if new else self.project, self.tables)
            document = made.preview()
        except ModelError as error:
            self.plan = None
            self.problem.setText(str(error))
            self.summary.setPlainText(f"{NOT_READY}\n\n{error}\n\n{NOT_READY_HINT}")
            self.preview.setRowCount(0)
        else:
            self.plan = made
            self.problem.setText("")
            self.summary.setPlainText("\n".join(made.summary))
            self._show_preview(made, document)
        self.import_button.setEnabled(self.plan is not None)
        self.planned.emit()

    def _show_preview(self, made: Plan, document) -> None:
        project = document.project
        scenario = project.scenarios[0].id
        if not made.new and self.scenario.currentIndex() >= 0:
            scenario = project.scenarios[self.scenario.currentIndex()].id
        measure = made.resolved.mapping.measure
        result = document.result(scenario, measure)
        self.preview_title.setText(
            f"Preview of the resulting {measure} ({unit_of(project, measure)})")
        series = _preview_series(made, project)
        years = list(project.metadata.years)
        self.preview.clear()
        self.preview.setColumnCount(len(years))
        self.preview.setRowCount(len(series))
        base = project.metadata.base_year
        self.preview.setHorizontalHeaderLabels([f"{y}{'F' if y > base else ''}" for y in years])
        self.preview.setVerticalHeaderLabels([name for _, name in series])
        for i, (series_id, _) in enumerate(series):
            for j, year in enumerate(years):
                value = result.value(series_id, year)
                item = QTableWidgetItem(locale_numbers.amount(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.preview.setItem(i, j, item)
        self.preview.resizeColumnsToContents()


def _hidden_text(count: int) -> str:
    if not count:
        return "include (none in this file)"
    return f"include ({count:,} hidden in this file)"


def _preview_series(made: Plan, project: Project) -> list[tuple[str, str]]:
    """The total and the segments the import touches, by their names in the result."""
    names = {b.name for b in made.resolved.blocks}
    series = [("total", "Total market")]
    for dim in project.dimensions:
        if dim.name in names:
            series += [(m.id, f"{dim.name}: {m.name}") for m in dim.members]
    return series[:PREVIEW_ROWS]


def _number(text: str, what: str) -> float | None:
    """A typed scale or rate, read in the user's locale like every number of the app."""
    try:
        reading = locale_numbers.read_number(text)
    except ValueError:
        raise ModelError(f"{what} must be a number; got {text.strip()!r}.") from None
    return None if reading is None else reading.value


def _wrap(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


def _connect(widget: QWidget, slot) -> None:
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(slot)


TABLE_FILTER = "Spreadsheets and CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)"


class TableImportController(QObject):
    """Opens the wizard on a file read off the GUI thread, and applies what it planned."""

    def __init__(self, bridge: DocumentBridge, files, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.bridge, self.files, self.window = bridge, files, window
        self.wizard: ImportTableDialog | None = None

    def import_dialog(self) -> ImportTableDialog | None:
        path = dialogs.ask_open_path(self.window, "Import table", TABLE_FILTER)
        return self.open_wizard(path) if path else None

    def open_wizard(self, path: str | Path) -> ImportTableDialog | None:
        """Read and detect the file's tables with progress; then show the wizard (modal)."""
        path = Path(path)
        outcome = run_in_background(
            self.window, f"Reading {path.name}…", lambda _ticket: _detected(path)
        )
        if outcome.error:
            dialogs.show_error(self.window, outcome.error)
        if not outcome.ok:
            return None
        project = self.bridge.document.project
        found, include_hidden = outcome.value
        self.wizard = ImportTableDialog(found, project, self.window, include_hidden)
        self.wizard.accepted.connect(self._apply)
        self.wizard.open()
        return self.wizard

    def _apply(self) -> None:
        made = self.wizard.plan if self.wizard is not None else None
        if made is None:
            return
        if not made.new:
            self.bridge.execute(made.command)
            return
        if not self.files.maybe_save():
            return
        document = Document(made.result())
        document.mark_unsaved()
        self.files.adopt(document, None)


def _detected(path: Path) -> tuple[Detection, bool]:
    """The file's tables, and whether hidden lines must be included to find any (a header
    row the author hid); a file with no table at all is refused in words."""
    found = Detection(path)
    if found.hidden and not found.tables(False) and found.tables(True):
        return found, True
    found.check(Mapping())
    return found, False
