"""A scenario a colleague adds on About starts as the app's Add Scenario makes it.

In the app, Add Scenario (copying the first scenario) gives the new scenario the first
one's assumptions, pins (with their marks) and cell notes, then the holds' pins: each held
forecast cell shows a number in the new scenario, written as its pin. A workbook that adds
a scenario gets exactly that from the core's own command, run on the imported project
without the new scenario, one measure at a time; what the workbook gives for the new
scenario replaces its part of the copy: its Assumptions rows, the pin rows of its blocks
(a block present on a sheet says every pin of that sheet's series, a blank one included),
and its rows on Cell notes. The holds' pins of cells the workbook left without a pin are
then written by the core's `pin_holds`, as the command does.
"""

from __future__ import annotations

from workbench.core.commands.pins import held_forecast_cells, pin_holds
from workbench.core.commands.structure import AddScenario
from workbench.core.errors import ModelError
from workbench.core.measures import VALUE, measure, view
from workbench.core.project import Project, Scenario
from workbench.core.transaction import Transaction
from workbench.excel.errors import at
from workbench.excel.layout import ABOUT
from workbench.excel.plan import ImportNote
from workbench.excel.precision import keep_current_precision, same_number

SCENARIO_INPUTS = ("growth", "pins", "pin_marks", "notes")
"""One measure's inputs keyed by scenario first: what a new scenario starts with."""


def start_new_scenarios(
    p: Project, where: dict, before: Project | None, measure_id: str = VALUE
) -> list[ImportNote]:
    """Give each scenario of `p` that `before` lacks what the app's Add Scenario would,
    less what the workbook says itself (`where` tells which rows it has). `p` is the
    view of the measure `measure_id`, without a volume of its own; the notes say what was
    taken."""
    had = set() if before is None else {s.id for s in before.scenarios}
    new = [s for s in p.scenarios if s.id not in had]
    first = next((s for s in p.scenarios if s.id in had), None)
    if before is None or not new or first is None:
        return []
    app = _as_added(p, new, first.id, where, _current(before, measure_id))
    label = "" if measure_id == VALUE else f" ({measure(measure_id).label.lower()})"
    notes = [_take(p, app, scenario, first, where, label) for scenario in new]
    held = held_forecast_cells(p)
    for scenario in new:
        pin_holds(Transaction(p), scenario.id, held)
    return [n for n in notes if n is not None]


def _current(before: Project, measure_id: str) -> Project | None:
    """The measure's inputs as the project has them now (None: it has no volume yet)."""
    return view(before, measure_id) if measure_id == VALUE or before.volume else None


def _as_added(
    p: Project, new: list[Scenario], first: str, where: dict, current: Project | None
) -> Project:
    """`p` without the new scenarios, then each added back by the core's command. The
    copy has the project's full-precision numbers wherever the workbook's agree to 15
    digits (`precision`), so the new scenario's copies are the app's to the last bit."""
    app = p.copy()
    app.volume = None
    if current is not None:
        keep_current_precision(current, app)
    gone = {s.id for s in new}
    app.scenarios = [s for s in app.scenarios if s.id not in gone]
    for name in SCENARIO_INPUTS:
        setattr(app, name, {k: v for k, v in getattr(app, name).items() if k[0] not in gone})
    for scenario in new:
        try:
            AddScenario(scenario.name, copy_from=first, scenario_id=scenario.id).run(
                Transaction(app)
            )
        except ModelError as error:
            row = where.get(("about", scenario.id), 0)
            raise at(ABOUT, f"A{row + 1}", str(error)) from None
    return app


def _take(
    p: Project, app: Project, scenario: Scenario, first: Scenario, where: dict, label: str
) -> ImportNote | None:
    """Copy into `p` the parts of the app's new scenario the workbook does not give."""
    sid = scenario.id
    grown = [k for k in app.growth if k[0] == sid and k not in p.growth]
    p.growth.update({k: app.growth[k] for k in grown})
    pinned = _take_pins(p, app, sid, {k[2] for k in where if k[:2] == ("row", sid)})
    noted = [k for k in app.notes if k[0] == sid and ("cell", *k) not in where]
    p.notes.update({k: app.notes[k] for k in noted if k not in p.notes})
    parts = [
        _count(len(grown), "series without an Assumptions row", "the assumptions of the"),
        _count(len(pinned), "pin", "", "outside the blocks the workbook has of it"),
        _count(len(noted), "cell note"),
    ]
    said = [part for part in parts if part]
    if not said:
        return None
    return ImportNote(
        "Taken",
        "Assumptions",
        "",
        f"the new scenario {scenario.name!r}{label} starts as a copy of {first.name!r}, as Add "
        f"Scenario in the app does: {'; '.join(said)}",
    )


def _take_pins(p: Project, app: Project, sid: str, given: set[str]) -> list[tuple]:
    """The copy's pins of the series whose pin rows the workbook has no block of (their
    keys are returned), and the copy's marks of every pin that is the copy's: a block
    that shows a copied pin (to 15 digits) keeps it as the app has it, a hold's with its
    mark."""
    pinned = [k for k in app.pins if k[0] == sid and k[1] not in given and k not in p.pins]
    p.pins.update({k: app.pins[k] for k in pinned})
    for key in [k for k in app.pins if k[0] == sid and k[1] in given]:
        if same_number(p.pins.get(key), app.pins[key]):
            p.pins[key] = app.pins[key]
    for key, mark in app.pin_marks.items():
        if key[0] == sid and key not in p.pin_marks and p.pins.get(key) == app.pins.get(key):
            p.pin_marks[key] = mark
    return pinned


def _count(n: int, thing: str, before: str = "", after: str = "") -> str:
    if not n:
        return ""
    words = f"{before} {n} {thing}{'' if n == 1 or thing.startswith('series') else 's'}"
    return f"{words} {after}".strip()
