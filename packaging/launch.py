"""The bundle's entry script: one executable for the command line and the desktop app.

`workbench` with no command (or a project path) opens the app, exactly as the `workbench`
script of a source install does; every other command runs headless. A workbook import
runs in a child process (`workbench.gui.workers.run_in_process`); in the bundle that
child starts this same executable, and `freeze_support` makes it run the job instead of
opening a second window.
"""

import multiprocessing
import os
import sys

from workbench.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    if not any(os.environ.get(name) for name in ("LC_ALL", "LC_CTYPE", "LANG")):
        # What the python program does for a bare environment (PEP 538) and Qt expects: UTF-8.
        os.environ["LC_CTYPE"] = "C.UTF-8"
    sys.exit(main())
