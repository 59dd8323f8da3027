"""The desktop bundle, built once per test session by `packaging/build.sh`.

Building takes a minute or two, so every bundle test shares one build in the session's
temporary folder. `WORKBENCH_BUNDLE=dist/MarketWorkbench` reuses a bundle built earlier
(while working on these tests); CI always builds afresh.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.sh"
BUILT = re.compile(r"^Built (?P<path>.+/MarketWorkbench): (?P<mb>\d+) MB in \d+ files\.$", re.M)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    given = os.environ.get("WORKBENCH_BUNDLE")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHON": sys.executable, "WORKBENCH_BUILD_WORK": str(out / "work")}
    done = subprocess.run(
        ["bash", str(BUILD), str(out / "dist")],
        capture_output=True, text=True, env=env, timeout=1800,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    stated = BUILT.search(done.stdout)  # the build states the bundle's size
    assert stated is not None, done.stdout
    assert Path(stated["path"]) == out / "dist" / "MarketWorkbench"
    return Path(stated["path"])


@pytest.fixture
def bare_run(bundle, tmp_path):
    """Run the bundle under `env -i`: a fresh HOME, a PATH with no Python, nothing else."""
    home = tmp_path / "home"
    empty_bin = tmp_path / "bin"
    home.mkdir()
    empty_bin.mkdir()

    def run(*argv: str, **env: str) -> subprocess.CompletedProcess:
        variables = [f"{k}={v}" for k, v in {"HOME": home, "PATH": empty_bin, **env}.items()]
        return subprocess.run(
            ["/usr/bin/env", "-i", *variables, str(bundle / "workbench"), *argv],
            capture_output=True, text=True, timeout=180, cwd=tmp_path,
        )  # fmt: skip

    return run
