"""Test configuration shared by every suite.

Qt runs offscreen and hypothesis has a CI-sized profile; both are set here, by the tests
themselves, so that `pytest` needs nothing from the environment.
"""

import os
import shutil
import subprocess
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("default")


@pytest.fixture(scope="session")
def cluster():
    """A real PostgreSQL server for the session, in a temporary folder (tests/server).

    Skipped, with the reason, only where the PostgreSQL binaries are absent; CI installs
    them through packaging/system-deps.sh, so there these tests always run.
    """
    from tests.server.cluster import Cluster, missing_binaries

    reason = missing_binaries()
    if reason:
        pytest.skip(reason)
    from workbench.store.postgres import disconnect, list_projects

    server = Cluster().start()
    list_projects(server.url())  # the database's owner connects first: the schema is made
    yield server
    disconnect()
    server.stop()


RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="session")
def office(tmp_path_factory) -> tuple[str, Path]:
    """LibreOffice's soffice and a throwaway profile that recalculates every formula on
    load (OOXMLRecalcMode 0), shared by the converter and the editor of the tests."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("WORKBENCH_SKIP_LIBREOFFICE") == "1":
            pytest.skip("LibreOffice is not installed and WORKBENCH_SKIP_LIBREOFFICE=1")
        pytest.fail("LibreOffice (soffice) is needed for the recalculation tests; install it.")
    profile = tmp_path_factory.mktemp("lo-profile")
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    return soffice, profile


@pytest.fixture(scope="session")
def libreoffice(office):
    """convert(path, to="xlsx") -> path of the file LibreOffice opened (recalculating every
    formula) and saved as `to` ("xlsx", or "pdf" to print a workbook or a Word report).

    soffice exits 0 even when it could not load a file, so callers assert the output."""
    soffice, profile = office

    def convert(path: Path, to: str = "xlsx") -> Path:
        out = path.parent / "libreoffice"
        out.mkdir(exist_ok=True)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(out),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return out / f"{path.stem}.{to}"

    return convert
