"""The core type-checks clean: mypy over workbench/core (configured in pyproject.toml).

The change fields, the growth-method registry and the commands lean on their types
(a `Field` where a field is written, a `Growth` field a parameter names), so a wrong
type is a defect this test finds before a user does.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_issue_in_the_core(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy"), "workbench/core"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout
