"""Cross-checks of a workbook's target project, each failure named by sheet and cell.

Rows are checked one by one as they are read; what needs the whole project (references
between sheets, growth against history, pins against the mode, ids unique across sheets)
is checked here, with the same rules the core commands apply to an edit.
"""

from __future__ import annotations

from collections import Counter

from workbench.core.commands.entities import References, check_references
from workbench.core.commands.values import check_growth
from workbench.core.errors import ModelError
from workbench.core.project import ENTITY_COLLECTIONS, TOTAL
from workbench.excel.about import DIMENSION_HEADERS
from workbench.excel.assumptions import METHOD_COL
from workbench.excel.cell_notes import SOURCE, YEAR
from workbench.excel.errors import ExcelError, at
from workbench.excel.layout import ABOUT, ASSUMPTIONS, CELL_NOTES, cell
from workbench.excel.reader import WorkbookContent
from workbench.excel.tables import TABLES

_SHEETS = {t.collection: t.sheet for t in TABLES} | {"assessments": "Assessments"}


def check_content(content: WorkbookContent) -> None:
    p = content.project
    _check_structure(content)
    _check_unique_ids(content)
    refs = References.of(p)
    for collection in ENTITY_COLLECTIONS:
        for entity in getattr(p, collection):
            _named(
                content,
                (collection, entity.id),
                _SHEETS[collection],
                1,
                lambda e=entity: check_references(p, e, refs),
            )
    for (scenario_id, series_id), growth in p.growth.items():
        _named(
            content,
            ("assumption", scenario_id, series_id),
            ASSUMPTIONS,
            METHOD_COL,
            lambda s=scenario_id, x=series_id, g=growth: check_growth(p, s, x, g),
        )
    _check_pins(content)
    _check_cells(content)


def _named(content: WorkbookContent, key: tuple, sheet: str, col: int, check) -> None:
    try:
        check()
    except ModelError as error:
        row = content.where.get(key)
        raise (
            at(sheet, cell(row, col), str(error)) if row is not None else ExcelError(str(error))
        ) from None


def _check_structure(content: WorkbookContent) -> None:
    p, where = content.project, content.where
    for label, items in (("scenario", p.scenarios), ("dimension", p.dimensions)):
        seen: set[str] = set()
        for item in items:
            if item.name.casefold() in seen:
                raise at(
                    ABOUT,
                    cell(where[("about", item.id)], 1),
                    f"the {label} name {item.name!r} is used twice.",
                )
            seen.add(item.name.casefold())
    primary = p.primary_dimension
    row = where[("about", "primary_dimension")]
    if primary is not None and primary not in {d.id for d in p.dimensions}:
        raise at(
            ABOUT,
            cell(row, 1),
            f"{primary!r} is not one of the {DIMENSION_HEADERS[0].lower()}s below.",
        )
    if p.mode == "bottom_up" and (primary is None or not p.dimension(primary).members):
        raise at(ABOUT, cell(row, 1), "bottom-up mode needs a primary dimension with segments.")


def _check_unique_ids(content: WorkbookContent) -> None:
    p = content.project
    ids = [TOTAL, *(d.id for d in p.dimensions), *(s.id for s in p.scenarios)]
    ids += [m.id for d in p.dimensions for m in d.members]
    for collection in ENTITY_COLLECTIONS:
        ids += [e.id for e in getattr(p, collection)]
    twice = [i for i, n in Counter(ids).items() if n > 1]
    if twice:
        where = next(
            (
                f" ({_SHEETS[c]}!A{content.where[(c, twice[0])] + 1})"
                for c in ENTITY_COLLECTIONS
                if (c, twice[0]) in content.where
            ),
            "",
        )
        raise ExcelError(f"The id {twice[0]!r} names two different things in this workbook{where}.")


def _check_pins(content: WorkbookContent) -> None:
    p = content.project
    if p.mode != "bottom_up":
        return
    for scenario_id, series_id, year in p.pins:
        if series_id == TOTAL:
            ref = content.where[("pin", scenario_id, series_id, year)]
            raise ExcelError(
                f"{ref}: in bottom-up mode the total is the sum of its segments "
                "and cannot be pinned."
            )


def _check_cells(content: WorkbookContent) -> None:
    p = content.project
    meta = p.metadata
    sources = {s.id for s in p.sources}
    for (series_id, year), source_id in p.history_sources.items():
        row = content.where[("cell", "", series_id, year)]
        if source_id not in sources:
            raise at(
                CELL_NOTES,
                cell(row, SOURCE),
                f"{source_id!r} is not a source id (see the Sources sheet).",
            )
        if not meta.first_year <= year <= meta.base_year:
            raise at(
                CELL_NOTES,
                cell(row, YEAR),
                f"{year} is not a history year; sources belong to history cells.",
            )
    for series_id, year in p.holds:
        row = content.where[("cell", "", series_id, year)]
        if series_id == TOTAL or year not in meta.years:
            raise at(
                CELL_NOTES,
                cell(row, YEAR),
                "only segment cells within the project's years can be held.",
            )
    for scenario_id, series_id, year in p.notes:
        years = meta.forecast_years if scenario_id else meta.history_years
        if year not in years:
            row = content.where[("cell", scenario_id, series_id, year)]
            raise at(
                CELL_NOTES,
                cell(row, YEAR),
                f"{year} is outside the years a note on this cell may have.",
            )
