"""The growth-method registry: the contract every entry keeps.

Each law runs over every registered method, so a new method is held to all of them by
being registered: its parameters are real `Growth` fields, its seed is a valid assumption,
its projection of a group equals its projection series by series (the engine's numpy
grouping changes no number), validation and commands apply its rules, and it has a page
in docs/methods/.
"""

from dataclasses import fields, replace
from pathlib import Path

import numpy as np
import pytest

from workbench.core.commands import SetGrowth, SetPin
from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.explain import explain_cell
from workbench.core.methods import INDEX, METHODS, REGISTERED, codes, labels, method
from workbench.core.methods.base import Seed
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario
from workbench.core.validation import validate

DOCS = Path(__file__).resolve().parents[2] / "docs" / "methods"
GROWTH_FIELDS = {f.name: f for f in fields(Growth)}
every_method = pytest.mark.parametrize("grows", REGISTERED, ids=lambda m: m.code)


def project_of(grows, v0s=(4.0, 10.0, 25.0)) -> Project:
    """Three segments with base values `v0s`, each on `grows` seeded from its own v0."""
    members = tuple(Member(f"m{i}", f"M{i}") for i in range(len(v0s)))
    p = Project(Metadata("P", 2020, 2022, 2027), [Dimension("d", "D", members)],
                [Scenario("base", "Base")])
    p.history[(TOTAL, 2022)] = sum(v0s)
    p.growth[("base", TOTAL)] = Growth("cagr", 0.05)
    years = p.metadata.forecast_years
    for m, v0 in zip(members, v0s, strict=True):
        p.history[(m.id, 2022)] = v0
        current = {y: v0 * 1.1 ** (y - 2022) for y in years}
        p.growth[("base", m.id)] = grows.seeded(Growth(grows.code, 0.1), Seed(v0, years, current))
        p.growth[("base", m.id)] = replace(p.growth[("base", m.id)], method=grows.code)
    return p


def test_codes_and_labels_are_unique_and_in_registry_order():
    assert len(set(codes())) == len(REGISTERED) == len(set(labels().values()))
    assert list(METHODS) == list(codes()) == [m.code for m in REGISTERED]
    assert all(REGISTERED[INDEX[code]].code == code for code in codes())


def test_an_unknown_method_is_refused_naming_the_known_ones():
    with pytest.raises(ModelError) as refused:
        Growth("logistic")
    assert all(code in str(refused.value) for code in codes())
    with pytest.raises(ModelError):
        method("logistic")


@every_method
def test_parameters_are_growth_fields_with_units_and_ranges(grows):
    assert grows.parameters
    for param in grows.parameters:
        assert param.field in GROWTH_FIELDS, param.field
        is_dict = GROWTH_FIELDS[param.field].default_factory is dict
        assert is_dict == param.by_year, param.field
        assert param.unit and param.label and param.symbol
        assert param.style in ("percent", "number", "plain")
        assert param.column in (None, "rate", "k", "r")
        if param.low is not None:
            assert not param.admits(param.low - 1.0)
            assert param.admits(param.low + 1e-9)


@every_method
def test_the_seed_is_a_valid_assumption_with_a_finite_forecast(grows):
    p = project_of(grows)
    document = Document(p)
    for m in ("m0", "m1", "m2"):
        document.execute(SetGrowth("base", m, p.growth[("base", m)]))  # commands accept it
    assert not [f for f in validate(document) if f.is_error]
    projected = document.result("base").projected
    assert np.isfinite(projected[:, 3:]).all()


@every_method
def test_a_group_projects_as_each_series_alone(grows):
    """The engine projects a method's series together; no number may depend on that."""
    together = Document(project_of(grows)).result("base")
    for i, v0 in enumerate((4.0, 10.0, 25.0)):
        alone = Document(project_of(grows, (v0,))).result("base")
        np.testing.assert_array_equal(
            together.projected[together.row[f"m{i}"]], alone.projected[alone.row["m0"]]
        )


@every_method
def test_a_pin_replaces_or_restarts_the_method(grows):
    document = Document(project_of(grows))
    before = document.result("base").projected_value("m1", 2025)
    document.execute(SetPin("base", "m1", 2024, 50.0))
    result = document.result("base")
    assert result.projected_value("m1", 2024) == 50.0
    after = result.projected_value("m1", 2025)
    assert (after != before) == grows.chained  # a chained method goes on from the pin


@every_method
def test_explanations_name_the_method(grows):
    document = Document(project_of(grows))
    formula = explain_cell(document, "base", "m1", 2024).formula
    assert formula
    document.execute(SetPin("base", "m1", 2024, 50.0))
    pinned = explain_cell(document, "base", "m1", 2024).formula
    assert pinned.startswith("Pinned at 50") and f"(replaces the {grows.noun})" in pinned


@every_method
def test_every_method_has_its_page_in_the_docs(grows):
    page = (DOCS / f"{grows.code}.md").read_text(encoding="utf-8")
    assert f"`{grows.code}`" in page and grows.label in page
    for param in grows.parameters:
        assert param.symbol in page, param.symbol
