"""The command line through `main([...])`: output, exit status, and one-line errors.

Numbers printed by `show` are compared with the engine's own results for the sample, so a
table that drifted from the model would fail here.
"""

import csv
import io
import json
import subprocess
import sys
import types

import pytest

from workbench import __version__
from workbench.cli import main
from workbench.core.commands import SetHistory
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.project import TOTAL
from workbench.core.sample import sample_document
from workbench.store import open_project, save_project


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert err.count("\n") == 1 and err.startswith("workbench: ")
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err


@pytest.fixture(scope="module")
def sample() -> Document:
    return sample_document()


@pytest.fixture
def sample_file(tmp_path, capsys):
    path = tmp_path / "sample.mwp"
    assert main(["new-sample", str(path)]) == 0
    assert capsys.readouterr().out == f"Wrote the sample project to {path}.\n"
    return path


def test_help_lists_the_commands(capsys):
    code, out, _err = run(capsys, "--help")
    assert code == 0
    for command in ("new-sample", "show", "dump", "check", "export", "import"):
        assert command in out


# -- show -----------------------------------------------------------------------------------


def test_show_table_of_the_sample(capsys, sample):
    code, out, err = run(capsys, "show", "--sample")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Internet Micro Drama Market — Value, Base scenario (USD billions)"
    total_2031 = sample.result("base").value(TOTAL, 2031)
    header, total_line = lines[2], lines[3]
    assert header.split()[:6] == ["Total", "market", "(Value,", "USD", "billions)", "2019"]
    assert total_line.split()[14] == f"{total_2031:,.2f}"  # after "Total market" and 12 years
    assert any(line.startswith("Mini Program Short Drama share") for line in lines)
    assert any(line.startswith("Unreconciled: Σ projected − total") for line in lines)
    scale = next(line for line in lines if line.startswith("Scale of free segments"))
    # Technology's scale in 2025 and 2031, as the engine has it; history years are blank.
    factors = [sample.result("base").scale("technology", y) for y in (2025, 2031)]
    assert scale.split()[4] == f"×{factors[0]:.4f}"
    assert scale.split()[-1] == f"×{factors[1]:.4f}"
    assert "2025F" in out and "CAGR 2025–2031" in out and "CAGR 2019–2024" in out


