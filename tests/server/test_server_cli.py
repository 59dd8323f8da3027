"""The command line takes a server address wherever it takes a PROJECT; push and pull."""

from __future__ import annotations

from tests.server.cluster import free_port
from workbench.cli import main
from workbench.core import commands as c
from workbench.store.postgres import history, open_server_project, save_to_server


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_push_then_pull_leaves_dump_identical(capsys, tmp_path, address):
    original, pulled = tmp_path / "original.mwp", tmp_path / "pulled.mwp"
    assert _run(capsys, "new-sample", str(original))[0] == 0
    status, out, _err = _run(capsys, "push", str(original), address)
    assert status == 0 and "as revision 1" in out
    status, out, _err = _run(capsys, "pull", address, str(pulled))
    assert status == 0 and "Pulled revision 1" in out
    dumps = [_run(capsys, "dump", where)[1] for where in (str(original), address, str(pulled))]
    assert dumps[0] == dumps[1] == dumps[2] and len(dumps[0]) > 10_000


def test_show_check_and_export_read_a_server_project(capsys, tmp_path, address):
    sample = tmp_path / "sample.mwp"
    _run(capsys, "new-sample", str(sample))
    _run(capsys, "push", str(sample), address)
    status, out, _err = _run(capsys, "show", address, "--format", "csv")
    assert status == 0 and out == _run(capsys, "show", str(sample), "--format", "csv")[1]
    assert _run(capsys, "check", address)[0] == _run(capsys, "check", str(sample))[0]
    assert _run(capsys, "export", address, str(tmp_path / "out.xlsx"))[0] == 0
    assert (tmp_path / "out.xlsx").stat().st_size > 0


def test_import_creates_and_then_updates_a_server_project(capsys, tmp_path, cluster):
    sample, workbook = tmp_path / "sample.mwp", tmp_path / "sample.xlsx"
    _run(capsys, "new-sample", str(sample))
    _run(capsys, "export", str(sample), str(workbook))
    address = cluster.url(project="imported from a workbook")
    status, out, err = _run(capsys, "import", str(workbook), address)
    assert status == 0 and out.startswith("Created"), err
    status, out, _err = _run(capsys, "import", str(workbook), address)
    assert status == 0 and "No changes." in out


def test_bad_addresses_and_servers_are_one_line_exit_2(capsys, tmp_path, cluster, address):
    sample = tmp_path / "sample.mwp"
    _run(capsys, "new-sample", str(sample))
    _run(capsys, "push", str(sample), address)
    cases = [
        (("push", str(sample), address), "already a project"),
        (("pull", cluster.url(project="nobody has this"), str(tmp_path / "x.mwp")),
         "There is no project"),
        (("push", str(sample), str(tmp_path / "not-a-server.mwp")), "is not a server address"),
        (("dump", cluster.url()), "names no project"),
        (("dump", f"postgresql://postgres@127.0.0.1:{free_port()}/workbench#p"),
         "Cannot reach the server"),
        (("dump", address, "--recover"), "offered by the app"),
    ]
    for argv, words in cases:
        status, out, err = _run(capsys, *argv)
        assert status == 2, (argv, out, err)
        assert words in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.mwp").exists()


def test_import_table_creates_then_updates_a_server_project(capsys, tmp_path, cluster):
    source = tmp_path / "regions.csv"
    source.write_text("Region,2022,2023,2024\nNorth America,100,200,400\nEurope,50,60,70\n")
    address = cluster.url(project="from a foreign table")
    status, out, err = _run(capsys, "import-table", str(source), address)
    assert status == 0 and "Created" in out, err
    created = _run(capsys, "dump", address)[1]
    assert '"North America"' in created
    status, out, err = _run(capsys, "import-table", str(source), address)
    assert status == 0 and "Applied the import" in out, err
    assert [r.revision for r in history(address)] == [2, 1]  # saved as the next revision


def test_history_and_restore_from_the_command_line(capsys, tmp_path, address):
    sample = tmp_path / "sample.mwp"
    _run(capsys, "new-sample", str(sample))
    _run(capsys, "push", str(sample), address)
    first = _run(capsys, "dump", address)[1]
    document = open_server_project(address)
    document.execute(c.SetHistory("total", 2024, 1.0))
    save_to_server(document)
    status, out, _err = _run(capsys, "history", address)
    lines = out.splitlines()
    assert status == 0 and len(lines) == 2
    assert lines[0].split()[0] == "2" and "postgres" in lines[0]
    assert "Changed history (1)" in lines[0]
    assert lines[1].split()[0] == "1" and "Pushed from sample.mwp" in lines[1]
    status, out, _err = _run(capsys, "restore", address, "1")
    assert status == 0 and "as revision 3" in out
    assert _run(capsys, "dump", address)[1] == first
    status, _out, err = _run(capsys, "restore", address, "7")
    assert status == 2 and "can restore revisions 1 to 2, not 7" in err
