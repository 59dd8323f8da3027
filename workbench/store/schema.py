"""The tables of a `.mwp` file, one migration per schema version, and the file's pragmas.

A new file is built by running every migration from an empty database, so a file made
today and a file migrated from version 1 have exactly the same tables. Migrations are
append-only: once released, a version's script never changes (tests/fixtures/store keeps
files of versions 1 and 3 to prove the migrations on).

Number columns (history values, rates, pins, shares) are declared WITHOUT a type on
purpose: SQLite then keeps the IEEE double exactly as given, whereas a REAL column turns
-0.0 into 0 on disk. Their storage class is still REAL.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x4D574250
"""`PRAGMA application_id` of every project file: "MWBP" in ASCII."""

SCHEMA_VERSION = 4
"""`PRAGMA user_version` of files this version writes; it reads every version up to it."""

_VERSION_1 = """
CREATE TABLE metadata (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    title TEXT NOT NULL, first_year INTEGER NOT NULL, base_year INTEGER NOT NULL,
    last_year INTEGER NOT NULL, unit TEXT NOT NULL, currency_note TEXT NOT NULL,
    description TEXT NOT NULL, mode TEXT NOT NULL, primary_dimension TEXT
);
CREATE TABLE dimensions (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE members (
    id TEXT PRIMARY KEY,
    dimension_id TEXT NOT NULL REFERENCES dimensions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL, name TEXT NOT NULL
);
CREATE INDEX members_by_dimension ON members (dimension_id);
CREATE TABLE scenarios (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE history (
    series TEXT NOT NULL, year INTEGER NOT NULL, value NOT NULL,
    PRIMARY KEY (series, year)
) WITHOUT ROWID;
CREATE TABLE history_sources (
    series TEXT NOT NULL, year INTEGER NOT NULL, source_id TEXT NOT NULL,
    PRIMARY KEY (series, year)
) WITHOUT ROWID;
CREATE TABLE growth (
    scenario TEXT NOT NULL, series TEXT NOT NULL, method TEXT NOT NULL, rate NOT NULL, k, r,
    PRIMARY KEY (scenario, series)
) WITHOUT ROWID;
CREATE TABLE growth_rates (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, rate NOT NULL,
    PRIMARY KEY (scenario, series, year),
    FOREIGN KEY (scenario, series) REFERENCES growth (scenario, series) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE growth_values (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, value NOT NULL,
    PRIMARY KEY (scenario, series, year),
    FOREIGN KEY (scenario, series) REFERENCES growth (scenario, series) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE pins (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, value NOT NULL,
    PRIMARY KEY (scenario, series, year)
) WITHOUT ROWID;
CREATE TABLE holds (
    series TEXT NOT NULL, year INTEGER NOT NULL, PRIMARY KEY (series, year)
) WITHOUT ROWID;
CREATE TABLE sources (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, publisher TEXT NOT NULL,
    title TEXT NOT NULL, date TEXT NOT NULL, url TEXT NOT NULL, assumption INTEGER NOT NULL
);
CREATE TABLE companies (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL,
    headquarters TEXT NOT NULL, founded INTEGER, listing TEXT NOT NULL, website TEXT NOT NULL,
    type TEXT NOT NULL, description TEXT NOT NULL, strategy TEXT NOT NULL,
    segments TEXT NOT NULL, source_ids TEXT NOT NULL
);
CREATE TABLE company_shares (
    company_id TEXT NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
    year INTEGER NOT NULL, share NOT NULL,
    PRIMARY KEY (company_id, year)
) WITHOUT ROWID;
CREATE TABLE developments (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, company_id TEXT NOT NULL,
    date TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, source_id TEXT
);
CREATE TABLE factors (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL,
    text TEXT NOT NULL, impact_short INTEGER NOT NULL, impact_medium INTEGER NOT NULL,
    impact_long INTEGER NOT NULL, segments TEXT NOT NULL, source_ids TEXT NOT NULL
);
CREATE TABLE trends (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
    segments TEXT NOT NULL, source_ids TEXT NOT NULL
);
CREATE TABLE forces (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, rating INTEGER NOT NULL,
    rationale TEXT NOT NULL
);
CREATE TABLE assessments (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL,
    dimension_id TEXT NOT NULL
);
CREATE TABLE assessment_criteria (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (assessment_id, id)
) WITHOUT ROWID;
CREATE TABLE assessment_cells (
    assessment_id TEXT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    criterion_id TEXT NOT NULL, member_id TEXT NOT NULL, score INTEGER NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (assessment_id, criterion_id, member_id)
) WITHOUT ROWID;
CREATE TABLE key_questions (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL
);
"""

_VERSION_2 = """
CREATE TABLE notes (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (scenario, series, year)
) WITHOUT ROWID;
"""

_VERSION_3 = """
CREATE TABLE pin_marks (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, mark TEXT NOT NULL,
    PRIMARY KEY (scenario, series, year)
) WITHOUT ROWID;
"""

_VERSION_4 = """
CREATE TABLE measures (id TEXT PRIMARY KEY, unit TEXT NOT NULL);
CREATE TABLE volume_history (
    series TEXT NOT NULL, year INTEGER NOT NULL, value NOT NULL,
    PRIMARY KEY (series, year)
) WITHOUT ROWID;
CREATE TABLE volume_history_sources (
    series TEXT NOT NULL, year INTEGER NOT NULL, source_id TEXT NOT NULL,
    PRIMARY KEY (series, year)
) WITHOUT ROWID;
CREATE TABLE volume_growth (
    scenario TEXT NOT NULL, series TEXT NOT NULL, method TEXT NOT NULL, rate NOT NULL, k, r,
    PRIMARY KEY (scenario, series)
) WITHOUT ROWID;
CREATE TABLE volume_growth_rates (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, rate NOT NULL,
    PRIMARY KEY (scenario, series, year),
    FOREIGN KEY (scenario, series) REFERENCES volume_growth (scenario, series) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE volume_growth_values (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, value NOT NULL,
    PRIMARY KEY (scenario, series, year),
    FOREIGN KEY (scenario, series) REFERENCES volume_growth (scenario, series) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE volume_pins (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, value NOT NULL,
    PRIMARY KEY (scenario, series, year)
) WITHOUT ROWID;
CREATE TABLE volume_holds (
    series TEXT NOT NULL, year INTEGER NOT NULL, PRIMARY KEY (series, year)
) WITHOUT ROWID;
CREATE TABLE volume_pin_marks (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, mark TEXT NOT NULL,
    PRIMARY KEY (scenario, series, year)
) WITHOUT ROWID;
CREATE TABLE volume_notes (
    scenario TEXT NOT NULL, series TEXT NOT NULL, year INTEGER NOT NULL, text TEXT NOT NULL,
    PRIMARY KEY (scenario, series, year)
) WITHOUT ROWID;
"""
"""Measures: `measures` lists the typed measures a project has besides value (which is
always there, its unit in `metadata`), each with its unit; the volume's inputs have
tables of their own, shaped exactly like the value's. Purely additive, so a version-3
file (value-only) migrates without rewriting a row, and the team server, whose tables
are derived from these, only gains tables."""

MIGRATIONS: dict[int, str] = {1: _VERSION_1, 2: _VERSION_2, 3: _VERSION_3, 4: _VERSION_4}
"""The script that takes a file from version `n - 1` to version `n` (0 is empty)."""


def configure(connection: sqlite3.Connection) -> None:
    """The pragmas every connection sets (docs/project-file.md): a file to mail."""
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA journal_mode = DELETE")


def create(connection: sqlite3.Connection) -> None:
    """Make an empty database a current, empty project file (inside the caller's transaction)."""
    migrate(connection, 0)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def migrate(connection: sqlite3.Connection, version: int) -> None:
    """Run the migrations after `version` and stamp the new version.

    The caller owns the transaction: a migration that fails half-way is rolled back with
    it, so the file is either the old version or the new one.
    """
    for target in range(version + 1, SCHEMA_VERSION + 1):
        for statement in statements(MIGRATIONS[target]):
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def statements(script: str) -> list[str]:
    """The statements of a script; `executescript` would commit the caller's transaction."""
    return [s.strip() for s in script.split(";") if s.strip()]
