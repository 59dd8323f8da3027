"""LibreOffice recalculates the volume's and the price's sheets to the engine's numbers, and
its saved workbook imports back to the same two-measure project."""

from __future__ import annotations

import math

import pytest

from tests.excel.test_libreoffice import (
    every_method_document,
    formula_results,
    with_fixed_segments,
)
from tests.excel.volumes import dump_all, with_volume
from workbench.core.commands import Batch, SetGrowth, SetPin
from workbench.core.commands.measures import OnMeasure
from workbench.core.measures import PRICE, VOLUME
from workbench.core.methods import REGISTERED
from workbench.core.methods.base import Seed
from workbench.core.project import Growth
from workbench.excel import read_workbook


def every_method_volume():
    """The every-method sample with fixed segments, and a volume whose segments grow by
    every registered method too, with a pin, a hold, a zero and a blank."""
    document = with_volume(with_fixed_segments(every_method_document()))
    p = document.project
    base = p.metadata.base_year
    years = p.metadata.forecast_years
    volume = document.result("base", VOLUME)
    edits = []
    for i, member in enumerate(m.id for d in p.dimensions for m in d.members):
        grows = REGISTERED[(i + 1) % len(REGISTERED)]
        v0 = p.volume.history.get((member, base))
        current = {y: volume.value(member, y) for y in years}
        edits.append(SetGrowth("base", member, grows.seeded(Growth(grows.code, 0.05),
                                                           Seed(v0, years, current))))
    edits.append(SetPin("pessimistic", "north-america", base + 4, 80.0))
    document.execute(OnMeasure(VOLUME, Batch("Every method, volume", edits)))
    return document


def _same(mine, theirs) -> bool:
    """A stored result and LibreOffice's: the same number, or both no number."""
    if isinstance(mine, float | int) and not isinstance(mine, bool):
        return isinstance(theirs, float | int) and math.isclose(
            theirs, mine, rel_tol=1e-9, abs_tol=1e-12
        )
    if mine in ("", None):
        return theirs in ("", None)
    return mine == theirs  # an error value: #N/A where the engine has no number


@pytest.mark.slow
def test_libreoffice_recalculates_volume_and_price_to_the_engine(exported, libreoffice):
    document = every_method_volume()
    path = exported(document)
    saved = libreoffice(path)
    compared = {VOLUME: 0, PRICE: 0, "blank price": 0}
    for sheet, cell, formula, mine, theirs in formula_results(path, saved):
        kind = VOLUME if sheet.endswith("(volume)") else PRICE if sheet.endswith(
            "(price)") else None
        if kind is None:
            continue
        assert _same(mine, theirs), (sheet, cell, formula, mine, theirs)
        if isinstance(mine, float):
            compared[kind] += 1
        elif kind == PRICE and mine in ("", None):
            compared["blank price"] += 1
    assert compared[VOLUME] > 1000 and compared[PRICE] > 500 and compared["blank price"] > 30
    before = dump_all(document)
    plan = read_workbook(saved, document)
    assert plan.summary_lines() == []
    document.execute(plan.command)
    assert dump_all(document) == before


def test_the_every_method_volume_uses_every_method():
    document = every_method_volume()
    used = {document.project.volume.growth[k].method for k in document.project.volume.growth}
    assert used >= {m.code for m in REGISTERED}
