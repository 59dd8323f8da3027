"""The server's schema `workbench`: created and migrated by the app, versioned like the file.

`workbench.schema_version` holds the version of the project data (the file's
`SCHEMA_VERSION`: the data tables are derived from the file's schema, see `layout`). A
database at an older version is brought forward in one transaction under an advisory lock
(two apps connecting at once never migrate twice); one from a newer app is refused.

Who may do what is the database's business, not only the app's: every project has two
roles of its own, `mwb_<database oid>_<project id>_read` and `..._edit` (the editors' role
is a member of the readers'), and row-level security lets a role see and write only the
rows of the projects whose roles it holds. Members are added with plain `GRANT role TO
user`; a project's creator holds both roles WITH ADMIN OPTION, so they can share it.
Rows are never deleted (no DELETE privilege at all): a save marks replaced rows with
`replaced_in`, the only column anyone may UPDATE.
"""

from __future__ import annotations

from psycopg import Connection, errors, sql

from workbench.store.errors import StoreError
from workbench.store.postgres.layout import DataTable, data_tables
from workbench.store.schema import SCHEMA_VERSION

SCHEMA = "workbench"
_LOCK = 0x4D574250  # the file's application id, as the migration's advisory lock key


def table(name: str) -> sql.Composed:
    return sql.Identifier(SCHEMA, name)


_BOOKKEEPING = """
CREATE SCHEMA workbench;
GRANT USAGE ON SCHEMA workbench TO PUBLIC;
CREATE TABLE workbench.schema_version (version integer NOT NULL);
CREATE TABLE workbench.projects (
    id bigserial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    revision integer NOT NULL DEFAULT 0,
    reader_role name NOT NULL,
    editor_role name NOT NULL,
    created_by name NOT NULL DEFAULT session_user,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE workbench.revisions (
    project_id bigint NOT NULL REFERENCES workbench.projects (id),
    revision integer NOT NULL,
    saved_by name NOT NULL DEFAULT session_user,
    saved_at timestamptz NOT NULL DEFAULT now(),
    summary text NOT NULL,
    PRIMARY KEY (project_id, revision)
);
GRANT SELECT ON workbench.schema_version, workbench.projects, workbench.revisions TO PUBLIC;
GRANT UPDATE (revision) ON workbench.projects TO PUBLIC;
GRANT INSERT ON workbench.revisions TO PUBLIC;
ALTER TABLE workbench.projects ENABLE ROW LEVEL SECURITY;
CREATE POLICY readers ON workbench.projects FOR SELECT
    USING (pg_has_role(reader_role, 'MEMBER'));
CREATE POLICY editors ON workbench.projects FOR UPDATE
    USING (pg_has_role(editor_role, 'MEMBER')) WITH CHECK (pg_has_role(editor_role, 'MEMBER'));
ALTER TABLE workbench.revisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY readers ON workbench.revisions FOR SELECT
    USING (project_id IN (SELECT id FROM workbench.projects));
CREATE POLICY editors ON workbench.revisions FOR INSERT
    WITH CHECK (saved_by = session_user AND project_id IN (
        SELECT id FROM workbench.projects WHERE pg_has_role(editor_role, 'MEMBER')));
CREATE FUNCTION workbench.create_project(project_name text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    new_id bigint;
    prefix text;
BEGIN
    INSERT INTO workbench.projects (name, reader_role, editor_role)
        VALUES (project_name, '-', '-') RETURNING id INTO new_id;
    SELECT format('mwb_%s_%s', oid, new_id) INTO prefix
        FROM pg_database WHERE datname = current_database();
    EXECUTE format('CREATE ROLE %I NOLOGIN', prefix || '_read');
    EXECUTE format('CREATE ROLE %I NOLOGIN IN ROLE %I', prefix || '_edit', prefix || '_read');
    EXECUTE format('GRANT %I, %I TO %I WITH ADMIN OPTION',
                   prefix || '_read', prefix || '_edit', session_user);
    UPDATE workbench.projects SET reader_role = prefix || '_read', editor_role = prefix || '_edit'
        WHERE id = new_id;
    RETURN new_id;
END $$;
REVOKE ALL ON FUNCTION workbench.create_project(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION workbench.create_project(text) TO PUBLIC;
"""
"""Revisions, projects and the one function that creates a project with its two roles
(it runs as the schema's owner, who may create roles; the caller becomes the owner of
both roles' membership)."""

