"""A transaction: the only way commands change a project, and the reason undo is exact.

It writes through to the project and logs each (field, key, old, new). Undo replays the
log backwards with the old values, redo forwards with the new ones, so no command needs
its own inverse. A command that fails half-way is rolled back from the same log, so a
failed edit never leaves a half-applied change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.core.errors import ModelError
from workbench.core.fields import FORECAST, SCENARIO_KEYED, Field
from workbench.core.project import Project

MISSING: Any = object()
"""Old or new value of a key that was absent."""

WHOLE: Any = object()
"""Key of an entry that replaced a whole project attribute (lists, metadata, mode)."""



@dataclass(frozen=True)
class Change:
    """What an edit, an undo or a redo changed, for listeners to refresh only that.

    `keys[field]` holds the changed keys of a keyed field, or `WHOLE`. `scenarios` is the
    set of scenario ids whose forecast changed; None means all of them.
    """

    text: str
    keys: dict[Field, Any]
    scenarios: frozenset[str] | None

    @property
    def fields(self) -> frozenset[Field]:
        return frozenset(self.keys)

    def touches(self, *fields: Field) -> bool:
        return any(f in self.keys for f in fields)

    def touches_any(self, fields: frozenset[Field]) -> bool:
        """Whether any field of a group (`fields.STRUCTURE`...) changed."""
        return not fields.isdisjoint(self.keys)


class Transaction:
    def __init__(self, project: Project) -> None:
        self.project = project
        self._log: list[tuple[Field, Any, Any, Any]] = []

    def __bool__(self) -> bool:
        return bool(self._log)

    # -- writing --------------------------------------------------------------------------

    def read(self, field: Field) -> Any:
        """What `field` holds now: the dict or set of a keyed field (`project.history`,
        `project.volume.history`), or the whole attribute (a list, the metadata...)."""
        owner, name = _owner(self.project, field)
        return getattr(owner, name)

    def set(self, field: Field, key: Any, value: Any) -> None:
        """Set `project.<field>[key] = value` (a dict), or add `key` to a set field."""
        container = self.read(field)
        if isinstance(container, set):
            if key not in container:
                container.add(key)
                self._log.append((field, key, MISSING, True))
            return
        old = container.get(key, MISSING)
        if old is not MISSING and _same(old, value):
            return
        container[key] = value
        self._log.append((field, key, old, value))

    def update(self, field: Field, items: dict[Any, Any]) -> None:
        """`set` for many keys of one dict field: the same log, without a call per key.

        Imports write tens of thousands of cells in one edit; this keeps that linear and
        cheap. Values must be of the kinds `set` takes (numbers, text, frozen objects).
        """
        container = self.read(field)
        get, log = container.get, self._log
        for key, value in items.items():
            old = get(key, MISSING)
            if old is not MISSING and type(old) is type(value) and old == value:
                continue
            container[key] = value
            log.append((field, key, old, value))

    def delete(self, field: Field, key: Any) -> None:
        container = self.read(field)
        if key not in container:
            return
        if isinstance(container, set):
            container.discard(key)
            self._log.append((field, key, True, MISSING))
        else:
            self._log.append((field, key, container.pop(key), MISSING))

    def replace(self, field: Field, value: Any) -> None:
        """Replace a whole attribute; lists must be new objects, never mutated in place."""
        owner, name = _owner(self.project, field)
        old = getattr(owner, name)
        if old is value or _same(old, value):
            return
        setattr(owner, name, value)
        self._log.append((field, WHOLE, old, value))

    def adopt(self, other: Transaction, fields: dict[Field, Field]) -> None:
        """Take over the log of `other`, whose writes already happened, naming each entry's
        field by `fields` (a measure view's `history` is this project's `volume.history`).

        Undo and redo then replay those writes on this project, where the view's
        containers live. A field missing from `fields` is refused before anything is taken.
        """
        unknown = sorted({str(f) for f, k, *_ in other._log if f not in fields or k is WHOLE})
        if unknown:
            raise ModelError(f"This edit changes {', '.join(unknown)}, which no measure owns.")
        self._log.extend((fields[f], key, old, new) for f, key, old, new in other._log)

    # -- replaying ------------------------------------------------------------------------

    def undo(self) -> None:
        for field, key, old, _new in reversed(self._log):
            self._put(field, key, old)

    def redo(self) -> None:
        for field, key, _old, new in self._log:
            self._put(field, key, new)

    def _put(self, field: Field, key: Any, value: Any) -> None:
        if key is WHOLE:
            setattr(*_owner(self.project, field), value)
            return
        container = self.read(field)
        if value is MISSING:
            if isinstance(container, set):
                container.discard(key)
            else:
                container.pop(key, None)
        elif isinstance(container, set):
            container.add(key)
        else:
            container[key] = value

    def change(self, text: str) -> Change:
        keys: dict[Field, Any] = {}
        scenarios: set[str] | None = set()
        for name, key, _old, _new in self._log:
            field = _FIELDS[name]  # a Field even where a caller wrote its name as text
            if key is WHOLE or keys.get(field) is WHOLE:
                keys[field] = WHOLE
            else:
                keys.setdefault(field, set()).add(key)
            if field in FORECAST:
                scenarios = None
            elif field in SCENARIO_KEYED and scenarios is not None:
                scenarios.add(key[0])
        frozen = {f: (k if k is WHOLE else frozenset(k)) for f, k in keys.items()}
        return Change(text, frozen, None if scenarios is None else frozenset(scenarios))


_FIELDS = {f.value: f for f in Field}


def _owner(project: Project, field: Field) -> tuple[Any, str]:
    """The object holding `field` and the attribute's name: a dotted field such as
    "volume.history" lives on the project's `volume` measure inputs."""
    head, _, name = str(field).partition(".")
    return (getattr(project, head), name) if name else (project, head)


def _same(a: Any, b: Any) -> bool:
    """Equal for the log's purpose: NaN never occurs (commands refuse non-finite numbers)."""
    try:
        return type(a) is type(b) and bool(a == b)
    except (TypeError, ValueError):
        return False
