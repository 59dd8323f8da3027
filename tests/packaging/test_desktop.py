"""The bundle installed for a user: menu entry, icon, the .mwp type, and opening a file.

`install-desktop.sh` runs with HOME and the XDG folders in a temporary folder; then, under
Xvfb, `gio open` and `xdg-open` on a `.mwp` file must start the installed app with that
file, which the app confirms through its start-up report before it quits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from workbench.gui.icon import APP_ID, ICON_SIZES
from workbench.gui.startup_report import VARIABLE

pytestmark = pytest.mark.slow

MIME_TYPE = "application/x-market-workbench"
TOOLS = ("Xvfb", "gio", "xdg-open", "xdg-mime", "update-mime-database", "update-desktop-database",
         "desktop-file-validate")  # fmt: skip


@pytest.fixture(scope="module", autouse=True)
def desktop_tools():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} missing: run packaging/system-deps.sh")


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A user with nothing installed: HOME and the XDG folders in a temporary folder."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_DIRS": "/usr/local/share:/usr/share",
        "LANG": "C.UTF-8",
        **extra,
    }


def install(bundle: Path, home: Path, *argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(bundle / "install-desktop.sh"), *argv],
        capture_output=True, text=True, env=user_env(home), timeout=300,
    )  # fmt: skip


@pytest.fixture(scope="module")
def home(bundle, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("desktop") / "home"
    home.mkdir()
    done = install(bundle, home)
    assert done.returncode == 0, done.stderr
    return home


@pytest.fixture(scope="module")
def project(bundle, home) -> Path:
    path = home / "Documents" / "micro drama.mwp"
    path.parent.mkdir()
    done = subprocess.run([str(bundle / "workbench"), "new-sample", str(path)], timeout=120)
    assert done.returncode == 0
    return path


@pytest.fixture
def display(tmp_path):
    """A fresh Xvfb screen; -displayfd writes the free display number it took to a file."""
    number_file = tmp_path / "display"
    with number_file.open("w") as out:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(out.fileno()), "-screen", "0", "1280x800x24",
             "-nolisten", "tcp"],
            pass_fds=(out.fileno(),), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while not number_file.read_text().endswith("\n"):
        assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    yield ":" + number_file.read_text().strip()
    server.terminate()
    server.wait(timeout=30)


def query(home: Path, *argv: str) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, env=user_env(home), timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_install_puts_the_entry_icon_and_file_type_in_the_xdg_folders(home):
    data = home / ".local" / "share"
    app = data / APP_ID / "workbench"
    entry = data / "applications" / f"{APP_ID}.desktop"
    lines = entry.read_text(encoding="utf-8").splitlines()
    assert f'Exec="{app}" %f' in lines
    assert f"MimeType={MIME_TYPE};" in lines and f"Icon={APP_ID}" in lines
    query(home, "desktop-file-validate", str(entry))
    for size in ICON_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    assert (data / "mime" / "mime.cache").is_file()  # update-mime-database ran
    assert (home / ".local" / "bin" / "workbench").resolve() == app
    assert query(home, "xdg-mime", "query", "default", MIME_TYPE) == f"{APP_ID}.desktop"


def test_mwp_files_are_recognised_by_name_and_by_content(home, project):
    content_type = ("gio", "info", "-a", "standard::content-type")
    assert query(home, *content_type, str(project)).endswith(MIME_TYPE)
    renamed = project.with_name("no extension")
    shutil.copy(project, renamed)
    assert query(home, *content_type, str(renamed)).endswith(MIME_TYPE)  # the MWBP magic


@pytest.mark.parametrize(
    "launcher, desktop",
    [(("gio", "open"), ""), (("xdg-open",), "GNOME")],
    ids=["gio-open", "xdg-open"],
)
def test_opening_a_mwp_file_starts_the_installed_app_on_it(
    home, project, display, tmp_path, launcher, desktop
):
    report = tmp_path / "report.json"
    env = user_env(home, DISPLAY=display, XDG_CURRENT_DESKTOP=desktop, **{VARIABLE: str(report)})
    done = subprocess.run(
        [*launcher, str(project)], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    shown = wait_for_report(report, timeout=120)
    app = home / ".local" / "share" / APP_ID / "workbench"
    assert shown["argument"] == shown["opened"] == str(project)
    assert shown["title"] == "micro drama.mwp[*] — Market Workbench"
    assert Path(shown["executable"]) == app
    wait_until_gone(app, timeout=60)  # it closed by itself, as the report asks


def test_uninstall_removes_everything_it_installed(bundle, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    assert install(bundle, home).returncode == 0
    done = install(bundle, home, "--uninstall")
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share"
    assert not (data / APP_ID).exists()
    assert not (data / "applications" / f"{APP_ID}.desktop").exists()
    assert not (data / "mime" / "packages" / f"{APP_ID}.xml").exists()
    assert not list((data / "icons").rglob(f"{APP_ID}.*"))
    assert not (home / ".local" / "bin" / "workbench").is_symlink()
    assert MIME_TYPE not in (home / ".config" / "mimeapps.list").read_text(encoding="utf-8")


def wait_for_report(path: Path, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, "the app never reported that it opened the file"
        time.sleep(0.2)
    return json.loads(path.read_text(encoding="utf-8"))


def wait_until_gone(executable: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while running(executable):
        assert time.monotonic() < deadline, f"{executable} is still running"
        time.sleep(0.2)


def running(executable: Path) -> bool:
    for process in Path("/proc").iterdir():
        try:
            if process.name.isdigit() and Path(os.readlink(process / "exe")) == executable:
                return True
        except OSError:
            continue
    return False
