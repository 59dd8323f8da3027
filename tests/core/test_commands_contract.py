"""The contract every command keeps: exact undo and redo, and refusals that change nothing.

One small but complete project (2 dimensions × 3 segments, 2 scenarios, history
2000–2004, forecast 2005–2007, every kind of entity) is edited by every command. A valid
edit undone gives back the project byte for byte (the canonical dump), redone gives the
edited one again; a refused edit raises one `ModelError` whose sentence names what was
wrong, and leaves the project, the undo and the redo stacks as they were.
"""

import math

import pytest

from tests.benchmarks.synthetic import synthetic_project
from workbench.core.commands import (
    AddDimension,
    AddEntity,
    AddMember,
    AddScenario,
    BackSolveCagr,
    Batch,
    MergeCompanies,
    MoveDimension,
    MoveEntity,
    MoveMember,
    RemoveDimension,
    RemoveEntity,
    RemoveMember,
    RemoveScenario,
    RenameDimension,
    RenameMember,
    RenameScenario,
    ScaleHistoryToTotal,
    SetGrowth,
    SetHistory,
    SetHistorySource,
    SetHold,
    SetMetadata,
    SetMode,
    SetNote,
    SetPin,
    SetYearRange,
    ShiftGrowth,
    SpreadTotal,
    UpdateEntity,
)
from workbench.core.document import Document
from workbench.core.dump import dump_json
from workbench.core.entities import (
    Assessment,
    Company,
    Criterion,
    Development,
    Factor,
    Force,
    KeyQuestion,
    Rating,
    Source,
    Trend,
)
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Growth

NAN, INF = math.nan, math.inf
K_BIG = 1e6  # above any base-year value of the project


@pytest.fixture
def document() -> Document:
    return Document(
        synthetic_project(
            dimensions=2, members=3, scenarios=2, years=8, companies=3, developments=6
        )
    )


VALID = {
    "history value": SetHistory("d0m1", 2003, 12.5),
    "history cleared with its source": SetHistory(TOTAL, 2003, None),
    "history source": SetHistorySource("d0m1", 2003, "src-1"),
    "history source removed": SetHistorySource(TOTAL, 2002, None),
    "s-curve": SetGrowth("s0", "d0m1", Growth("s_curve", k=K_BIG, r=0.3)),
    "growth by year": SetGrowth("s1", "d1m2", Growth("growth_by_year", rates={2005: 0.1})),
    "manual": SetGrowth("s0", TOTAL, Growth("manual", values={2006: 3.0})),
    "pin": SetPin("s0", "d0m1", 2005, 9.0),
    "unpin": SetPin("s0", "d0m0", 2006, None),
    "hold": SetHold("d0m1", 2006, True),
    "release": SetHold("d0m0", 2004, False),
    "back-solve from base": BackSolveCagr("s0", TOTAL, 500.0),
    "back-solve from a pin": BackSolveCagr("s0", "d0m0", 50.0),
    "forecast note": SetNote("s1", "d1m1", 2007, "Check with sales."),
    "history note removed": SetNote("", "d0m0", 2004, "  "),
    "shift growth": ShiftGrowth("s1", 0.01),
    "spread history total": SpreadTotal(2003, 1000.0),
    "spread forecast total": SpreadTotal(2006, 800.0, "s0"),
    "spread bottom-up": Batch("b", [SetMode("bottom_up", "d1"), SpreadTotal(2007, 9.0, "s1")]),
    "scale history": Batch("s", [SetHistory("d0m1", 2003, 1.0), ScaleHistoryToTotal("d0")]),
    "add segment": AddMember("d0", "New", index=1),
    "rename segment": RenameMember("d0m1", "Renamed"),
    "move segment": MoveMember("d0m2", 0),
    "remove segment": RemoveMember("d0m0"),
    "add dimension": AddDimension("Channel", ["Online", "Retail"], index=0),
    "rename dimension": RenameDimension("d1", "Geography"),
    "move dimension": MoveDimension("d1", 0),
    "remove dimension": RemoveDimension("d0"),
    "add scenario copied": AddScenario("Copy", copy_from="s0"),
    "add scenario": AddScenario("Empty", scenario_id="blank"),
    "rename scenario": RenameScenario("s1", "High"),
    "remove scenario": RemoveScenario("s0"),
    "widen years": SetYearRange(1999, 2005, 2009),
    "narrow years": SetYearRange(2001, 2003, 2006),
    "metadata": SetMetadata(title="New title", unit="EUR millions"),
    "bottom-up": SetMode("bottom_up", "d1"),
    "add company": AddEntity("companies", Company("cx", "Newco", segments=("d1m1",)), 0),
    "add development": AddEntity("developments", Development("dx", "c1", "2024-05", "funding", "")),
    "add factor": AddEntity("factors", Factor("fx", "driver", "Cheap data")),
    "add trend": AddEntity("trends", Trend("tx", "Vertical video")),
    "add question": AddEntity("key_questions", KeyQuestion("qx", "Who wins?")),
    "add source": AddEntity("sources", Source("sx", "Analyst", assumption=True)),
    "update force": UpdateEntity("forces", Force("rivalry", 5, "Crowded.")),
    "update company": UpdateEntity("companies", Company("c0", "Renamed Co")),
    "move development": MoveEntity("developments", "dev4", 0),
    "remove company": RemoveEntity("companies", "c0"),
    "remove source": RemoveEntity("sources", "src-1"),
    "remove assessment": RemoveEntity("assessments", "a0"),
    "merge companies": MergeCompanies("c0", "c1"),
    "a paste": Batch("Paste", [SetHistory("d1m0", y, 1.0 * y) for y in range(2000, 2005)]),
}