_READABLE = "project_id IN (SELECT id FROM workbench.projects)"
_EDITABLE = (
    "project_id IN (SELECT id FROM workbench.projects WHERE pg_has_role(editor_role, 'MEMBER'))"
)


def ensure(connection: Connection) -> None:
    """Create or migrate the schema; refuse a newer one. Commits its own transaction."""
    with connection.transaction():
        version = _version(connection)
        if version == SCHEMA_VERSION:
            return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The server's projects were saved by a newer version of Market Workbench "
            f"(format {version}; this version reads up to {SCHEMA_VERSION})."
        )
    try:
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            _upgrade(connection, _version(connection))
    except errors.InsufficientPrivilege as exc:
        raise StoreError(
            "The server has no Market Workbench tables yet (or older ones), and this user may "
            "not create them: ask the database's owner to connect once first."
        ) from exc


def _version(connection: Connection) -> int:
    exists = connection.execute("SELECT to_regclass('workbench.schema_version')").fetchone()[0]
    if exists is None:
        return 0
    row = connection.execute("SELECT version FROM workbench.schema_version").fetchone()
    return row[0] if row else 0


def _upgrade(connection: Connection, version: int) -> None:
    """Create what is missing: the bookkeeping, then every data table and column."""
    if version == SCHEMA_VERSION:
        return  # another app migrated while this one waited for the lock
    if version == 0:
        connection.execute(_BOOKKEEPING)
        connection.execute("INSERT INTO workbench.schema_version VALUES (0)")
    present = _present_columns(connection)
    for spec in data_tables().values():
        if spec.name not in present:
            _create(connection, spec)
        else:
            _add_columns(connection, spec, present[spec.name])
    connection.execute("UPDATE workbench.schema_version SET version = %s", (SCHEMA_VERSION,))


def _present_columns(connection: Connection) -> dict[str, set[str]]:
    present: dict[str, set[str]] = {}
    for name, column in connection.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = %s",
        (SCHEMA,),
    ):
        present.setdefault(name, set()).add(column)
    return present


def _create(connection: Connection, spec: DataTable) -> None:
    name = table(spec.name)
    columns = sql.SQL(", ").join(_column(c.name, c.type, c.not_null) for c in spec.columns)
    connection.execute(
        sql.SQL(
            "CREATE TABLE {} (project_id bigint NOT NULL, {}, saved_in integer NOT NULL,"
            " replaced_in integer)"
        ).format(name, columns)
    )
    key = sql.SQL(", ").join(map(sql.Identifier, ("project_id", *spec.key)))
    connection.execute(
        sql.SQL("CREATE UNIQUE INDEX {} ON {} ({}) WHERE replaced_in IS NULL").format(
            sql.Identifier(f"{spec.name}_live"), name, key
        )
    )
    connection.execute(
        sql.SQL("CREATE INDEX {} ON {} (project_id, saved_in, replaced_in)").format(
            sql.Identifier(f"{spec.name}_revisions"), name
        )
    )
    _secure(connection, spec.name)


def _secure(connection: Connection, name: str) -> None:
    """Row-level security: read the projects you may read, write the ones you may edit."""
    target = table(name)
    for statement in (
        "ALTER TABLE {t} ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY readers ON {t} FOR SELECT USING (" + _READABLE + ")",
        "CREATE POLICY editors ON {t} FOR INSERT WITH CHECK (" + _EDITABLE + ")",
        "CREATE POLICY replacers ON {t} FOR UPDATE USING (" + _EDITABLE + ")"
        " WITH CHECK (" + _EDITABLE + ")",
        "GRANT SELECT, INSERT ON {t} TO PUBLIC",
        "GRANT UPDATE (replaced_in) ON {t} TO PUBLIC",
    ):
        connection.execute(sql.SQL(statement).format(t=target))


def _add_columns(connection: Connection, spec: DataTable, present: set[str]) -> None:
    """A column a later file version added: nullable on the server, old rows keep NULL."""
    for column in spec.columns:
        if column.name not in present:
            connection.execute(
                sql.SQL("ALTER TABLE {} ADD COLUMN {}").format(
                    table(spec.name), _column(column.name, column.type, False)
                )
            )


def _column(name: str, type_name: str, not_null: bool) -> sql.Composed:
    null = " NOT NULL" if not_null else ""
    return sql.SQL("{} " + type_name + null).format(sql.Identifier(name))
