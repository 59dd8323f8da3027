"""The volume in the workbook: its own sheets written and read by the value's code, the
average price's sheets computed live, and the import naming the measure of every line."""

from __future__ import annotations

import math
from dataclasses import replace

import openpyxl
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.excel.test_roundtrip import names, workbook_projects
from tests.excel.volumes import UNIT, dump_all, volume_dump, with_volume
from tests.strategies import with_volume as with_volume_drawn
from workbench.core.commands.measures import AddVolume, OnMeasure
from workbench.core.document import Document
from workbench.core.measures import PRICE, VALUE, VOLUME
from workbench.core.project import TOTAL, Project
from workbench.core.sample import sample_document
from workbench.excel import ExcelError, export_workbook, project_from_workbook, read_workbook
from workbench.excel.layout import block_rows
from workbench.numbers import amount

VALUE_ONLY_SHEETS = [
    "About", "Total market", "Technology", "Application", "Region", "Assumptions",
    "Cell notes", "Sources", "Companies", "Developments", "Drivers & Challenges", "Trends",
    "Five Forces", "Key Questions", "Assessments",
]


def said(plan) -> list[str]:
    """The plan's lines but the validation findings and the note that an openpyxl-saved
    workbook's values were not compared (other tests' business)."""
    return [
        line for line in plan.summary_lines() if not line.startswith(("Check", "Not compared"))
    ]


def col(document: Document, year: int) -> int:
    """The 1-based column of a year on the value, volume and price sheets."""
    return 3 + year - document.project.metadata.first_year


def test_a_value_only_workbook_has_no_volume_or_price_sheets(exported):
    book = openpyxl.load_workbook(exported(sample_document(volume=False)))
    assert book.sheetnames == VALUE_ONLY_SHEETS
    assert book["Total market"]["A1"].value == "Total market (USD billions)"
    assert book["Technology"]["B4"].value == "Base"
    assert book["Assumptions"]["A1"].value == "Forecast assumptions"


def test_two_measures_have_a_sheet_set_each_and_price_sheets(exported):
    book = openpyxl.load_workbook(exported(with_volume()))
    names = book.sheetnames
    volume = ["Total market (volume)", "Technology (volume)", "Application (volume)",
              "Region (volume)"]
    price = ["Total market (price)", "Technology (price)", "Application (price)",
             "Region (price)"]
    assert names[:13] == ["About", "Total market", "Technology", "Application", "Region",
                          *volume, *price]
    assert names[13:17] == ["Assumptions", "Assumptions (volume)", "Cell notes",
                            "Cell notes (volume)"]
    assert book["Technology"]["A1"].value == "Technology · Value (USD billions)"
    assert book["Technology (volume)"]["A1"].value == f"Technology · Volume ({UNIT})"
    assert book["Technology (volume)"]["B4"].value == f"Base · Volume ({UNIT})"
    assert book["Region (price)"]["A1"].value == "Region · Average price (USD per subscription)"
    assert book["Assumptions (volume)"]["A1"].value == f"Forecast assumptions · Volume ({UNIT})"
    assert book["Assumptions (volume)"]["G3"].value == f"K (saturation, {UNIT})"
    assert book["Total market (volume)"]["C3"].value == UNIT
    assert book["Total market (price)"]["B3"].value == "Factor (value ÷ volume × 1,000)"
    assert book["Total market (price)"]["C3"].value == 1000


def test_about_lists_every_sheet_and_says_the_price_is_computed(exported):
    path = exported(with_volume())
    about = openpyxl.load_workbook(path)["About"]
    texts = [c.value for row in about.iter_rows() for c in row if isinstance(c.value, str)]
    listed = set(texts)
    for name in openpyxl.load_workbook(path).sheetnames:
        assert name in listed, name
    assert any("(price) are computed (value ÷ volume × 1,000) and never typed" in t for t in texts)
    assert "The total's average price, computed (value ÷ volume × 1,000), never typed" in texts


