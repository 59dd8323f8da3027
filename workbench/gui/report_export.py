"""File → Export Report…: the report's options, a preview of its first pages, the export.

The dialog gathers `ReportOptions` (scenario or all, chapters, publisher, logo, the
template's cover text) and shows the first pages of the report as images before anything
is written. Both the preview and the export run off the GUI thread with progress and
cancel (`workers.run_in_background`) on a copy of the project, so the analyst can keep
the app responsive and a cancelled export leaves no file. Page images come from poppler's
`pdftoppm` (QtPdf is not part of the bundle).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.gui import dialogs
from workbench.gui.bridge import DocumentBridge
from workbench.gui.workers import Ticket, run_in_background
from workbench.report import (
    ALL_SCENARIOS,
    CHAPTERS,
    ReportOptions,
    Template,
    load_template,
    template_path,
    write_report,
)
from workbench.report.template import save_template

REPORT_FILTER = "PDF report (*.pdf);;Word report (*.docx)"
LOGO_FILTER = "Images (*.png *.jpg *.jpeg)"
PREVIEW_PAGES = 4
PREVIEW_DPI = 45


class ReportDialog(QDialog):
    def __init__(self, bridge: DocumentBridge, project_path: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Report")
        self.setObjectName("report-dialog")
        self.bridge, self.project_path = bridge, project_path
        self.template = self._stored_template()
        self.written: Path | None = None
        self.pages: list[QLabel] = []
        options = self._options_panel()
        self.preview_area = QScrollArea()
        self.preview_area.setWidgetResizable(True)
        self.preview_area.setMinimumSize(560, 420)
        self._show_preview_hint("Preview shows the first pages of the report as it will print.")
        body = QHBoxLayout()
        body.addLayout(options, 0)
        body.addWidget(self.preview_area, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.preview_button = buttons.addButton("Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.preview_button.clicked.connect(self.preview)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    # -- the options ------------------------------------------------------------------------

    def _options_panel(self) -> QVBoxLayout:
        project = self.bridge.document.project
        self.scenario = QComboBox()
        for s in project.scenarios:
            self.scenario.addItem(s.name, s.id)
        self.scenario.addItem("All scenarios (with a comparison chapter)", ALL_SCENARIOS)
        self.publisher = QLineEdit()
        self.subtitle = QLineEdit(self.template.subtitle)
        self.cover_note = QLineEdit(self.template.cover_note)
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("no logo")
        choose_logo = QPushButton("Choose…")
        choose_logo.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(choose_logo)
        form = QFormLayout()
        form.addRow("&Scenario", self.scenario)
        form.addRow("&Publisher", self.publisher)
        form.addRow("Su&btitle", self.subtitle)
        form.addRow("Cover &note", self.cover_note)
        logo_label = QLabel("&Logo")
        logo_label.setBuddy(self.logo)
        form.addRow(logo_label, logo_row)
        self.chapters = QListWidget()
        self.chapters.setObjectName("report-chapters")
        for entry in CHAPTERS:
            item = QListWidgetItem(_chapter_label(entry))
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.chapters.addItem(item)
        self.keep = QCheckBox("Keep the cover text beside the project (report template)")
        self.keep.setChecked(self.project_path is not None)
        self.keep.setEnabled(self.project_path is not None)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(QLabel("Chapters"))
        column.addWidget(self.chapters, 1)
        column.addWidget(self.keep)
        return column

    def _stored_template(self) -> Template:
        if self.project_path is None:
            return Template()
        try:
            return load_template(template_path(self.project_path))
        except ModelError as exc:
            dialogs.show_error(self, str(exc))
            return Template()

    def _choose_logo(self) -> None:
        path = dialogs.ask_open_path(self, "Logo for the cover", LOGO_FILTER)
        if path:
            self.logo.setText(path)

    def options(self) -> ReportOptions:
        off = frozenset(
            self.chapters.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.chapters.count())
            if self.chapters.item(i).checkState() != Qt.CheckState.Checked
        )
        template = replace(self.template, subtitle=self.subtitle.text(),
                           cover_note=self.cover_note.text())
        logo = Path(self.logo.text()) if self.logo.text().strip() else None
        return ReportOptions(self.scenario.currentData(), off, logo, self.publisher.text(),
                             template)

    # -- preview and export -----------------------------------------------------------------

    def preview(self) -> bool:
        """Write the report to a temporary PDF and show its first pages as images."""
        if shutil.which("pdftoppm") is None:
            self._show_preview_hint("The preview needs poppler's pdftoppm (poppler-utils); "
                                    "Export works without it.")
            return False
        options = self._checked_options()
        if options is None:
            return False
        project = self.bridge.document.project.copy()
        outcome = run_in_background(self, "Rendering the preview…",
                                    lambda ticket: _page_images(project, options, ticket))
        if outcome.error:
            self.status.setText(outcome.error)
            return False
        if outcome.ok:
            self._show_pages(outcome.value)
        return outcome.ok

    def export(self) -> bool:
        options = self._checked_options()
        if options is None:
            return False
        suggested = f"{self.bridge.document.project.metadata.title}.pdf"
        chosen = dialogs.ask_save_path(self, "Export report", REPORT_FILTER, suggested)
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() not in (".pdf", ".docx"):
            path = path.with_name(path.name + ".pdf")
        project = self.bridge.document.project.copy()
        outcome = run_in_background(
            self, f"Writing {path.name}…",
            lambda ticket: write_report(Document(project), path, options, ticket.report),
        )
        if outcome.error:
            dialogs.show_error(self, outcome.error)
        elif outcome.cancelled:
            self.status.setText("Cancelled: no report was written.")
        else:
            self.written = path
            self._keep_template(options.template)
            self.status.setText(f"Wrote {path}.")
        return outcome.ok

    def _checked_options(self) -> ReportOptions | None:
        options = self.options()
        if options.logo is not None and not options.logo.is_file():
            dialogs.show_error(self, f"There is no logo file {options.logo}.")
            return None
        return options

    def _keep_template(self, template: Template) -> None:
        if self.keep.isChecked() and self.project_path is not None and template != self.template:
            try:
                save_template(template, template_path(self.project_path))
                self.template = template
            except OSError as exc:
                dialogs.show_error(self, f"The report template could not be saved: "
                                         f"{exc.strerror or exc}.")

    def _show_preview_hint(self, text: str) -> None:
        hint = QLabel(text)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        self.pages = []
        self.preview_area.setWidget(hint)

    def _show_pages(self, images: list[bytes]) -> None:
        strip = QWidget()
        row = QHBoxLayout(strip)
        self.pages = []
        for data in images:
            pixmap = QPixmap()
            pixmap.loadFromData(data, "PNG")
            label = QLabel()
            label.setPixmap(pixmap)
            label.setStyleSheet("border: 1px solid #c8d0da; background: white;")
            row.addWidget(label)
            self.pages.append(label)
        row.addStretch(1)
        self.preview_area.setWidget(strip)
        self.status.setText(f"The first {len(images)} pages of the report.")


def _chapter_label(entry) -> str:
    if entry.expand is not None:
        return f"{entry.title} (one chapter each)"
    if entry.all_scenarios_only:
        return f"{entry.title} (with all scenarios)"
    return entry.title


def _page_images(project, options: ReportOptions, ticket: Ticket) -> list[bytes]:
    """The report's first pages as PNG images (runs on the worker thread)."""
    with tempfile.TemporaryDirectory(prefix="workbench-preview-") as folder:
        pdf = Path(folder) / "preview.pdf"
        write_report(Document(project), pdf, options, ticket.report)
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(PREVIEW_DPI), "-f", "1", "-l", str(PREVIEW_PAGES),
             str(pdf), str(Path(folder) / "page")],
            check=True, capture_output=True, timeout=120,
        )
        return [p.read_bytes() for p in sorted(Path(folder).glob("page-*.png"))]
