"""What `show` and `check` print for very small and very large numbers: digits enough to
see a small segment, a compact form for a huge one, never a 300-digit string."""

from workbench.cli import main
from workbench.core.commands import SetHistory
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.store import save_project


def project_file(tmp_path, edits):
    document = sample_document()
    for command in edits(document.project):
        document.execute(command)
    path = tmp_path / "numbers.mwp"
    save_project(document, path)
    return path


def first_member(project):
    return project.dimensions[0].members[0].id


def test_a_small_history_value_shows_its_digits(tmp_path, capsys):
    def edits(p):
        return [SetHistory(first_member(p), p.metadata.first_year, 0.0042)]

    path = project_file(tmp_path, edits)
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "0.0042" in out  # two decimals would print 0.00


def test_a_huge_value_prints_compactly_in_show_and_check(tmp_path, capsys):
    def edits(p):
        return [SetHistory(TOTAL, p.metadata.base_year, 1e300),
                SetHistory(first_member(p), p.metadata.base_year, -3e299)]

    path = project_file(tmp_path, edits)
    assert main(["show", str(path)]) == 0
    shown = capsys.readouterr().out
    main(["check", str(path)])
    checked = capsys.readouterr().out
    assert "1.00e+300" in shown
    assert "-3e+299" in checked  # the negative history value, as the finding names it
    for line in (*shown.splitlines(), *checked.splitlines()):
        assert not any(len(word) > 40 for word in line.split()), line