def test_two_measures_round_trip_exactly(exported):
    document = with_volume()
    path = exported(document)
    back = Document(project_from_workbook(path))
    assert back.project.volume.unit == UNIT
    assert dump_all(back) == dump_all(document)
    for part in ("history", "history_sources", "pins", "holds", "pin_marks", "notes"):
        assert getattr(back.project.volume, part) == getattr(document.project.volume, part)
    plan = read_workbook(path, document)
    assert plan.is_empty and plan.summary_lines() == []


def test_the_stored_volume_and_price_are_the_engine_values(exported):
    document = with_volume()
    stored = openpyxl.load_workbook(exported(document), data_only=True)
    formulas = openpyxl.load_workbook(exported(document, "f.xlsx"))
    volume, price = stored["Application (volume)"], stored["Application (price)"]
    p = document.project
    checked = blanks = 0
    for block, scenario in enumerate(p.scenarios):
        volumes, prices = document.result(scenario.id, VOLUME), document.result(scenario.id, PRICE)
        header = 4 + block * block_rows(4, True)  # the rows of a block of four segments
        price_header = 4 + block * (1 + 5 + 1)
        for i, member in enumerate(p.dimension("application").member_ids()):
            vrow, prow = header + 2 + i, price_header + 2 + i
            assert price.cell(prow, 1).value == member
            for year in p.metadata.years:
                assert volume.cell(vrow, col(document, year)).value == volumes.value(member, year)
                shown = price.cell(prow, col(document, year)).value
                formula = formulas["Application (price)"].cell(prow, col(document, year))
                assert formula.data_type == "f"
                expected = prices.value(member, year)
                if math.isnan(expected):
                    assert shown in ("", None) and volumes.value(member, year) == 0
                    blanks += 1
                else:
                    assert shown == pytest.approx(expected, rel=1e-12)
                    assert expected == pytest.approx(
                        1000 * document.result(scenario.id).value(member, year)
                        / volumes.value(member, year), rel=1e-12)
                    checked += 1
    assert checked > 50 and blanks == 3 * len(p.metadata.years)  # "others" has no volume


def test_a_volume_edit_comes_back_as_a_volume_edit_naming_its_measure(exported, xl, tmp_path):
    document = with_volume()
    path = exported(document)
    year = 2022

    def change(book):
        ws = book["Application (volume)"]
        ws.cell(xl.row_of(ws, "tiktok"), col(document, year)).value = 14.0
        total = book["Total market"]
        total.cell(xl.row_of(total, "total"), col(document, 2020)).value = 1.25

    edited = xl.edit(path, tmp_path / "edited.xlsx", change)
    value_before = document.project.history.copy()
    old = document.project.volume.history[("tiktok", year)]
    plan = read_workbook(edited, document)
    assert said(plan) == [
        "Value · History: Total market 2020 changed from "
        f"{amount(document.project.history[('total', 2020)])} to 1.25 USD billions "
        "(Total market!D5)",
        f"Volume · History: TikTok 2022 changed from {amount(old)} to 14.00 {UNIT} "
        "(Application (volume)!F6)",
    ]
    assert isinstance(plan.command.commands[-1], OnMeasure)
    document.execute(plan.command)
    assert document.project.volume.history[("tiktok", year)] == 14.0
    assert document.project.history[("total", 2020)] == 1.25
    assert document.project.history[("tiktok", year)] == value_before[("tiktok", year)]
    document.undo()
    assert document.project.volume.history[("tiktok", year)] == old
    assert document.project.history == value_before


