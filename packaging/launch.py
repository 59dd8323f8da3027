"""The bundle's entry script: one executable for the command line and the desktop app.

`workbench` with no command (or a project path) opens the app, exactly as the `workbench`
script of a source install does; every other command runs headless.
"""

import os
import sys

from workbench.cli import main

if not any(os.environ.get(name) for name in ("LC_ALL", "LC_CTYPE", "LANG")):
    # What the python program does for a bare environment (PEP 538) and Qt expects: UTF-8.
    os.environ["LC_CTYPE"] = "C.UTF-8"
sys.exit(main())
