"""Importing into an existing project, the command line, and reusing a mapping."""

from __future__ import annotations

import json

import pytest
from openpyxl import Workbook

from tests.ingest import corpus
from workbench.cli import main
from workbench.core.document import Document
from workbench.core.sample import sample_project
from workbench.ingest import IngestError, Mapping, plan


def _book(path, rows):
    book = Workbook()
    book.active.title = "Regions"
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _regions(tmp_path):
    rows = [
        ["Micro drama revenue by region (USD million)"],
        ["Region", 2022, 2023, 2024],
        ["north america", 100, 200, 400],
        ["Europ", 50, 60, 70],
        ["Africa", 5, 6, 7],
    ]
    return _book(tmp_path / "regions.xlsx", rows)


def test_rows_match_the_existing_dimension_by_name_and_close_spelling(tmp_path):
    project = sample_project()
    made = plan(_regions(tmp_path), Mapping(), project)
    document = Document(project)
    document.execute(made.command)
    p = document.project
    region = p.dimension("region")
    assert [m.name for m in region.members][-1] == "Africa"
    assert p.history[("north-america", 2024)] == pytest.approx(0.4)  # USD million → billion
    assert p.history[("europe", 2022)] == pytest.approx(0.05)
    africa = region.members[-1].id
    assert p.history[(africa, 2023)] == pytest.approx(0.006)
    assert p.history_sources[("europe", 2023)] == made.command.commands[0].entity.id
    assert p.notes[("", "europe", 2023)] == (
        "Imported from regions.xlsx, Regions!C4; × 0.001 for the unit."
    )
    assert "'Europ' taken as Europe (a close spelling)." in made.summary
    assert any("Africa" in line and "new segments" in line for line in made.summary)
    document.undo()  # one undoable step
    assert document.project.history == sample_project().history