@pytest.mark.parametrize("command", VALID.values(), ids=VALID.keys())
def test_undo_and_redo_are_exact(document, command):
    before = dump_json(document)
    change = document.execute(command)
    assert change is not None and change.keys
    after = dump_json(document)
    assert after != before
    document.undo()
    assert dump_json(document) == before
    document.redo()
    assert dump_json(document) == after
    document.undo()
    assert dump_json(document) == before and not document.can_undo


def test_an_edit_that_changes_nothing_makes_no_undo_step(document):
    assert document.execute(RenameMember("d0m1", "Segment 0.1")) is None
    assert document.execute(SetHold("d1m1", 2001, False)) is None
    assert not document.can_undo


def _bottom_up(*commands):
    return Batch("Bottom-up", [SetMode("bottom_up", "d0"), *commands])


REFUSED = {
    "history of unknown segment": (SetHistory("nope", 2003, 1.0), "'nope'"),
    "history in a forecast year": (SetHistory("d0m1", 2005, 1.0), "2005 is not a history year"),
    "history before the first year": (SetHistory("d0m1", 1990, 1.0), "1990"),
    "history NaN": (SetHistory("d0m1", 2003, NAN), "finite"),
    "history infinite": (SetHistory("d0m1", 2003, INF), "Segment 0.1, 2003"),
    "history as text": (SetHistory("d0m1", 2003, "12"), "must be a number"),
    "history year as text": (SetHistory("d0m1", "2003", 1.0), "not a history year"),
    "unknown source": (SetHistorySource("d0m1", 2003, "nope"), "no source with id 'nope'"),
    "growth of unknown scenario": (SetGrowth("nope", "d0m1", Growth()), "scenario with id 'nope'"),
    "growth of unknown series": (SetGrowth("s0", "nope", Growth()), "segment with id 'nope'"),
    "growth of -100 %": (SetGrowth("s0", "d0m1", Growth("cagr", -1.0)), "above -100 %"),
    "growth NaN": (SetGrowth("s0", "d0m1", Growth("cagr", NAN)), "CAGR of Segment 0.1, Scenario 0"),
    "K not above base": (SetGrowth("s0", "d0m1", Growth("s_curve", k=1e-9, r=0.3)), "must exceed"),
    "K missing": (SetGrowth("s0", "d0m1", Growth("s_curve", r=0.3)), "saturation level K"),
    "K infinite": (SetGrowth("s0", "d0m1", Growth("s_curve", k=INF, r=0.3)), "finite"),
    "K NaN on a CAGR": (SetGrowth("s0", "d0m1", Growth("cagr", k=NAN)), "saturation level K"),
    "rate of a history year": (
        SetGrowth("s0", "d0m1", Growth("growth_by_year", rates={2003: 0.1})), "2003"),
    "manual value infinite": (
        SetGrowth("s0", "d0m1", Growth("manual", values={2006: INF})), "2006 value"),
    "growth not a Growth": (SetGrowth("s0", "d0m1", "cagr"), "growth assumption"),
    "pin in the base year": (SetPin("s0", "d0m1", 2004, 1.0), "not a forecast year"),
    "pin NaN": (SetPin("s0", "d0m1", 2005, NAN), "pinned value of Segment 0.1, Scenario 0, 2005"),
    "pin of unknown scenario": (SetPin("nope", "d0m1", 2005, 1.0), "'nope'"),
    "pin the bottom-up total": (_bottom_up(SetPin("s0", TOTAL, 2005, 1.0)), "cannot be pinned"),
    "hold the total": (SetHold(TOTAL, 2004, True), "total cannot be held"),
    "hold outside the years": (SetHold("d0m1", 2010, True), "2010 is outside"),
    "hold unknown segment": (SetHold("nope", 2004, True), "'nope'"),
    "back-solve to a negative": (BackSolveCagr("s0", "d0m1", -5.0), "positive target"),
    "back-solve to NaN": (BackSolveCagr("s0", "d0m1", NAN), "target of Segment 0.1"),
    "back-solve a manual series": (
        Batch("b", [SetGrowth("s0", "d0m1", Growth("manual")), BackSolveCagr("s0", "d0m1", 5.0)]),
        "needs a CAGR series; Segment 0.1, Scenario 0 uses manual"),
    "back-solve a pinned last year": (
        Batch("b", [SetPin("s0", "d0m1", 2007, 5.0), BackSolveCagr("s0", "d0m1", 5.0)]),
        "pinned or held in 2007"),
    "back-solve the bottom-up total": (_bottom_up(BackSolveCagr("s0", TOTAL, 5.0)), "bottom-up"),
    "forecast note in history": (SetNote("s0", "d0m1", 2003, "x"), "2003 is not a forecast year"),
    "history note in forecast": (SetNote("", "d0m1", 2006, "x"), "2006 is not a history year"),
    "note not text": (SetNote("", "d0m1", 2003, 5), "must be text"),
    "shift unknown scenario": (ShiftGrowth("nope", 0.01), "'nope'"),
    "shift NaN": (ShiftGrowth("s0", NAN), "shift of Scenario 0"),
    "shift below -100 %": (ShiftGrowth("s0", -5.0), "above -100 %"),
    "spread NaN": (SpreadTotal(2003, NAN), "2003 total"),
    "spread outside the years": (SpreadTotal(2010, 5.0, "s0"), "2010"),
    "spread year as text": (SpreadTotal("2003", 5.0), "'2003'"),
    "spread forecast without scenario": (SpreadTotal(2006, 5.0), "needs a scenario"),
    "spread unknown dimension": (SpreadTotal(2003, 5.0, dimension_ids=["nope"]), "'nope'"),
    "spread over all-held segments": (
        Batch("b", [*(SetHold(f"d0m{i}", 2003, True) for i in range(3)),
                    SpreadTotal(2003, 1.0, dimension_ids=["d0"])]),
        "Every segment of Dimension 0 in 2003 is pinned or held"),
    "scale unknown dimension": (ScaleHistoryToTotal("nope"), "'nope'"),
    "scale a forecast year": (ScaleHistoryToTotal("d0", [2006]), "2006"),
    "add segment to unknown dimension": (AddMember("nope", "x"), "'nope'"),
    "add segment without name": (AddMember("d0", "  "), "must not be empty"),
    "add duplicate segment": (AddMember("d0", "segment 0.1"), "'segment 0.1' already exists"),
    "add segment with used id": (AddMember("d0", "x", member_id="d1m0"), "'d1m0' is already"),
    "add segment at a bad position": (AddMember("d0", "x", index="first"), "position"),
    "rename unknown segment": (RenameMember("nope", "x"), "'nope'"),
    "rename segment to a duplicate": (RenameMember("d0m0", "Segment 0.1"), "already exists"),
    "rename segment to empty": (RenameMember("d0m0", ""), "must not be empty"),
    "move unknown segment": (MoveMember("nope", 0), "'nope'"),
    "move segment to a bad position": (MoveMember("d0m0", 1.5), "Segment 0.0"),
    "remove unknown segment": (RemoveMember("nope"), "'nope'"),
    "remove the last primary segment": (
        _bottom_up(*(RemoveMember(f"d0m{i}") for i in range(3))), "at least one segment"),
    "add dimension without name": (AddDimension(""), "must not be empty"),
    "add duplicate dimension": (AddDimension("dimension 1"), "already exists"),
    "add dimension with duplicate segments": (AddDimension("New", ["A", "a"]), "'a' already"),
    "rename unknown dimension": (RenameDimension("nope", "x"), "'nope'"),
    "rename dimension to a duplicate": (RenameDimension("d0", "Dimension 1"), "already exists"),
    "move unknown dimension": (MoveDimension("nope", 0), "'nope'"),
    "remove unknown dimension": (RemoveDimension("nope"), "'nope'"),
    "remove the primary dimension": (_bottom_up(RemoveDimension("d0")), "primary dimension"),
    "add scenario without name": (AddScenario(" "), "must not be empty"),
    "add duplicate scenario": (AddScenario("scenario 0"), "already exists"),
    "copy unknown scenario": (AddScenario("x", copy_from="nope"), "'nope'"),
    "add scenario with used id": (AddScenario("x", scenario_id="d0"), "'d0' is already"),
    "rename unknown scenario": (RenameScenario("nope", "x"), "'nope'"),
    "rename scenario to a duplicate": (RenameScenario("s0", "Scenario 1"), "already exists"),
    "remove unknown scenario": (RemoveScenario("nope"), "'nope'"),
    "remove the only scenario": (
        Batch("b", [RemoveScenario("s0"), RemoveScenario("s1")]), "only scenario"),
    "years out of order": (SetYearRange(2005, 2004, 2007), "first ≤ base < last"),
    "no forecast years": (SetYearRange(2000, 2007, 2007), "2000, 2007, 2007"),
    "years out of range": (SetYearRange(1800, 2004, 2007), "1800"),
    "years as text": (SetYearRange("2000", 2004, 2007), "whole years"),
    "empty title": (SetMetadata(title=""), "title must not be empty"),
    "unit not text": (SetMetadata(unit=5), "unit must be text"),
    "unknown mode": (SetMode("sideways"), "'sideways'"),
    "bottom-up without primary": (SetMode("bottom_up"), "needs a primary dimension"),
    "bottom-up on unknown dimension": (SetMode("bottom_up", "nope"), "'nope'"),
    "bottom-up on an empty dimension": (
        Batch("b", [AddDimension("Empty"), SetMode("bottom_up", "dim-1")]), "has no segments"),
    "unknown collection": (AddEntity("widgets", Trend("tx", "T")), "'widgets'"),
    "entity of the wrong type": (AddEntity("companies", Trend("tx", "T")), "company was expected"),
    "entity with a used id": (AddEntity("companies", Company("c0", "X")), "'c0' is already"),
    "entity without id": (AddEntity("trends", Trend("", "T")), "id must be non-empty"),
    "entity at a bad position": (AddEntity("trends", Trend("tx", "T"), "top"), "the trend"),
    "company in unknown segment": (
        AddEntity("companies", Company("cx", "X", segments=("nope",))), "unknown segment 'nope'"),
    "development of unknown company": (
        AddEntity("developments", Development("dx", "nope", "2024", "product", "")), "'nope'"),
    "development citing unknown source": (
        AddEntity("developments", Development("dx", "c0", "2024", "other", "", "nope")),
        "unknown source 'nope'"),
    "a second rivalry": (AddEntity("forces", Force("rivalry")), "already rated"),
    "assessment of another dimension's segment": (
        AddEntity("assessments", Assessment(
            "ax", "A", "d0", (Criterion("k", "K"),), {("k", "d1m0"): Rating(3)})),
        "not a segment of Dimension 0"),
    "assessment of unknown dimension": (
        AddEntity("assessments", Assessment("ax", "A", "nope")), "'nope'"),
    "update unknown company": (UpdateEntity("companies", Company("nope", "X")), "'nope'"),
    "update factor with unknown segment": (
        UpdateEntity("factors", Factor("f0", "driver", "T", segments=("nope",))), "'nope'"),
    "move unknown entity": (MoveEntity("companies", "nope", 0), "no company with id 'nope'"),
    "move entity to a bad position": (MoveEntity("trends", "t0", "top"), "position"),
    "remove unknown entity": (RemoveEntity("companies", "nope"), "'nope'"),
    "remove a force": (RemoveEntity("forces", "rivalry"), "always rated"),
    "merge a company with itself": (MergeCompanies("c0", "c0"), "with itself"),
    "merge unknown company": (MergeCompanies("c0", "nope"), "'nope'"),
    "a batch failing half-way": (
        Batch("Paste", [SetHistory("d0m1", 2003, 1.0), AddMember("d0", "x"),
                        SetHistory("d0m1", 2002, INF)]),
        "2002"),
}


@pytest.mark.parametrize("command, words", REFUSED.values(), ids=REFUSED.keys())
def test_bad_input_is_refused_and_changes_nothing(document, command, words):
    document.execute(SetHistory("d1m1", 2001, 7.0))
    document.execute(SetHistory("d1m1", 2002, 8.0))
    document.undo()
    before, state = dump_json(document), document.state
    with pytest.raises(ModelError) as refused:
        document.execute(command)
    message = str(refused.value)
    assert words in message
    assert message.endswith(".") and "\n" not in message
    assert dump_json(document) == before
    assert document.state == state and document.can_undo and document.can_redo
    assert document.redo_text == "Set history value"


def test_bad_arguments_refused_when_the_command_is_made():
    with pytest.raises(ModelError, match="Unknown project detail 'colour'"):
        SetMetadata(colour="red")
    with pytest.raises(ModelError, match="Unknown growth method 'linear'"):
        Growth("linear")
    with pytest.raises(ModelError, match="must not be empty"):
        Company("c9", " ")
