"""The detail panel under a list of drivers, challenges or trends: text, segments, sources.

The table above shows one line per entity; this panel edits what does not fit in a
cell: the full description (light markdown), the segments it concerns and its sources
(a source not yet in the project is made here, "New source…", and cited in one step).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from workbench.core.fields import Field
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge
from workbench.gui.qualitative.editing import cite_new_source, update_entity
from workbench.gui.qualitative.fields import MarkdownEditor
from workbench.gui.qualitative.pickers import SegmentPicker, SourcePicker
from workbench.gui.source_form import NEW_SOURCE


class LinkedDetail(QWidget):
    def __init__(self, bridge: DocumentBridge, collection: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.bridge, self.collection = bridge, collection
        self.entity_id: str | None = None
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: 600; font-size: 11pt;")
        self.text = MarkdownEditor("Why it matters, with evidence")
        self.text.committed.connect(lambda text: self._commit(text=text))
        self.segments = SegmentPicker()
        self.segments.committed.connect(lambda ids: self._commit(segments=ids))
        self.sources = SourcePicker()
        self.sources.committed.connect(lambda ids: self._commit(source_ids=ids))
        columns = QHBoxLayout()
        for label, widget, stretch in (("Description", self.text, 3),
                                       ("Segments", self.segments, 1),
                                       ("Sources", self.sources, 2)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{label}</b>"))
            box.addWidget(widget)
            columns.addLayout(box, stretch)
        self.new_source = QPushButton(NEW_SOURCE)
        self.new_source.setToolTip("Add a source to the project and cite it here")
        self.new_source.clicked.connect(self.add_source)
        box.addWidget(self.new_source)  # under the sources
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(columns)
        bridge.changed.connect(self._on_changed)
        self.show_entity(None)

    def entity(self):
        if self.entity_id is None:
            return None
        return self.bridge.document.project.entity(self.collection, self.entity_id)

    def show_entity(self, entity_id: str | None) -> None:
        self.entity_id = entity_id
        self.setEnabled(entity_id is not None)
        self.load()

    def load(self) -> None:
        entity = self.entity()
        project = self.bridge.document.project
        self.heading.setText(entity.title if entity else "Select a row to see its details")
        self.text.set_value(entity.text if entity else "")
        self.segments.load(project, entity.segments if entity else ())
        self.sources.load(project, entity.source_ids if entity else ())

    def _on_changed(self, change: Change) -> None:
        shown = (Field(self.collection), Field.DIMENSIONS, Field.SOURCES)
        if self.entity_id is None or not change.touches(*shown):
            return
        ids = {e.id for e in getattr(self.bridge.document.project, self.collection)}
        self.show_entity(self.entity_id if self.entity_id in ids else None)

    def add_source(self) -> bool:
        return cite_new_source(self, self.bridge, self.collection, self.entity_id)

    def _commit(self, **changes) -> None:
        if self.entity_id is not None and not update_entity(
            self.bridge, self.collection, self.entity_id, **changes
        ):
            self.load()
