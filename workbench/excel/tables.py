"""The entity sheets: Sources, Companies, Developments, Drivers & Challenges, Trends, Five
Forces and Key Questions, each a table with one entity per row and its id in column A.

One column specification per sheet drives both the writer and the reader, so the two can
never disagree about where a field sits. A row without an id is a new entity; a row that is
gone is a removed one; a changed cell beside a known id is an edit of that entity.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from workbench.core.entities import (
    DEVELOPMENT_KINDS,
    FACTOR_KINDS,
    FORCE_NAMES,
    RATING_HIGH,
    RATING_LOW,
    Company,
    Development,
    Factor,
    Force,
    KeyQuestion,
    Source,
    Trend,
)
from workbench.core.errors import ModelError
from workbench.core.insights import render_answer
from workbench.excel.assumptions import check_headers
from workbench.excel.grid import Grid
from workbench.excel.styles import YEAR_RULE, Context, fit_row, header_row, write_number, write_text

HEADER_ROW, FIRST_ROW = 2, 3
ROOM_TO_ADD = 200
"""Rows below the last entity that keep the validation, for rows a colleague adds."""


def _choice(values: tuple[str, ...]) -> dict:
    return {
        "validate": "list",
        "source": list(values),
        "error_title": "Not in the list",
        "error_message": f"Choose one of: {', '.join(values)}.",
    }


RATING = {
    "validate": "integer",
    "criteria": "between",
    "minimum": RATING_LOW,
    "maximum": RATING_HIGH,
    "error_title": "Not a rating",
    "error_message": f"A rating is a whole number from {RATING_LOW} to {RATING_HIGH}.",
}
DATE = {
    "validate": "length",
    "criteria": "between",
    "minimum": 4,
    "maximum": 10,
    "input_title": "Date",
    "input_message": "2024, 2024-06 or 2024-06-30",
    "error_title": "Not a date",
    "error_message": "Type the date as 2024, 2024-06 or 2024-06-30.",
}


@dataclass(frozen=True)
class Column:
    """One field of an entity: its header, its attribute and how it is written and read.

    kind: text, date (text, or a date a spreadsheet made of it), int (blank = default),
    flag (yes/blank), ids ("a; b"), shares ("2024: 0.03"),
    ref (an optional id; blank = None), or show (written for reading only, never read).
    """

    header: str
    field: str
    kind: str = "text"
    width: float = 18
    show: Callable | None = None
    rule: dict | None = None
    """The data validation a spreadsheet applies as the cell is typed (None: any text)."""


@dataclass(frozen=True)
class Table:
    sheet: str
    collection: str
    entity: type
    prefix: str
    hint: str
    columns: tuple[Column, ...]
    purpose: str
    """What the sheet holds, for the About sheet's list of sheets."""

    def headers(self) -> list[str]:
        return ["id", *(c.header for c in self.columns)]

    def read_headers(self) -> list[str]:
        """The headers the reader needs: up to the last column it reads (a trailing
        column written for reading only may be gone, as in an older workbook)."""
        last = max(i for i, c in enumerate(self.columns) if c.kind != "show")
        return self.headers()[: last + 2]


def _company_name(ctx: Context, entity) -> str:
    return next((c.name for c in ctx.project.companies if c.id == entity.company_id), "")


def _answer_with_figures(ctx: Context, entity) -> str:
    """The answer as a reader sees it: each {{key}} as its figure in the first scenario."""
    if "{{" not in entity.answer:
        return ""
    return render_answer(entity.answer, ctx.document, ctx.project.scenarios[0].id)


