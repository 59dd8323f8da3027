"""Cell comments: a note a colleague leaves on a value, the way spreadsheets let them.

A comment on an input cell becomes the project's note on that cell: on a value sheet, a
history cell's comment is the history note (scenario ""), a forecast cell's (a segment's,
the total's, its projected or pin row's) the note of that scenario and year; on the
Assumptions sheet, the comment on a year's rate or manual value is that year's note of
the row's scenario and series. The Cell notes sheet holds the same notes in plain columns:
a comment that differs from the project's note is taken when the Cell notes sheet left
that note alone, and refused at its cell when both were changed differently. Deleting a
comment keeps the note (it is cleared on the Cell notes sheet). A comment anywhere else
is listed as not taken, with where its words belong.

Comments live in their own part beside each sheet (found through the sheet's
relationships). Both are parsed with defusedxml, after the archive's guards ran.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from functools import partial

from defusedxml import ElementTree

from workbench.core.project import Project
from workbench.excel.assessments import SHEET as ASSESSMENTS
from workbench.excel.assumptions import growth_cell
from workbench.excel.errors import at
from workbench.excel.grid import Grid
from workbench.excel.layout import ID_COL, PROJECTED, cell, year_col
from workbench.excel.plan import ImportNote
from workbench.excel.tables import TABLES
from workbench.excel.values_read import find_blocks

FORCES = next(t.sheet for t in TABLES if t.collection == "forces")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
PIN_ROWS = (PROJECTED, "pin:")
"""Rows below a segment that hold its pins: a comment there is the segment's note."""
SOURCE_LINE = "Source: "
"""How the export shows a history cell's source in its comment (not part of the note)."""
THREADED = "Comment:\n"
"""Excel's legacy copy of a threaded comment puts the words after this line."""


COMMENT_LIMIT = 1000
"""Characters of a source shown in a comment; the full citation is on the Sources sheet."""


def cell_comments(ctx, ws, row: int, scenario_id: str, series_id: str, typed: bool) -> None:
    """The comments of a series' row in a scenario's block: each note on its cell, and in
    the typed block each cited history cell's source after its note (display only: the
    import reads sources from the Cell notes sheet)."""
    p, meta = ctx.project, ctx.project.metadata
    years = [*(meta.history_years if typed else ()), *meta.forecast_years]
    for year in years:
        history = year <= meta.base_year
        note = p.notes.get(("" if history else scenario_id, series_id, year), "")
        source_id = p.history_sources.get((series_id, year)) if history else None
        source = "" if source_id is None else ctx.source_labels.get(source_id, source_id)
        text = "\n\n".join(
            part for part in (note, source and SOURCE_LINE + source[:COMMENT_LIMIT]) if part
        )
        if text:
            ws.write_comment(row, year_col(meta, year), text)