def test_show_csv_carries_exact_values_shares_and_cagrs(capsys, sample):
    code, out, _err = run(capsys, "show", "sample", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    result = sample.result("base")
    by_key = {(r["table"], r["series"], r["measure"]): r for r in rows}
    mini = by_key[("technology", "mini-program", "value")]
    assert float(mini["2031"]) == result.value("mini-program", 2031)
    share = by_key[("technology", "mini-program", "share")]
    expected = result.value("mini-program", 2031) / result.value(TOTAL, 2031)
    assert float(share["2031"]) == pytest.approx(expected, rel=1e-15)
    total = by_key[("total", TOTAL, "value")]
    cagr = (result.value(TOTAL, 2031) / result.value(TOTAL, 2025)) ** (1 / 6) - 1
    assert float(total["cagr_2025_2031"]) == pytest.approx(cagr, rel=1e-12)
    gap = by_key[("technology", "", "gap")]
    assert float(gap["2027"]) == pytest.approx(result.gap("technology", 2027), abs=1e-15)
    scale = by_key[("technology", "", "scale")]
    assert float(scale["2027"]) == result.scale("technology", 2027)
    assert scale["2024"] == ""


def test_show_json_has_a_table_per_dimension_and_the_total(capsys, sample):
    code, out, _err = run(
        capsys, "show", "--sample", "--format", "json", "--scenario", "Optimistic"
    )
    assert code == 0
    data = json.loads(out)
    assert data["scenario"] == {"id": "optimistic", "name": "Optimistic"}
    names = [t["name"] for t in data["tables"]]
    assert names == ["Total market", "Technology", "Application", "Region"]
    result = sample.result("optimistic")
    region = data["tables"][3]
    assert region["rows"][0]["series"] == "north-america"
    assert region["rows"][0]["values"] == [
        result.value("north-america", y) for y in range(2019, 2032)
    ]
    assert data["cagr_periods"] == [[2019, 2024], [2025, 2031]]
    assert region["scale"][-1] == result.scale("region", 2031)


def test_show_finds_a_scenario_by_id_or_name_in_any_case(capsys):
    assert run(capsys, "show", "sample", "--scenario", "pessimistic")[1].startswith(
        "Internet Micro Drama Market — Value, Pessimistic scenario"
    )
    assert run(capsys, "show", "sample", "--scenario", "PESSIMISTIC")[0] == 0


def test_an_unknown_scenario_is_one_line_and_status_2(capsys):
    code, out, err = run(capsys, "show", "--sample", "--scenario", "Moonshot")
    assert (code, out) == (2, "")
    assert_one_line_error(err, "'Moonshot'", "Base, Optimistic, Pessimistic")


# -- dump and check ---------------------------------------------------------------------------


def test_dump_is_the_canonical_json(capsys, sample):
    code, out, _err = run(capsys, "dump", "--sample")
    assert code == 0
    assert out == dump_json(sample)
    assert run(capsys, "dump", "sample")[1] == out


def test_check_of_the_sample_passes(capsys):
    """Information lines, then the summary, then the summary of each measure."""
    code, out, err = run(capsys, "check", "--sample")
    assert (code, err) == (0, "")
    *notes, last, value, volume = out.splitlines()
    assert all(line.startswith("info: ") for line in notes)
    assert last == ("No problems found." if not notes else
                    f"No problems found ({len(notes)} information line{'s' * (len(notes) > 1)}).")
    on_volume = sum(line.startswith("info: Volume: ") for line in notes)
    assert value == f"Value: No problems found ({len(notes) - on_volume} information lines)."
    assert volume == f"Volume: No problems found ({on_volume} information lines)."


def test_check_reports_errors_with_status_1(capsys, tmp_path):
    document = sample_document()
    project = document.project
    project.history[("tiktok", 2022)] += 1.0  # Application 2022 no longer adds up
    del project.history[("europe", 2020)]  # a warning
    path = tmp_path / "broken.mwp"
    save_project(document, path)
    code, out, _err = run(capsys, "check", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("error: The 2022 history of Application adds up to ")
    assert lines[1] == "warning: Europe has no history for 2020."
    assert lines[-3].startswith("1 error, 1 warning")
    assert lines[-2].startswith("Value: 1 error, 1 warning")
    assert lines[-1].startswith("Volume: No problems found")


# -- files ------------------------------------------------------------------------------------


def test_new_sample_writes_a_project_that_shows_like_the_sample(capsys, sample_file):
    from_file = run(capsys, "show", str(sample_file), "--format", "csv")
    assert from_file == run(capsys, "show", "--sample", "--format", "csv")
    assert run(capsys, "dump", str(sample_file))[1] == run(capsys, "dump", "--sample")[1]


def test_new_sample_never_overwrites(capsys, sample_file):
    before = sample_file.read_bytes()
    code, _out, err = run(capsys, "new-sample", str(sample_file))
    assert code == 2
    assert_one_line_error(err, "already exists")
    assert sample_file.read_bytes() == before


@pytest.mark.parametrize("command", ["show", "dump", "check"])
def test_a_missing_project_file_is_one_line_and_status_2(capsys, tmp_path, command):
    code, _out, err = run(capsys, command, str(tmp_path / "nowhere.mwp"))
    assert code == 2
    assert_one_line_error(err, "There is no file", "nowhere.mwp")


def test_a_file_that_is_not_a_project_is_one_line_and_status_2(capsys, tmp_path):
    path = tmp_path / "notes.mwp"
    path.write_text("not a database\n" * 100)
    code, _out, err = run(capsys, "show", str(path))
    assert code == 2
    assert_one_line_error(err, "notes.mwp")


def test_export_then_import_into_a_new_project_gives_back_the_sample(capsys, tmp_path):
    workbook, target = tmp_path / "sample.xlsx", tmp_path / "copy.mwp"
    assert run(capsys, "export", "--sample", str(workbook)) == (0, f"Wrote {workbook}.\n", "")
    code, out, _err = run(capsys, "import", str(workbook), str(target), "--dry-run")
    assert (code, target.exists()) == (0, False)
    assert out.startswith(f"Would create {target} from sample.xlsx")
    code, out, _err = run(capsys, "import", str(workbook), str(target))
    assert code == 0 and out.startswith(f"Created {target}")
    assert run(capsys, "dump", str(target))[1] == run(capsys, "dump", "--sample")[1]


def test_import_prints_the_change_summary_and_applies_it_unless_dry_run(
    capsys, tmp_path, sample_file
):
    workbook = tmp_path / "sample.xlsx"
    assert main(["export", "--sample", str(workbook)]) == 0
    document = open_project(sample_file)
    document.execute(SetHistory("tiktok", 2022, 0.5))
    save_project(document, sample_file)
    before = sample_file.read_bytes()
    capsys.readouterr()
    code, out, _err = run(capsys, "import", str(workbook), str(sample_file), "--dry-run")
    [change, verdict] = out.splitlines()
    assert code == 0 and "TikTok" in change and "2022" in change
    assert verdict == "1 change (dry run: nothing was applied)."
    assert sample_file.read_bytes() == before
    code, out, _err = run(capsys, "import", str(workbook), str(sample_file))
    assert (code, out.splitlines()[-1]) == (0, f"Applied 1 change to {sample_file}.")
    assert run(capsys, "dump", str(sample_file))[1] == run(capsys, "dump", "--sample")[1]
    assert run(capsys, "import", str(workbook), str(sample_file))[1] == "No changes.\n"


def test_import_refuses_to_change_the_sample_and_a_file_that_is_not_a_workbook(capsys, tmp_path):
    workbook = tmp_path / "in.xlsx"
    workbook.write_text("not a zip")
    code, _out, err = run(capsys, "import", str(workbook), "--sample")
    assert code == 2
    assert_one_line_error(err, "cannot be changed")
    code, _out, err = run(capsys, "import", str(workbook), str(tmp_path / "p.mwp"))
    assert code == 2
    assert_one_line_error(err)
    assert not (tmp_path / "p.mwp").exists()


def test_export_refuses_a_target_that_is_not_an_xlsx_in_an_existing_folder(capsys, tmp_path):
    code, _out, err = run(capsys, "export", "--sample", str(tmp_path / "out.csv"))
    assert code == 2
    assert_one_line_error(err, "must end in .xlsx")
    code, _out, err = run(capsys, "export", "--sample", str(tmp_path / "no" / "out.xlsx"))
    assert code == 2
    assert_one_line_error(err, "There is no folder")


def test_import_of_a_missing_workbook_is_one_line_and_status_2(capsys, tmp_path):
    code, _out, err = run(capsys, "import", str(tmp_path / "in.xlsx"), str(tmp_path / "p.mwp"))
    assert code == 2
    assert_one_line_error(err, "There is no file")


# -- usage errors and failures ----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["show"], "Name a project file, or use --sample"),
        (["show", "--sample", "x.mwp"], "not both"),
        (["show", "--sample", "--format", "xml"], "invalid choice: 'xml'"),
        (["dump", "--sample", "--bogus"], "unrecognized arguments: --bogus"),
        (["new-sample"], "the following arguments are required: PATH"),
    ],
)
def test_usage_errors_are_one_line_and_status_2(capsys, argv, fragment):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert_one_line_error(err, fragment)