TABLES = (
    Table(
        "Sources",
        "sources",
        Source,
        "src",
        "Assumption: yes marks the analyst's own figures.",
        (
            Column("Publisher", "publisher", width=28),
            Column("Title", "title", width=40),
            Column("Date", "date", width=11),
            Column("URL", "url", width=36),
            Column("Assumption", "assumption", "flag", 11, rule=_choice(("yes",))),
        ),
        purpose="Where the figures come from (publisher, title, date, link)",
    ),
    Table(
        "Companies",
        "companies",
        Company,
        "co",
        "Segments and sources are ids separated by ';'. "
        "Shares: '2024: 0.12; 2025: 0.13' (fractions).",
        (
            Column("Name", "name", width=28),
            Column("Headquarters", "headquarters"),
            Column("Founded", "founded", "int", 9, rule=YEAR_RULE),
            Column("Listing", "listing"),
            Column("Website", "website", width=24),
            Column("Type", "type", width=12),
            Column("Description", "description", width=48),
            Column("Strategy", "strategy", width=48),
            Column("Segments", "segments", "ids", 24),
            Column("Shares", "shares", "shares", 24),
            Column("Sources", "source_ids", "ids", 14),
        ),
        purpose="Companies with their segments, market shares and sources",
    ),
    Table(
        "Developments",
        "developments",
        Development,
        "dev",
        "Kind: product, partnership, m&a, funding, technology, regulation or other. "
        "Dates: 2024, 2024-06 or 2024-06-30.",
        (
            Column("Company id", "company_id", width=11),
            Column("Company", "company", "show", 24, _company_name),
            Column("Date", "date", "date", 11, rule=DATE),
            Column("Kind", "kind", width=12, rule=_choice(DEVELOPMENT_KINDS)),
            Column("Text", "text", width=70),
            Column("Source id", "source_id", "ref", 10),
        ),
        purpose="Dated market developments (products, deals, funding, regulation)",
    ),
    Table(
        "Drivers & Challenges",
        "factors",
        Factor,
        "fac",
        "Kind: driver or challenge. Impacts are ratings from 1 (low) to 5 (high).",
        (
            Column("Kind", "kind", width=10, rule=_choice(FACTOR_KINDS)),
            Column("Title", "title", width=36),
            Column("Text", "text", width=60),
            Column("Impact short", "impact_short", "int", 8, rule=RATING),
            Column("Impact medium", "impact_medium", "int", 8, rule=RATING),
            Column("Impact long", "impact_long", "int", 8, rule=RATING),
            Column("Segments", "segments", "ids", 20),
            Column("Sources", "source_ids", "ids", 14),
        ),
        purpose="What drives or holds back the market, with impact ratings",
    ),
    Table(
        "Trends",
        "trends",
        Trend,
        "trend",
        "Segments and sources are ids separated by ';'.",
        (
            Column("Title", "title", width=36),
            Column("Text", "text", width=70),
            Column("Segments", "segments", "ids", 20),
            Column("Sources", "source_ids", "ids", 14),
        ),
        purpose="Trends and the segments they touch",
    ),
    Table(
        "Five Forces",
        "forces",
        Force,
        "force",
        "Ratings from 1 (weak) to 5 (strong); the id names the force.",
        (
            Column("Force", "name", "show", 30, lambda _c, e: FORCE_NAMES.get(e.id, "")),
            Column("Rating", "rating", "int", 8, rule=RATING),
            Column("Rationale", "rationale", width=80),
        ),
        purpose="Porter's five forces, rated 1 to 5 with a rationale",
    ),
    Table(
        "Key Questions",
        "key_questions",
        KeyQuestion,
        "q",
        "Answers may hold live figures as {{insight-key}}; the last column shows them "
        "filled in with the first scenario's figures (for reading; edit the Answer).",
        (
            Column("Question", "question", width=40),
            Column("Answer", "answer", width=60),
            Column("Answer with figures", "answer", "show", 60, _answer_with_figures),
        ),
        purpose="The report's key questions and their answers, figures filled in",
    ),
)


def write_table(ctx: Context, ws, table: Table) -> None:
    p, f = ctx.project, ctx.formats
    write_text(ws, 0, 0, table.sheet, f["title"])
    write_text(ws, 1, 0, table.hint, f["hint"])
    widths = {0: 9} | {i + 1: c.width for i, c in enumerate(table.columns)}
    header_row(ws, HEADER_ROW, table.headers(), f["header"], widths)
    ws.freeze_panes(FIRST_ROW, 2)
    for row, entity in enumerate(getattr(p, table.collection), start=FIRST_ROW):
        write_text(ws, row, 0, entity.id, f["id"])
        texts = [
            _write_field(ctx, ws, row, col, c, entity)
            for col, c in enumerate(table.columns, start=1)
        ]
        fit_row(ws, row, [(t, c.width) for t, c in zip(texts, table.columns, strict=True)])
    last = FIRST_ROW + len(getattr(p, table.collection)) + ROOM_TO_ADD
    for col, column in enumerate(table.columns, start=1):
        if column.rule is not None:
            ws.data_validation(FIRST_ROW, col, last, col, column.rule)