def test_cli_dry_run_prints_tables_summary_and_preview_and_changes_nothing(tmp_path, capsys):
    target = tmp_path / "s.mwp"
    assert main(["new-sample", str(target)]) == 0
    before = target.read_bytes()
    assert main(["import-table", str(_regions(tmp_path)), str(target), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Tables found:" in out and "Regions, table 1 at B2" in out
    assert "Unit: USD millions in the source → USD billions (× 0.001)." in out
    assert "Preview:" in out and "Africa" in out
    assert target.read_bytes() == before


def test_cli_creates_a_project_and_saves_a_mapping_that_repeats_the_import(tmp_path, capsys):
    source = corpus.blank_separated_groups(tmp_path)
    mapping = tmp_path / "m.json"
    first, second = tmp_path / "a.mwp", tmp_path / "b.mwp"
    args = ["--group", "By technology=Platform", "--title", "Micro dramas"]
    assert main(["import-table", str(source), str(first), *args,
                 "--save-mapping", str(mapping)]) == 0  # fmt: skip
    saved = json.loads(mapping.read_text())
    assert saved["groups"] == {"By technology": "Platform"} and saved["title"] == "Micro dramas"
    assert main(["import-table", str(source), str(second), "--mapping", str(mapping)]) == 0
    capsys.readouterr()
    assert main(["dump", str(first)]) == 0
    dump_a = json.loads(capsys.readouterr().out)
    assert main(["dump", str(second)]) == 0
    dump_b = json.loads(capsys.readouterr().out)
    assert dump_a["dimensions"] == dump_b["dimensions"]
    assert [d["name"] for d in dump_a["dimensions"]] == ["Region", "Platform"]


def test_a_currency_rate_converts_and_is_cited(tmp_path):
    rows = [["Revenue (CNY billion)"], ["Region", 2022, 2023, 2024], ["Europe", 7.1, 14.2, 21.3]]
    path = _book(tmp_path / "cny.xlsx", rows)
    mapping = Mapping(rate=1 / 7.1, rate_source="PBOC average 2024")
    document = Document(sample_project())
    document.execute(plan(path, mapping, document.project).command)
    assert document.project.history[("europe", 2023)] == pytest.approx(2.0)
    assert "converted at 0.140845 (PBOC average 2024)" in document.project.notes[
        ("", "europe", 2023)
    ]


def test_forecast_targets_set_each_cagr_so_the_projection_lands_on_them(tmp_path):
    rows = [["Region", "2023", "2024", "2025F", "2026F"], ["A", 1, 2, 3, 4.5], ["B", 1, 1, 1, 1]]
    made = plan(_book(tmp_path / "f.xlsx", rows), Mapping(forecast="targets"))
    document = made.preview()
    p = document.project
    assert not p.pins
    scenario = p.scenarios[0].id
    a = p.dimensions[0].members[0].id
    assert p.growth_of(scenario, a).rate == pytest.approx(0.5)  # (4.5 / 2) ** (1 / 2) - 1
    assert document.result(scenario).projected_value(a, 2026) == pytest.approx(4.5)


def test_the_summary_names_the_years_the_source_fills_not_the_projects(tmp_path):
    path = _book(tmp_path / "r.xlsx", [["Region", 2021, 2022, 2023], ["Asia", 1, 2, 3]])
    made = plan(path, Mapping(unit="USD billions"), sample_project())
    assert "History: 3 numbers (2021–2023)." in made.summary  # the sample's span is 2019–2024


def test_a_table_wholly_outside_the_projects_years_is_refused(tmp_path):
    # Nothing of 2008–2010 fits a 2019–2031 project: refuse, rather than add empty segments.
    path = _book(tmp_path / "old.xlsx", [["Region", 2008, 2009, 2010], ["Asia", 1, 2, 3]])
    expected = r"old\.xlsx, Regions!B1: the table's years \(2008–2010\) all lie outside"
    with pytest.raises(IngestError, match=expected):
        plan(path, Mapping(unit="USD billions"), sample_project())


def test_a_chosen_scale_is_told_apart_from_the_units_conversion(tmp_path):
    # "USD millions → USD billions (× 1,000)" read as if the units asked for it.
    made = plan(_regions(tmp_path), Mapping(scale=1000.0), sample_project())
    assert (
        "Unit: USD millions in the source → USD billions (× 1,000, as chosen; the units "
        "alone give × 0.001)." in made.summary
    )
    assert "Unit: USD millions in the source → USD billions (× 0.001)." in plan(
        _regions(tmp_path), Mapping(), sample_project()
    ).summary


def test_targets_are_back_solved_together_onto_the_shown_numbers(tmp_path):
    """Top-down: the total has its own CAGR; the segments' targets land on what shows."""
    rows = [
        ["Region", "2023", "2024", "2025F", "2026F"],
        ["A", 1, 2, 3, 5.0],
        ["B", 1, 1, 1, 3.0],
        ["Total", 2.1, 3.1, 4.1, 8.2],
    ]
    made = plan(_book(tmp_path / "t.xlsx", rows), Mapping(forecast="targets", mode="top_down"))
    document = made.preview()
    p = document.project
    scenario = p.scenarios[0].id
    result = document.result(scenario)
    a, b = (m.id for m in p.dimensions[0].members)
    assert result.value("total", 2026) == pytest.approx(8.2)
    # The segments' targets add up to 8.0, the total's to 8.2: no shown numbers can land
    # on all of them, so each CAGR lands on its target before reconciliation, and says so.
    assert result.projected_value(a, 2026) == pytest.approx(5.0)
    assert result.value(a, 2026) == pytest.approx(5.0 * 8.2 / 8.0)
    assert any("were not solved together" in line for line in made.summary)
    rows[3] = ["Total", 2.1, 3.1, 4.1, 8.0]  # now they agree: the shown numbers land
    made = plan(_book(tmp_path / "u.xlsx", rows), Mapping(forecast="targets", mode="top_down"))
    result = made.preview().result(scenario)
    assert result.value(a, 2026) == pytest.approx(5.0) and result.value(b, 2026) == (
        pytest.approx(3.0)
    )


def test_targets_for_some_segments_land_on_the_shown_numbers_of_an_existing_project(tmp_path):
    rows = [["Region", 2024, "2030F", "2031F"], ["North America", 1.2, 3.0, 3.5],
            ["Europe", 0.9, 2.0, 2.25]]
    path = _book(tmp_path / "targets.xlsx", rows)
    document = Document(sample_project())
    made = plan(path, Mapping(forecast="targets"), document.project)
    document.execute(made.command)
    result = document.result("base")
    assert result.value("north-america", 2031) == pytest.approx(3.5, rel=1e-9)
    assert result.value("europe", 2031) == pytest.approx(2.25, rel=1e-9)
    # the other regions absorb the rest: the dimension still adds up to the total
    total = result.value("total", 2031)
    regions = [m.id for m in document.project.dimension("region").members]
    assert sum(result.value(r, 2031) for r in regions) == pytest.approx(total, rel=1e-9)
