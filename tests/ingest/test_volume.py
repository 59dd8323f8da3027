"""A foreign table imported as the volume: paid subscriptions by region, from a CSV.

The source is in thousands of subscriptions; the project's volume is in million
subscriptions, so every number is × 0.001 and cited to its cell like a value import.
"""

from __future__ import annotations

import pytest

from workbench.cli import main
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.measures import VOLUME
from workbench.core.sample import sample_project
from workbench.ingest import IngestError, Mapping, plan
from workbench.store import save_project

SUBSCRIPTIONS = """Paid micro-drama subscriptions by region (thousands)
Region,2022,2023,2024,2025F
North America,1200,1800,2600,3400
Europe,300,450,700,950
Asia Pacific,9000,12000,15000,18500
Rest of the World,500,800,1200,1600
Total,11000,15050,19500,24450
"""


@pytest.fixture
def subscriptions(tmp_path):
    path = tmp_path / "subs.csv"
    path.write_text(SUBSCRIPTIONS, "utf-8")
    return path


def _volume(**choices) -> Mapping:
    return Mapping(measure="volume", **choices)


def test_a_table_becomes_the_volume_cited_and_scaled_in_one_undoable_step(subscriptions):
    document = Document(sample_project(volume=False))
    before = dump_json(document)
    value_history = dict(document.project.history)
    made = plan(subscriptions, _volume(volume_unit="million subscriptions"), document.project)
    document.execute(made.command)
    p = document.project
    assert p.volume is not None and p.volume.unit == "million subscriptions"
    assert p.volume.history[("north-america", 2024)] == pytest.approx(2.6)
    assert p.volume.history[("asia-pacific", 2022)] == pytest.approx(9.0)
    assert p.volume.history[("total", 2023)] == pytest.approx(15.05)
    assert p.volume.pins[("base", "europe", 2025)] == pytest.approx(0.95)
    source = made.command.commands[0].entity
    assert source.publisher == "subs.csv"
    assert p.volume.history_sources[("europe", 2023)] == source.id
    assert p.volume.notes[("", "europe", 2023)] == (
        "Imported from subs.csv, subs!C4; × 0.001 for the unit."
    )
    assert p.volume.notes[("base", "europe", 2025)] == (
        "Imported from subs.csv, subs!E4; × 0.001 for the unit."
    )
    assert p.history == value_history  # the value is untouched
    assert ("", "europe", 2023) not in p.notes
    assert document.result("base", VOLUME).value("europe", 2025) == pytest.approx(0.95)
    summary = "\n".join(made.summary)
    assert "The project gets a volume measure, in million subscriptions." in summary
    assert ("Unit: thousands in the source → million subscriptions (× 0.001)." in summary)
    assert "History of the volume (million subscriptions): 15 numbers (2022–2024)." in summary
    assert "Forecast of the volume (million subscriptions): 5 numbers as pins in Base." in summary
    document.undo()  # adding the volume and its numbers was one step
    assert dump_json(document) == before and document.project.volume is None


def test_into_an_existing_volume_the_units_convert_and_the_analysts_notes_stay(subscriptions):
    project = sample_project(volume=True)
    unit = project.volume.unit
    project.volume.notes[("", "europe", 2023)] = "Checked with the operator."
    document = Document(project)
    made = plan(subscriptions, _volume(forecast="ignore"), project)
    document.execute(made.command)
    volume = document.project.volume
    assert volume.unit == unit  # million paid subscriptions: thousands × 0.001
    assert volume.history[("europe", 2024)] == pytest.approx(0.7)
    assert volume.notes[("", "europe", 2023)] == (
        "Checked with the operator.\nImported from subs.csv, subs!C4; × 0.001 for the unit."
    )
    assert f"Into the volume ({unit})." in made.summary


def test_targets_back_solve_the_volume_onto_the_sources_numbers(tmp_path):
    path = tmp_path / "subs.csv"
    path.write_text(SUBSCRIPTIONS.replace("2025F", "2031F"), "utf-8")
    document = Document(sample_project(volume=False))
    made = plan(path, _volume(volume_unit="million subscriptions", forecast="targets"),
                document.project)
    document.execute(made.command)
    volume = document.result("base", VOLUME)
    assert volume.value("total", 2031) == pytest.approx(24.45, rel=1e-9)
    assert volume.value("asia-pacific", 2031) == pytest.approx(18.5, rel=1e-6)
    assert document.result("base").value("total", 2031) == pytest.approx(
        Document(sample_project(volume=False)).result("base").value("total", 2031), rel=1e-15
    )  # the value's forecast is the sample's