def _write_field(ctx: Context, ws, row: int, col: int, column: Column, entity) -> str:
    """Write one field; returns the text written (for the row's height)."""
    f = ctx.formats
    if column.kind == "show":
        text = column.show(ctx, entity)
        write_text(ws, row, col, text, f["wrapped"])
        return text
    value = getattr(entity, column.field)
    if column.kind == "int":
        write_number(ws, row, col, value, f["input_plain"])
        return ""
    if column.kind == "flag":
        text = "yes" if value else ""
    elif column.kind == "ids":
        text = "; ".join(value)
    elif column.kind == "shares":
        text = "; ".join(f"{y}: {v!r}" for y, v in sorted(value.items()))
    else:
        text = value or ""
    write_text(ws, row, col, text, f["input_text"])
    return text


def read_table(
    grid: Grid, table: Table, new_id: Callable[[str], str]
) -> tuple[list, dict[str, int]]:
    """The entities in row order and the row of each id; rows without an id get a new one."""
    check_headers(grid, HEADER_ROW, table.read_headers())
    entities, rows = [], {}
    for row in range(FIRST_ROW, len(grid)):
        if grid.row_is_blank(row):
            continue
        entity_id = grid.text(row, 0).strip()
        if entity_id in rows:
            raise grid.error(
                row, 0, f"the id {entity_id!r} is used twice (also in row {rows[entity_id] + 1})."
            )
        entity_id = entity_id or new_id(table.prefix)
        kwargs = {"id": entity_id}
        for col, column in enumerate(table.columns, start=1):
            if column.kind != "show":
                value = _read_field(grid, row, col, column)
                if value is not None:
                    kwargs[column.field] = value
        try:
            entities.append(table.entity(**kwargs))
        except ModelError as error:
            raise grid.error(row, refused_column(table, kwargs), str(error)) from None
        rows[entity_id] = row
    return entities, rows


def refused_column(table: Table, fields: dict, accept=None) -> int:
    """The column of the field an entity is refused for: the first whose value, left out
    or replaced by a plain valid one, makes the entity acceptable (to `accept`, else to
    its own checks); the first column when no single field does."""
    for col, column in enumerate(table.columns, start=1):
        if column.kind == "show" or column.field not in fields:
            continue
        rest = {k: v for k, v in fields.items() if k != column.field}
        for trial in (rest, {**rest, column.field: _stand_in(column)}):
            try:
                entity = table.entity(**trial)
                if accept is not None:
                    accept(entity)
            except (ModelError, TypeError):
                continue
            return col
    return 1


def _stand_in(column: Column):
    """A value any entity takes in this column: the first choice of a list, the lowest
    number of a range, nothing for ids and references."""
    rule = column.rule or {}
    if rule.get("validate") == "list":
        return rule["source"][0]
    stand_ins = {"int": rule.get("minimum", 0), "flag": False, "date": "2020", "ids": ()}
    return stand_ins.get(column.kind, {} if column.kind == "shares" else None)


def _read_field(grid: Grid, row: int, col: int, column: Column):
    if column.kind == "int":
        return grid.integer(row, col)
    if column.kind == "flag":
        return grid.flag(row, col)
    if column.kind == "date":
        return grid.date_text(row, col)
    text = grid.text(row, col)
    if column.kind == "ids":
        return tuple(part.strip() for part in text.split(";") if part.strip())
    if column.kind == "shares":
        return _shares(grid, row, col, text)
    if column.kind == "ref":
        return text.strip() or None
    return text


def _shares(grid: Grid, row: int, col: int, text: str) -> dict[int, float]:
    out: dict[int, float] = {}
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        year, _, value = part.partition(":")
        try:
            share = float(value)
            out[int(year)] = share
        except ValueError:
            raise grid.error(row, col, f"{part!r} is not a share like '2024: 0.12'.") from None
        if not math.isfinite(share):
            raise grid.error(row, col, f"{part!r} is not a finite share.")
    return out