def test_a_pin_assumption_hold_and_note_on_the_volume_sheets(exported, xl, tmp_path):
    document = with_volume()
    path = exported(document)
    base = document.project.metadata.base_year

    def change(book):
        ws = book["Region (volume)"]
        ws.cell(xl.row_of(ws, "europe"), col(document, base + 2)).value = 77.0
        assumptions = book["Assumptions (volume)"]
        row = next(r for r in range(4, assumptions.max_row + 1)
                   if (assumptions.cell(r, 1).value, assumptions.cell(r, 2).value)
                   == ("pessimistic", "total"))
        assumptions.cell(row, 6).value = 0.03
        notes = book["Cell notes (volume)"]
        notes.append(["base", "europe", "Europe", base + 2, None, None, "Our panel.", None])

    document_after = with_volume()
    plan = read_workbook(xl.edit(path, tmp_path / "e.xlsx", change), document)
    lines = said(plan)
    assert lines[0] == f"Volume · Pin: Europe, Base, 2026 set to 77.00 {UNIT} (Region (volume)!J7)"
    assert lines[1].startswith("Volume · Assumption: Total market, Pessimistic, CAGR changed")
    assert "(Assumptions (volume)!F" in lines[1]
    assert lines[2].startswith("Volume · Note: Europe, Base, 2026 set to 'Our panel.'")
    assert len(lines) == 3
    document.execute(plan.command)
    volume = document.project.volume
    assert volume.pins[("base", "europe", base + 2)] == 77.0
    assert volume.growth[("pessimistic", "total")].rate == 0.03
    assert volume.notes[("base", "europe", base + 2)] == "Our panel."
    assert document.project.pins == document_after.project.pins  # the value's untouched
    assert document.result("base", VOLUME).value("europe", base + 2) == 77.0


def test_a_workbook_with_volume_adds_the_volume_to_a_value_only_project(exported):
    path = exported(with_volume())
    document = sample_document(volume=False)
    before = dump_all(document)
    plan = read_workbook(path, document)
    lines = plan.summary_lines()
    assert lines[0] == f"Measure: Volume ({UNIT}) added (Total market (volume)!C3)"
    assert all(line.startswith("Volume · ") for line in lines[1:] if not line.startswith("Check"))
    assert isinstance(plan.command.commands[0], AddVolume)
    document.execute(plan.command)
    assert dump_all(document) == dump_all(with_volume())
    document.undo()  # one step: the volume goes with everything in it
    assert document.project.volume is None and dump_all(document) == before


def test_the_volume_unit_is_read_from_its_sheet(exported, xl, tmp_path):
    document = with_volume()

    def change(book):
        book["Total market (volume)"]["C3"].value = "million paid episodes"

    plan = read_workbook(xl.edit(exported(document), tmp_path / "u.xlsx", change), document)
    assert said(plan) == [
        f"Volume · Unit: unit changed from '{UNIT}' to 'million paid episodes' "
        "(Total market (volume)!C3)"
    ]
    document.execute(plan.command)
    assert document.project.volume.unit == "million paid episodes"


def test_numbers_typed_over_prices_are_not_taken(exported, xl, tmp_path):
    document = with_volume()
    path = exported(document)
    year = document.project.metadata.base_year + 1
    price = document.result("base", PRICE).value("tiktok", year)

    def change(book):
        ws = book["Application (price)"]
        row = xl.row_of(ws, "tiktok")
        ws.cell(row, col(document, year)).value = 99.0
        ws.cell(row, col(document, year + 1)).value = document.result("base", PRICE).value(
            "tiktok", year + 1)  # pasted as a value: the same number, nothing to say

    before = dump_all(document)
    plan = read_workbook(xl.edit(path, tmp_path / "p.xlsx", change), document)
    assert plan.is_empty
    assert said(plan) == [
        f"Not taken: 99.00 typed over the average price of TikTok in {year}: the average "
        f"price is computed from value and volume (Application (price)!I6)"
    ]
    assert price != 99.0
    document.execute(plan.command)
    assert dump_all(document) == before


