"""The versions a running Market Workbench carries: the app, Python, Qt and PySide6.

`workbench --version` and Help → About show them, so a bug report says exactly what ran,
from a source install or from the desktop bundle (docs/packaging.md). Qt's version comes
from the Qt library PySide6 ships, through one C call (`qVersion`), because importing
`PySide6.QtCore` only to print a version would add a tenth of a second to `--version`;
when Qt is already loaded (the app) it is asked directly.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import importlib.util
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from workbench import __version__

PYSIDE_DISTRIBUTIONS = ("PySide6-Essentials", "PySide6")
"""The wheels that can provide PySide6: the app needs only the essential modules."""
QT_CORE_LIBRARIES = ("Qt/lib/libQt6Core.so.6", "Qt6Core.dll", "Qt/lib/QtCore.framework/QtCore")
"""Where PySide6's wheels keep the Qt core library, relative to the PySide6 package."""
UNKNOWN = "not found"


@dataclass(frozen=True)
class Versions:
    app: str
    python: str
    qt: str
    pyside: str
    bundle: bool
    """Running from the PyInstaller desktop bundle rather than a Python install."""

    def lines(self) -> list[str]:
        where = " (desktop bundle)" if self.bundle else ""
        return [
            f"workbench {self.app}{where}",
            f"Python {self.python}",
            f"Qt {self.qt}",
            f"PySide6 {self.pyside}",
        ]

    def as_dict(self) -> dict[str, str | bool]:
        return {
            "app": self.app,
            "python": self.python,
            "qt": self.qt,
            "pyside": self.pyside,
            "bundle": self.bundle,
        }


def running_versions() -> Versions:
    return Versions(
        app=__version__,
        python=platform.python_version(),
        qt=qt_version(),
        pyside=pyside_version(),
        bundle=is_bundle(),
    )


def is_bundle() -> bool:
    return bool(getattr(sys, "frozen", False))


def pyside_version() -> str:
    """From the installed wheel's metadata (the bundle carries it), without importing Qt."""
    for name in PYSIDE_DISTRIBUTIONS:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return UNKNOWN


def qt_version() -> str:
    """The version of the Qt libraries in use (PySide6 can run on a newer Qt patch)."""
    core = sys.modules.get("PySide6.QtCore")
    if core is not None:
        return core.qVersion()
    found = _qt_version_from_library()
    if found is not None:
        return found
    try:
        from PySide6.QtCore import qVersion
    except ImportError:
        return UNKNOWN
    return qVersion()


def _qt_version_from_library() -> str | None:
    for library in _qt_core_candidates():
        if not library.is_file():
            continue
        try:
            qt_core = ctypes.CDLL(str(library))
        except OSError:
            return None
        ask = qt_core.qVersion
        ask.restype = ctypes.c_char_p
        return ask().decode("ascii")
    return None


def _qt_core_candidates() -> list[Path]:
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return []
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    return [Path(folder) / name for folder in folders for name in QT_CORE_LIBRARIES]
