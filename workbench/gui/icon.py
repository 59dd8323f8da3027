"""The app's icon: an SVG source and the PNG sizes rendered from it, shipped in the package.

The window, the About dialog and the desktop's icon theme (`packaging/install-desktop.sh`)
all use the same PNGs; `packaging/render_icons.py` renders them after the SVG changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon, QPixmap

APP_ID = "market-workbench"
"""The app's name on the desktop: its icon in the XDG icon theme (and the stem of the icon
files) and its `.desktop` entry, as `packaging/install-desktop.sh` installs them."""
SVG_NAME = f"{APP_ID}.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICON_FOLDER = Path(__file__).resolve().parent / "icons"


def png_name(size: int) -> str:
    return f"{APP_ID}-{size}.png"


def app_icon() -> QIcon:
    """Every rendered size, so each place that shows the icon gets a crisp one."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(ICON_FOLDER / png_name(size)))
    return icon


def app_pixmap(size: int) -> QPixmap:
    return app_icon().pixmap(size, size)
