"""What the desktop bundle leaves out, and the pruning `workbench.spec` applies.

PyInstaller follows every import it can see, including optional ones the app never makes
(pandas' cloud and plotting back ends, pyqtgraph's OpenGL view, other Qt bindings), and
the Qt hooks collect every plugin of a module with the libraries those plugins need (GTK
for a GTK theme, networking for a VNC screen). The lists below name what the app does not
use; `prune_binaries` then drops the shared libraries nothing kept still links to.
"""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import PurePosixPath

KEPT_QT = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtOpenGL", "QtOpenGLWidgets")
"""The Qt modules the app uses: pyqtgraph needs the two OpenGL ones to draw its plots (it
imports QtTest only when it is there)."""


def unused_qt_modules(built_modules: list[str]) -> list[str]:
    """Every other module of the PySide6 build (`PySide6._config.built_modules`)."""
    return [f"PySide6.Qt{name}" for name in built_modules if f"Qt{name}" not in KEPT_QT]


UNUSED_PYTHON = [
    # other Qt bindings pyqtgraph could pick
    "PyQt5", "PyQt6", "PySide2",
    # tests and development tools
    "pytest", "_pytest", "pytestqt", "hypothesis", "IPython", "jedi", "numpy.tests",
    "pandas.tests", "pandas._testing", "pyqtgraph.examples", "pyqtgraph.opengl",
    "pyqtgraph.jupyter", "tkinter", "_tkinter", "pydoc_data", "lib2to3", "setuptools",
    # optional back ends of pandas, numpy, openpyxl and pyqtgraph the app never calls
    "scipy", "pyarrow", "numba", "numexpr", "bottleneck", "tables", "h5py", "sqlalchemy",
    "fsspec", "botocore", "boto3", "s3fs", "yaml", "jinja2", "OpenGL", "cupy",
    # matplotlib draws the report's charts into files: no window, so no GUI back ends
    "matplotlib.backends.backend_qtagg", "matplotlib.backends.backend_qt",
    "matplotlib.backends.backend_tkagg", "matplotlib.backends.backend_gtk3agg",
    "matplotlib.backends.backend_wxagg", "matplotlib.backends.backend_webagg",
]  # fmt: skip

UNUSED_QT_PLUGINS = [
    # screens other than X11, Wayland and offscreen (embedded boards, VNC, Vulkan)
    "platforms/libqeglfs.so", "platforms/libqlinuxfb.so", "platforms/libqminimalegl.so",
    "platforms/libqvkkhrdisplay.so", "platforms/libqvnc.so", "egldeviceintegrations/*",
    "generic/*",
    # the GTK theme (it needs GTK, which it would pull in whole)
    "platformthemes/libqgtk3.so",
    # image formats the app neither reads nor writes
    "imageformats/libqtiff.so", "imageformats/libqwebp.so", "imageformats/libqicns.so",
    "imageformats/libqtga.so", "imageformats/libqwbmp.so",
]  # fmt: skip

QT_PLUGIN_FOLDER = "PySide6/Qt/plugins/"


def is_unused_plugin(destination: str) -> bool:
    path = PurePosixPath(destination).as_posix()
    if not path.startswith(QT_PLUGIN_FOLDER):
        return False
    inside = path.removeprefix(QT_PLUGIN_FOLDER)
    return any(fnmatch(inside, pattern) for pattern in UNUSED_QT_PLUGINS)


def _is_root(destination: str, typecode: str) -> bool:
    """Extension modules, Qt plugins and libpython: what the app loads by itself."""
    name = PurePosixPath(destination).name
    return (
        typecode == "EXTENSION"
        or destination.startswith(QT_PLUGIN_FOLDER)
        or name.startswith("libpython")
        or ".cpython-" in name
        or name.endswith(".abi3.so")
    )


def prune_binaries(binaries: list, linked_names) -> list:
    """`binaries` without the unused plugins and the libraries only they linked to.

    `linked_names(source_path)` gives the base names of every library a file loads,
    directly or not (PyInstaller's `ldd` wrapper in the spec).
    """
    kept = [entry for entry in binaries if not is_unused_plugin(entry[0])]
    needed: set[str] = set()
    for destination, source, typecode in kept:
        if _is_root(destination, typecode):
            needed.update(linked_names(source))
    return [
        (destination, source, typecode)
        for destination, source, typecode in kept
        if _is_root(destination, typecode) or PurePosixPath(destination).name in needed
    ]


def prune_symlinks(entries: list, binaries: list) -> list:
    """`entries` without the symbolic links to libraries `prune_binaries` dropped.

    PyInstaller links each Qt library into the bundle's top folder as well; a link whose
    library is gone would dangle.
    """
    kept = {destination for destination, _source, _typecode in binaries}
    return [
        (destination, target, typecode)
        for destination, target, typecode in entries
        if typecode != "SYMLINK" or target in kept
    ]
