"""The fields of a project that an edit can change, by name, and the groups they fall in.

A transaction logs every write by its field, a `Change` tells listeners which fields (and
keys) an edit touched, the document drops the forecasts a change can affect, the store
writes the changed rows and the GUI refreshes what shows them. All of them name fields by
`Field` (a `StrEnum`, so a member is also its attribute name on `Project`) and take the
groups from here, so a field is never spelled as free text, and "structure" means the
same thing to the file and to the screen.
"""

from __future__ import annotations

from enum import StrEnum


class Field(StrEnum):
    """One attribute of `Project` that commands change."""

    METADATA = "metadata"
    DIMENSIONS = "dimensions"
    SCENARIOS = "scenarios"
    HISTORY = "history"
    HISTORY_SOURCES = "history_sources"
    GROWTH = "growth"
    PINS = "pins"
    HOLDS = "holds"
    PIN_MARKS = "pin_marks"
    NOTES = "notes"
    MODE = "mode"
    PRIMARY_DIMENSION = "primary_dimension"
    SOURCES = "sources"
    COMPANIES = "companies"
    DEVELOPMENTS = "developments"
    FACTORS = "factors"
    TRENDS = "trends"
    FORCES = "forces"
    ASSESSMENTS = "assessments"
    KEY_QUESTIONS = "key_questions"
    # The volume measure: the whole measure (added or removed), its unit, and its inputs,
    # named "volume.<the value's field>" (`workbench.core.measures.field_of`).
    VOLUME = "volume"
    VOLUME_UNIT = "volume.unit"
    VOLUME_HISTORY = "volume.history"
    VOLUME_HISTORY_SOURCES = "volume.history_sources"
    VOLUME_GROWTH = "volume.growth"
    VOLUME_PINS = "volume.pins"
    VOLUME_HOLDS = "volume.holds"
    VOLUME_PIN_MARKS = "volume.pin_marks"
    VOLUME_NOTES = "volume.notes"


STRUCTURE = frozenset(
    {
        Field.METADATA,
        Field.MODE,
        Field.PRIMARY_DIMENSION,
        Field.DIMENSIONS,
        Field.SCENARIOS,
        Field.VOLUME,
        Field.VOLUME_UNIT,
    }
)
"""The shape of the model: years, mode, dimensions, segments and scenarios (and their
names), and which measures it has with their units. A change here rebuilds tables and
rewrites the file's structure rows."""

FORECAST = frozenset(
    {
        Field.METADATA,
        Field.DIMENSIONS,
        Field.HISTORY,
        Field.HOLDS,
        Field.MODE,
        Field.PRIMARY_DIMENSION,
        Field.VOLUME,
        Field.VOLUME_HISTORY,
        Field.VOLUME_HOLDS,
    }
)
"""Fields whose change affects every scenario's forecast (of one measure or both)."""

MEASURE_INPUTS = (
    Field.HISTORY,
    Field.HISTORY_SOURCES,
    Field.GROWTH,
    Field.PINS,
    Field.HOLDS,
    Field.PIN_MARKS,
    Field.NOTES,
)
"""The value's fields that every measure has its own of (`MeasureInputs`)."""

SCENARIO_KEYED = frozenset({Field.GROWTH, Field.PINS, Field.VOLUME_GROWTH, Field.VOLUME_PINS})
"""Fields keyed by (scenario, ...): a change affects that scenario's forecast only."""

ENTITIES = frozenset(
    {
        Field.SOURCES,
        Field.COMPANIES,
        Field.DEVELOPMENTS,
        Field.FACTORS,
        Field.TRENDS,
        Field.FORCES,
        Field.ASSESSMENTS,
        Field.KEY_QUESTIONS,
    }
)
"""The qualitative collections: lists of entities, replaced whole by their commands."""
