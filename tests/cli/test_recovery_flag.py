"""`--recover`: headless commands read autosaved work only when asked, and say it is there.

A crash leaves a recovery file newer than the project; `dump`, `show`, `check`, `export`
and `import` keep reading the saved project (with a one-line note) unless `--recover`
names the recovered work explicitly.
"""

import json
import os

from workbench.cli import main
from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.store import open_project, recovery_path, write_recovery


def _dumped_total_2024(out: str) -> float:
    return json.loads(out)["history"][TOTAL]["2024"]


def _crashed_project(tmp_path, capsys):
    path = tmp_path / "model.mwp"
    assert main(["new-sample", str(path)]) == 0
    capsys.readouterr()
    document = open_project(path)
    document.execute(SetHistory(TOTAL, 2024, 123.5))
    write_recovery(document, path)
    later = os.stat(path).st_mtime + 5
    os.utime(recovery_path(path), (later, later))
    return path


def test_without_the_flag_the_saved_project_is_read_and_the_recovery_is_mentioned(tmp_path, capsys):
    path = _crashed_project(tmp_path, capsys)
    assert main(["dump", str(path)]) == 0
    captured = capsys.readouterr()
    assert _dumped_total_2024(captured.out) != 123.5
    assert captured.err.count("\n") == 1 and "--recover" in captured.err


def test_with_the_flag_the_recovered_work_is_read(tmp_path, capsys):
    path = _crashed_project(tmp_path, capsys)
    before = path.read_bytes()
    assert main(["dump", str(path), "--recover"]) == 0
    captured = capsys.readouterr()
    assert _dumped_total_2024(captured.out) == 123.5
    assert captured.err == ""
    assert path.read_bytes() == before


def test_the_flag_without_a_recovery_file_is_a_one_line_error(tmp_path, capsys):
    path = tmp_path / "model.mwp"
    assert main(["new-sample", str(path)]) == 0
    capsys.readouterr()
    assert main(["check", str(path), "--recover"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no recovery file" in err and "Traceback" not in err
