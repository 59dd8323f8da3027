"""Any table, in any of the common layouts, imports as exactly its numbers (hypothesis)."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from workbench.core.document import Document
from workbench.ingest import Mapping, plan

NAMES = ["China", "North America", "Europe", "Apps", "Mini programs", "Web", "Smart TV",
         "Latin America", "Africa", "Korea"]  # fmt: skip
LAYOUTS = ("xlsx across", "csv across", "csv semicolon", "csv long", "xlsx down")


@st.composite
def tables(draw):
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    first = draw(st.integers(1990, 2020))
    years = list(range(first, first + draw(st.integers(3, 12))))
    cents = st.integers(1, 10**7)
    values = {n: [draw(cents) / 100 for _ in years] for n in names}
    return {
        "names": names,
        "years": years,
        "values": values,
        "layout": draw(st.sampled_from(LAYOUTS)),
        "total": draw(st.booleans()),
        "title": draw(st.booleans()),
        "falling": draw(st.booleans()),
        "hidden": draw(st.booleans()),
    }


def _rows(t: dict) -> list[list]:
    """The table, its years rising or falling (newest first), a hidden working row (xlsx)
    after the first segment, which must never come in."""
    order = (lambda line: line[::-1]) if t.get("falling") else list
    rows = [["Market size, USD billions"], []] if t["title"] else []
    rows.append(["Region", *order(t["years"])])
    rows += [[n, *order(t["values"][n])] for n in t["names"]]
    if _hidden(t):
        rows.insert(len(rows) - len(t["names"]) + 1, ["Working", *[7.0] * len(t["years"])])
    if t["total"]:
        columns = zip(*(t["values"][n] for n in t["names"]), strict=True)
        sums = [round(sum(column), 2) for column in columns]
        rows.append(["Total", *order(sums)])
    return rows


def _hidden(t: dict) -> bool:
    return bool(t.get("hidden")) and t["layout"].startswith("xlsx")


def _write(t: dict, folder: Path) -> Path:
    layout, rows = t["layout"], _rows(t)
    if layout == "csv long":
        rows = [["segment", "year", "value"]] + [
            [n, y, v] for n in t["names"] for y, v in zip(t["years"], t["values"][n], strict=True)
        ]
    if layout == "xlsx down":
        header = rows.index(next(r for r in rows if r and r[0] == "Region"))
        body = rows[header:]
        rows = rows[:header] + [list(col) for col in zip(*body, strict=True)]
    if layout.startswith("xlsx"):
        book = Workbook()
        for row in rows:
            book.active.append(row)
        for at, row in enumerate(rows):  # the working row hidden (years down: its column)
            if layout == "xlsx down" and "Working" in row:
                book.active.column_dimensions[chr(65 + row.index("Working"))].hidden = True
            elif row and row[0] == "Working":
                book.active.row_dimensions[at + 1].hidden = True
        path = folder / "t.xlsx"
        book.save(path)
        return path
    path = folder / "t.csv"
    delimiter = ";" if layout == "csv semicolon" else ","
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for row in rows:
            cells = [repr(v) if isinstance(v, float) else v for v in row]
            if delimiter == ";":
                cells = [c.replace(".", ",") if isinstance(c, str) and c[:1].isdigit() else c
                         for c in cells]  # fmt: skip
            writer.writerow(cells)
    return path


@example(
    {
        "names": ["China", "North America", "Europe"],
        "years": [1990, 1991, 1992],
        "values": {n: [0.01] * 3 for n in ["China", "North America", "Europe"]},
        "layout": "xlsx across",
        "total": False,
        "title": False,
    }
)  # equal rows add up "within rounding" whichever is called the total: none is
@example(
    {
        "names": ["China"],
        "years": [1990, 1991, 1992],
        "values": {"China": [1000.0] * 3},
        "layout": "csv semicolon",
        "total": False,
        "title": False,
    }
)  # "1000,0" has a decimal comma: no grouping writes four digits before a comma
@given(tables())
def test_every_number_lands_in_its_segment_and_year(t):
    with tempfile.TemporaryDirectory() as folder:
        project = plan(_write(t, Path(folder))).result()
    members = {m.name: m.id for d in project.dimensions for m in d.members}
    assert sorted(members) == sorted(t["names"])
    base, scenario = project.metadata.base_year, project.scenarios[0].id
    for name in t["names"]:
        for year, value in zip(t["years"], t["values"][name], strict=True):
            key = (members[name], year)
            got = project.history[key] if year <= base else project.pins[(scenario, *key)]
            assert got == value
    assert project.mode == "bottom_up"  # the segments add up to the (rounded) total


@given(tables())
def test_the_same_table_as_the_volume_lands_there_and_leaves_the_value(t):
    """Imported again as the volume of the project it made, every number lands in the
    volume at the same segment and year, and the value's inputs stay as they were."""
    mapping = Mapping(measure="volume", unit="subscriptions", volume_unit="subscriptions")
    with tempfile.TemporaryDirectory() as folder:
        path = _write(t, Path(folder))
        document = Document(plan(path).result())
        before = document.project.copy()
        document.execute(plan(path, mapping, document.project).command)
    project = document.project
    members = {m.name: m.id for d in project.dimensions for m in d.members}
    base, scenario = project.metadata.base_year, project.scenarios[0].id
    for name in t["names"]:
        for year, value in zip(t["years"], t["values"][name], strict=True):
            key = (members[name], year)
            volume = project.volume
            got = volume.history[key] if year <= base else volume.pins[(scenario, *key)]
            assert got == value
    assert (project.history, project.pins, project.growth) == (
        before.history, before.pins, before.growth)
    assert project.dimensions == before.dimensions