def test_a_new_segment_gets_its_volume_by_name(exported, xl, tmp_path):
    document = with_volume()
    year = document.project.metadata.first_year

    def change(book):
        for name, value in (("Technology", 0.5), ("Technology (volume)", 20.0)):
            ws = book[name]
            row = xl.row_of(ws, "mini-program") + 1
            ws.insert_rows(row)
            ws.cell(row, 2).value = "Interactive Drama"
            ws.cell(row, col(document, year)).value = value

    plan = read_workbook(xl.edit(exported(document), tmp_path / "n.xlsx", change), document)
    document.execute(plan.command)
    member = document.project.dimension("technology").members[-1]
    assert member.name == "Interactive Drama"
    assert document.project.history[(member.id, year)] == 0.5
    assert document.project.volume.history[(member.id, year)] == 20.0


@pytest.mark.parametrize(
    ("sheet", "where", "text", "message"),
    [
        ("Technology (volume)", "D6", "abc", r"^Technology \(volume\)!D6: 'abc' is not a number"),
        ("Total market (volume)", "C3", None, r"^Total market \(volume\)!C3: the volume's unit"),
        ("Assumptions (volume)", "E4", "fast", r"^Assumptions \(volume\)!E4: 'fast' is not a "),
        ("Cell notes (volume)", "B4", "nowhere", r"^Cell notes \(volume\)!B4: 'nowhere' is not a"),
        ("Technology (volume)", "A6", "vr", r"^Technology \(volume\)!A6: 'Short Video Short Drama'"
         r" is not a segment on the sheet 'Technology'"),
    ],
)
def test_bad_input_on_a_volume_sheet_is_one_sentence_and_changes_nothing(
    exported, xl, tmp_path, sheet, where, text, message
):
    document = with_volume()

    def change(book):
        book[sheet][where].value = text

    edited = xl.edit(exported(document), tmp_path / "bad.xlsx", change)
    before = dump_all(document)
    with pytest.raises(ExcelError, match=message) as refused:
        read_workbook(edited, document)
    assert "\n" not in str(refused.value)
    assert dump_all(document) == before


def test_a_missing_volume_sheet_is_named_and_the_volume_kept(exported, xl, tmp_path):
    """Region (volume) deleted, a volume typed on Technology (volume) and a value on
    Application: the value's edit is taken; the volume is not read (its set of sheets is
    incomplete), the summary names the missing sheet and says the volume was kept."""
    document = with_volume()
    volume = volume_dump(document)

    def change(book):
        book.remove(book["Region (volume)"])
        ws = book["Technology (volume)"]
        ws.cell(xl.row_of(ws, "short-video"), 3).value = 99.0
        ws = book["Application"]
        ws.cell(xl.row_of(ws, "tiktok"), 3).value = 0.5

    plan = read_workbook(xl.edit(exported(document), tmp_path / "gone.xlsx", change), document)
    lines = plan.summary_lines()
    assert lines[0].startswith("Value · History: TikTok 2019 changed from")
    assert (
        "Not taken: the volume's sheet 'Region (volume)' is missing from the workbook, so its "
        "other sheets were not read and the volume was kept as it is"
    ) in lines
    assert not any("Volume ·" in line for line in lines)
    document.execute(plan.command)
    assert document.project.history[("tiktok", 2019)] == 0.5
    assert volume_dump(document) == volume


def test_missing_volume_sheets_are_named_in_one_sentence(exported, xl, tmp_path):
    """Its total and its Assumptions gone (the sheet the volume was once found by): one
    sentence names both, never a silent "no volume sheets"."""
    document = with_volume()

    def change(book):
        for name in ("Total market (volume)", "Assumptions (volume)"):
            book.remove(book[name])

    plan = read_workbook(xl.edit(exported(document), tmp_path / "gone.xlsx", change), document)
    said = [line for line in plan.summary_lines() if "volume" in line]
    assert said == [
        "Not taken: the volume's sheets 'Total market (volume)' and 'Assumptions (volume)' "
        "are missing from the workbook, so its other sheets were not read and the volume was "
        "kept as it is"
    ]


def test_a_workbook_without_volume_sheets_keeps_the_projects_volume(exported):
    path = exported(sample_document(volume=False))
    document = with_volume()
    volume = volume_dump(document)
    plan = read_workbook(path, document)
    assert plan.summary_lines()[-1] == (
        "Not taken: the workbook has no volume sheets; the volume keeps its numbers (Model → "
        "Remove Volume Measure removes it in the app)"
    )
    document.execute(plan.command)
    assert volume_dump(document) == volume


