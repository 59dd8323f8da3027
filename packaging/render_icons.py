"""Render the app icon's PNG sizes from its SVG source (run after editing the SVG).

    python packaging/render_icons.py

The PNGs sit beside `workbench/gui/icons/market-workbench.svg` and are committed: the
window icon and the desktop icon theme use them, so neither needs Qt's SVG plugin.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "workbench" / "gui" / "icons"


def render(svg: Path, size: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(out)):
        raise OSError(f"could not write {out}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from workbench.gui.icon import ICON_SIZES, SVG_NAME, png_name

    _app = QGuiApplication.instance() or QGuiApplication([])
    for size in ICON_SIZES:
        render(ICONS / SVG_NAME, size, ICONS / png_name(size))
        print(ICONS / png_name(size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