@pytest.mark.parametrize(
    "mapping, new, words",
    [
        (_volume(), False, "the project has no volume yet; name the volume's unit"),
        (_volume(volume_unit="million subscriptions"), True,
         "a new project is made from a table of values, and this table is a volume; import "
         "the value first"),
        (_volume(volume_unit="m", rate=0.14), False, "A volume is not money"),
        (_volume(volume_unit="m", mode="bottom_up"), False,
         "for value and volume alike; change its mode in the project"),
        (Mapping(measure="price"), False, "A table can become the value or the volume"),
        (_volume(unit="USD millions", volume_unit="m"), False,
         "the table is in USD, money rather than a volume"),
    ],
)
def test_bad_volume_choices_are_one_sentence_and_change_nothing(
    subscriptions, mapping, new, words
):
    project = sample_project(volume=False)
    before = project.copy()
    with pytest.raises(IngestError, match=words.replace("(", r"\(")):
        plan(subscriptions, mapping, None if new else project)
    assert project == before


def test_a_volume_in_another_unit_than_the_projects_is_refused(subscriptions):
    project = sample_project(volume=True)
    with pytest.raises(IngestError, match="the project's volume is in million paid subscr"):
        plan(subscriptions, _volume(volume_unit="thousand hours"), project)


def test_bottom_up_takes_the_volume_by_the_primary_dimension_only(subscriptions):
    from workbench.core.commands import SetMode

    document = Document(sample_project(volume=True))
    document.execute(SetMode("bottom_up", "technology"))
    with pytest.raises(IngestError, match="bottom-up from Technology, so the volume's total"):
        plan(subscriptions, _volume(), document.project)


def test_the_command_line_imports_the_volume_and_previews_it(subscriptions, tmp_path, capsys):
    target = tmp_path / "s.mwp"
    save_project(Document(sample_project(volume=False)), target)
    capsys.readouterr()
    args = ["import-table", str(subscriptions), str(target), "--measure", "volume",
            "--volume-unit", "million subscriptions"]  # fmt: skip
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "History of the volume (million subscriptions): 15 numbers" in out
    assert "million subscriptions" in out.split("Preview:")[1]
    assert "Dry run: nothing was changed." in out
    assert main(args) == 0
    capsys.readouterr()
    assert main(["dump", str(target)]) == 0
    dumped = capsys.readouterr().out
    assert '"million subscriptions"' in dumped


def test_the_command_line_refuses_a_volume_without_a_unit_in_one_line(
    subscriptions, tmp_path, capsys
):
    target = tmp_path / "s.mwp"
    save_project(Document(sample_project(volume=False)), target)
    saved = target.read_bytes()
    capsys.readouterr()
    code = main(["import-table", str(subscriptions), str(target), "--measure", "volume"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "name the volume's unit" in err
    assert target.read_bytes() == saved


def test_a_saved_mapping_repeats_a_volume_import(subscriptions, tmp_path):
    mapping = tmp_path / "m.json"
    _volume(volume_unit="million subscriptions").save(mapping)
    loaded = Mapping.load(mapping)
    assert (loaded.measure, loaded.volume_unit) == ("volume", "million subscriptions")
    Mapping().save(tmp_path / "plain.json")  # a value mapping does not say "value"
    assert "measure" not in (tmp_path / "plain.json").read_text()


@pytest.mark.parametrize("dry_run", [False, True])
def test_the_command_line_refuses_a_new_project_from_a_volume_and_writes_nothing(
    subscriptions, tmp_path, capsys, dry_run
):
    target = tmp_path / "new.mwp"
    args = ["import-table", str(subscriptions), str(target), "--measure", "volume",
            "--volume-unit", "million subscriptions"]  # fmt: skip
    assert main([*args, *(["--dry-run"] if dry_run else [])]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "workbench: subs.csv: a new project is made from a table of values, and this table "
        "is a volume; import the value first and then this table into that project, or "
        "import this table into an existing project.\n"
    )
    assert captured.out == "" and list(tmp_path.iterdir()) == [subscriptions]
