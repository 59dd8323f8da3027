"""PyInstaller's entry script: the desktop app on an optional project path."""

import sys

from workbench.gui.app import run

sys.exit(run(sys.argv[1] if len(sys.argv) > 1 else None))
