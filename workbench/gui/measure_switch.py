"""The measure switch in a market page's header: Value | Volume | Average price.

A segmented control (three exclusive buttons) bound to the window's `MeasureChoice`, so
every page's switch shows the same choice and a click on any of them switches all pages.
It is reachable by the keyboard as a radio group is: Alt+S (its label's mnemonic) or Tab
reach the checked button, the arrow keys move the choice (Qt's exclusive group clicks the
neighbour it moves the focus to). A project without a volume has one measure: the switch
hides.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QWidget

from workbench.core.fields import STRUCTURE
from workbench.core.measures import MEASURES, PRICE, measures_of, price_unit, unit_of
from workbench.core.transaction import Change
from workbench.gui.bridge import DocumentBridge

_STYLE = """
QToolButton { border: 1px solid #c4cdd8; background: #f7f8fa; color: #33414f;
              padding: 3px 9px; margin: 0; }
QToolButton:checked { background: #2e5a87; border-color: #2e5a87; color: white; }
QToolButton:focus { border-color: #1f6fd1; }
QToolButton#first { border-top-left-radius: 4px; border-bottom-left-radius: 4px; }
QToolButton#last { border-top-right-radius: 4px; border-bottom-right-radius: 4px; }
"""


class _Mnemonic(QLabel):
    """The switch's label: its mnemonic only moves the focus to the measure shown.

    A plain QLabel also *clicks* a button buddy, 100 ms later (an animated click): an arrow
    typed within that time (Alt+S, Right, as a quick typist does) chose the next measure
    and the late click then chose the buddy again, so the page stayed where it was.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and self.buddy() is not None:
            self.buddy().setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        return super().event(event)


class MeasureSwitch(QWidget):
    """One button per measure; `buttons[measure_id]` for tests and focus. Made with its
    page as parent (a switch without one would show as a window of its own)."""

    def __init__(self, bridge: DocumentBridge, parent: QWidget) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.choice = choice = bridge.measure
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.label = label = _Mnemonic("Mea&sure")
        label.setStyleSheet("color: #5a6b7d; margin-right: 6px;")
        row.addWidget(label)
        for i, m in enumerate(MEASURES):
            button = QToolButton()
            button.setText(m.label)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.setObjectName("first" if i == 0 else "last" if i == len(MEASURES) - 1 else "")
            button.setStyleSheet(_STYLE)
            self.group.addButton(button)
            self.buttons[m.id] = button
            row.addWidget(button)
            button.toggled.connect(lambda on, m=m.id: on and choice.pick(m))
        choice.chosen.connect(self.refresh)
        bridge.changed.connect(self._on_changed)
        bridge.document_replaced.connect(self.refresh)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.touches_any(STRUCTURE):  # the volume added, removed or renamed
            self.refresh()

    def refresh(self, *_args) -> None:
        """Show the choice for the project; hide when it has the value alone."""
        project = self.bridge.document.project
        shown = measures_of(project)
        self.setVisible(len(shown) > 1)
        for m in MEASURES:
            if m.id in shown:
                tip = f"{m.label}, {unit_of(project, m.id)}"
                if m.id == PRICE:
                    tip += f" = {price_unit(project).explanation}; derived, never typed"
                self.buttons[m.id].setToolTip(tip)
        button = self.buttons[self.choice.shown(project)]
        self.label.setBuddy(button)  # Alt+S goes to the measure shown
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)