def sheet_comments(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """(row, col) → the words of each comment on the sheet stored in `part`."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in archive.namelist():
        return {}
    out: dict[tuple[int, int], str] = {}
    for rel in ElementTree.fromstring(archive.read(rels)).iter(f"{_RELS}Relationship"):
        if not rel.get("Type", "").endswith("/comments"):
            continue
        target = rel.get("Target", "")
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        if path in archive.namelist():
            out.update(_comments(archive.read(path)))
    return out


def _comments(xml: bytes) -> dict[tuple[int, int], str]:
    root = ElementTree.fromstring(xml)
    authors = [a.text or "" for a in root.iter(f"{_MAIN}author")]
    out = {}
    for comment in root.iter(f"{_MAIN}comment"):
        found = _REF.match(comment.get("ref", ""))
        if found is None:
            continue
        runs = [
            "".join(t.text or "" for t in r.iter(f"{_MAIN}t")) for r in comment.iter(f"{_MAIN}r")
        ]
        if not runs:  # plain text without runs
            runs = ["".join(t.text or "" for t in comment.iter(f"{_MAIN}t"))]
        author_id = int(comment.get("authorId", "0") or 0)
        author = authors[author_id] if author_id < len(authors) else ""
        out[_position(found)] = _words(runs, author)
    return out


def _text(element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{_MAIN}t"))


def _position(found: re.Match) -> tuple[int, int]:
    letters, digits = found.groups()
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(digits) - 1, col - 1


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""A character the XML cannot hold (a control character, or a literal "_x"), as OOXML
writes it in text: `_x0006_`; spreadsheets read it back as the character."""


def _words(runs: list[str], author: str) -> str:
    """The comment's own words: without the author's name Excel puts in front, or the
    notice in front of a threaded comment's copy."""
    text = "".join(runs).replace("\r\n", "\n")
    text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    if THREADED in text:
        text = text.split(THREADED, 1)[1]
    elif author.strip() and runs and runs[0].strip() == f"{author.strip()}:":
        text = "".join(runs[1:])
    return text.strip()


def comment_notes(
    grids: dict[str, Grid], content, before: Project | None, sheets: set[str] | None = None
) -> list[ImportNote]:
    """Take every comment on an input cell as that cell's note (into `content`, one
    measure's: its sheets are `content.names`); a note for each comment that cannot be
    taken. `sheets`: the sheets whose comments are looked at (None: all)."""
    notes: list[ImportNote] = []
    for name, grid in grids.items():
        if not grid.comments or (sheets is not None and name not in sheets):
            continue
        keys = _value_keys(grid, content) if _is_value_sheet(name, content) else {}
        if name == content.names.assumptions:
            keys = _assumption_keys(grid, content)
        texts = entity_texts(name, content)
        for (row, col), words in sorted(grid.comments.items()):
            key = keys.get((row, col))
            if key is not None:
                words = _note_part(words, key, content.project)
                _take(grid, row, col, key, words, content, before)
            elif row in texts:
                why = texts[row](words)
                if why:
                    notes.append(_not_taken(grid, row, col, name, why))
            else:
                why = (
                    ""
                    if keys or name == content.names.assumptions
                    else "type its words in a column here"
                )
                notes.append(_not_taken(grid, row, col, name, why))
    return notes


def entity_texts(name: str, content) -> dict[int, Callable[[str], str]]:
    """Row → a function that makes a comment on that row the text a qualitative entry
    keeps for notes (a force's rationale, a rating's note) when that text is blank or
    already says it, and otherwise says why it is not taken."""
    p = content.project
    if name == FORCES:
        rows = {content.where[("forces", f.id)]: f for f in p.forces}
        return {row: partial(_force_text, p, force) for row, force in rows.items()}
    if name == ASSESSMENTS:
        rated = {k[1:]: r for k, r in content.where.items() if k[0] == "rating"}
        return {row: partial(_rating_text, p, key) for key, row in rated.items()}
    return {}


def _force_text(p: Project, force, words: str) -> str:
    if force.rationale.strip() and not _same_words(words, force.rationale):
        return "the Rationale already says something else; edit it there"
    p.forces = [replace(f, rationale=words) if f.id == force.id else f for f in p.forces]
    return ""


def _rating_text(p: Project, key: tuple[str, str, str], words: str) -> str:
    assessment_id, *cell_key = key
    for i, assessment in enumerate(p.assessments):
        rating = assessment.cells.get(tuple(cell_key)) if assessment.id == assessment_id else None
        if rating is None:
            continue
        if rating.note.strip() and not _same_words(words, rating.note):
            return "the rating's Note already says something else; edit it there"
        cells = {**assessment.cells, tuple(cell_key): replace(rating, note=words)}
        p.assessments[i] = replace(assessment, cells=cells)
        return ""
    return "the row rates nothing"


def _is_value_sheet(name: str, content) -> bool:
    return name == content.names.total or name in content.sheets.values()


def _value_keys(grid: Grid, content) -> dict[tuple[int, int], tuple[str, str, int]]:
    """(row, col) → the note key of each year cell of a series row on a value sheet."""
    p = content.project
    meta, series = p.metadata, set(p.series_ids())
    blocks = find_blocks(grid, meta, replace(content.blocks, required=frozenset()))
    keys = {}
    for scenario_id, header, end in blocks:
        for row in range(header + 1, end):
            row_id = grid.text(row, ID_COL).strip()
            for prefix in PIN_ROWS:
                row_id = row_id.removeprefix(prefix)
            if row_id not in series:
                continue
            for year in meta.years:
                owner = "" if year <= meta.base_year else scenario_id
                keys[(row, year_col(meta, year))] = (owner, row_id, year)
    return keys


def _assumption_keys(grid: Grid, content) -> dict[tuple[int, int], tuple[str, str, int]]:
    """(row, col) → the note key of each year's rate and manual value on Assumptions."""
    meta = content.project.metadata
    keys = {}
    for key, row in content.where.items():
        if key[0] != "assumption":
            continue
        for year in meta.forecast_years:
            for part in ("rates", "values"):
                keys[(row, growth_cell(meta, row, part, year))] = (key[1], key[2], year)
    return keys


def _note_part(words: str, key: tuple[str, str, int], target: Project) -> str:
    """A history cell's comment without the source the export shows at its end (all of
    it: a citation may hold blank lines of its own)."""
    if key[0] or (key[1], key[2]) not in target.history_sources:
        return words
    if words.startswith(SOURCE_LINE):
        return ""
    end = words.rfind("\n\n" + SOURCE_LINE)
    return words if end < 0 else words[:end].strip()


def _take(grid: Grid, row: int, col: int, key, words: str, content, before) -> None:
    """A comment's note: taken when it says something new and the Cell notes sheet left
    the project's note alone."""
    target = content.project
    ours = None if before is None else before.notes.get(key)
    sheet_note = target.notes.get(key)
    if not words or any(_same_words(words, note) for note in (sheet_note, ours)):
        return
    if sheet_note != ours:
        earlier = content.where.get(("comment", *key))
        row_there = content.where.get(("cell", *key))
        other = earlier or (
            "the Cell notes sheet"
            if row_there is None
            else f"the Cell notes sheet (row {row_there + 1})"
        )
        raise at(
            grid.name,
            cell(row, col),
            f"this comment and {other} give this cell different notes; keep one of them.",
        )
    target.notes[key] = words
    content.where[("comment", *key)] = grid.where(row, col)


def _same_words(words: str, note: str | None) -> bool:
    """Whether a comment says what a note says, whatever line breaks and spaces a
    spreadsheet made of it."""
    return note is not None and words.split() == note.split()


def _not_taken(grid: Grid, row: int, col: int, name: str, why: str = "") -> ImportNote:
    why = why or (
        "a note belongs on an input cell of a value sheet, or on a year's rate or manual "
        "value on Assumptions"
    )
    return ImportNote(
        "Not taken", name, cell(row, col), f"the comment on this cell is not kept: {why}"
    )
