"""The command line's sentences for files it cannot read or write: each names the file
the analyst gave (never a hidden temporary) and what is wrong, in one line, exit 2, with
no traceback, not even one printed at exit."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.core.sample import sample_document
from workbench.excel import export_workbook

FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from workbench.cli import main

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))
    sys.exit(main(sys.argv[1:]))
    """
)


def failing(capsys, *args: str) -> str:
    assert main(list(args)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and "Traceback" not in err
    return err


def test_export_that_cannot_be_written_says_so_once_and_leaves_nothing(tmp_path):
    """Item 13: the right sentence used to be followed by a ZipFile.__del__ traceback.
    The child's files may not grow past 20 kB (the sample workbook is ~85 kB), which
    fails its writes as a full disk would."""
    out = tmp_path / "OUT.xlsx"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, "export", "sample", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"workbench: Cannot write {out}: file too large.\n"
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_named_as_such(tmp_path, monkeypatch, capsys):
    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("workbench.excel.export.os.fsync", no_space)
    err = failing(capsys, "export", "sample", str(tmp_path / "OUT.xlsx"))
    assert err == f"workbench: Cannot write {tmp_path / 'OUT.xlsx'}: the disk is full.\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_exported_workbooks_honour_the_umask(tmp_path, umask):
    """Item 13: exports were always 0600 (a temporary from mkstemp, renamed)."""
    old = os.umask(umask)
    try:
        export_workbook(sample_document(), tmp_path / "book.xlsx")
    finally:
        os.umask(old)
    assert (tmp_path / "book.xlsx").stat().st_mode & 0o777 == 0o666 & ~umask


def _denied_in(folder: Path, monkeypatch) -> None:
    """Creating a file in `folder` fails as in a read-only folder. (The tests may run as
    root, whom permission bits do not stop, so the refusal itself is staged.)"""
    real = os.open

    def guarded(path, flags, *args, **kwargs):
        if Path(path).parent == folder and flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


def test_export_into_a_read_only_folder_names_the_workbook(tmp_path, monkeypatch, capsys):
    """Item 14: the message named the hidden temporary instead of OUT.xlsx."""
    _denied_in(tmp_path, monkeypatch)
    err = failing(capsys, "export", "sample", str(tmp_path / "OUT.xlsx"))
    assert err == f"workbench: Cannot write {tmp_path / 'OUT.xlsx'}: permission denied.\n"


def test_saving_into_an_unwritable_folder_is_permission_denied(tmp_path, monkeypatch, capsys):
    """Item 14: it said "unable to open database file"."""
    _denied_in(tmp_path, monkeypatch)
    err = failing(capsys, "new-sample", str(tmp_path / "x.mwp"))
    assert err == f"workbench: Cannot save {tmp_path / 'x.mwp'}: permission denied.\n"


def test_an_empty_file_name_is_called_that(capsys):
    """Item 14: `dump ""` said " is a folder, not a file"."""
    assert failing(capsys, "dump", "") == "workbench: The file name is empty; name a file.\n"


def test_an_unknown_command_is_called_that(capsys):
    """Item 14: it said "unrecognized arguments"."""
    err = failing(capsys, "frobnicate", "model.mwp")
    assert err.startswith("workbench: 'frobnicate' is not a command; the commands are new-sample")