def test_an_unexpected_failure_is_one_line_and_status_3(capsys, monkeypatch):
    def broken(*_args):
        raise RuntimeError("engine on fire")

    monkeypatch.setattr("workbench.cli.show.market_tables", broken)
    code, _out, err = run(capsys, "show", "--sample")
    assert code == 3
    assert_one_line_error(err, "unexpected error (RuntimeError): engine on fire")


# -- opening the app --------------------------------------------------------------------------


@pytest.fixture
def fake_app(monkeypatch):
    """Stands in for `workbench.gui.app` so that no window opens; records what it was given."""
    opened: list = []
    module = types.ModuleType("workbench.gui.app")
    module.run = lambda path=None: opened.append(path) or 0
    monkeypatch.setitem(sys.modules, "workbench.gui.app", module)
    return opened


def test_no_command_opens_the_app_on_the_sample_or_a_file(capsys, fake_app, sample_file):
    assert main([]) == 0
    assert main(["--sample"]) == 0
    assert main(["sample"]) == 0
    assert main([str(sample_file)]) == 0
    assert fake_app == [None, None, None, str(sample_file)]


def test_opening_a_missing_file_does_not_start_the_app(capsys, fake_app, tmp_path):
    code, _out, err = run(capsys, str(tmp_path / "gone.mwp"))
    assert (code, fake_app) == (2, [])
    assert_one_line_error(err, "There is no file")


def test_python_dash_m_workbench_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == f"workbench {__version__}"