def test_value_commands_stay_value_commands_in_a_two_measure_import(exported, xl, tmp_path):
    document = with_volume()

    def change(book):
        ws = book["Technology"]
        ws.cell(xl.row_of(ws, "short-video"), 3).value = 0.2

    plan = read_workbook(xl.edit(exported(document), tmp_path / "v.xlsx", change), document)
    assert [type(c).__name__ for c in plan.command.commands] == ["Put"]
    assert said(plan)[0].startswith("Value · History: Short Video Short Drama 2019")
    assert VALUE == "value"


# -- hypothesis: generated projects with a volume ------------------------------------------


@st.composite
def volume_projects(draw) -> Project:
    """A generated workbook project with a volume drawn by the shared strategy (its own
    history, growth, pins and holds), plus a cited volume cell and a note of its own."""
    p = draw(with_volume_drawn(workbook_projects(), forecastable=True, units=names))
    first = p.dimensions[0].members[-1].id
    p.volume.history_sources[(TOTAL, p.metadata.base_year)] = "src-1"
    p.volume.notes[("", first, p.metadata.base_year)] = draw(names)
    return p


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(project=volume_projects())
def test_generated_projects_with_a_volume_round_trip(tmp_path_factory, project):
    path = tmp_path_factory.mktemp("gen") / "book.xlsx"
    document = Document(project)
    export_workbook(document, path)
    back = Document(project_from_workbook(path))
    assert dump_all(back) == dump_all(document)
    assert read_workbook(path, document).is_empty
    assert read_workbook(path, Document(replace(project, volume=None))).command.commands
    assert back.project.volume.unit == project.volume.unit


def test_a_segment_removed_on_the_value_sheet_goes_from_the_volume_too(exported, xl, tmp_path):
    document = with_volume()

    def change(book):
        ws = book["Application"]
        ws.delete_rows(xl.row_of(ws, "kwai"))  # the volume's sheet still lists Kwai

    plan = read_workbook(xl.edit(exported(document), tmp_path / "r.xlsx", change), document)
    document.execute(plan.command)
    assert "kwai" not in document.project.dimension("application").member_ids()
    assert not [k for k in document.project.volume.history if k[0] == "kwai"]
    assert not [k for k in document.project.volume.pins if k[1] == "kwai"]


def test_a_comment_on_a_volume_cell_is_the_volumes_note(exported, xl, tmp_path):
    from openpyxl.comments import Comment

    document = with_volume()
    base = document.project.metadata.base_year

    def change(book):
        ws = book["Region (volume)"]
        ws.cell(xl.row_of(ws, "europe"), col(document, base + 3)).comment = Comment(
            "Ofcom panel, 2025.", "colleague")

    plan = read_workbook(xl.edit(exported(document), tmp_path / "c.xlsx", change), document)
    assert said(plan) == [
        f"Volume · Note: Europe, Base, {base + 3} set to 'Ofcom panel, 2025.' "
        f"(Region (volume)!K7)"
    ]
    document.execute(plan.command)
    assert document.project.volume.notes[("base", "europe", base + 3)] == "Ofcom panel, 2025."
    assert ("base", "europe", base + 3) not in document.project.notes


def test_a_citation_with_blank_lines_does_not_become_a_note(exported):
    """The export shows a cited history cell's source in its comment; a publisher with a
    blank line in it came back as a note (found by the generated round trip)."""
    document = with_volume()
    p = document.project
    source = p.sources[0]
    p.sources[0] = replace(source, publisher="Ofcom\n\n\nMedia Nations")
    assert any(s == source.id for s in p.history_sources.values())
    back = Document(project_from_workbook(exported(document)))
    assert back.project.notes == p.notes and back.project.volume.notes == p.volume.notes
    assert dump_all(back) == dump_all(document)
