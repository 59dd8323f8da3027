"""What changed in one assessment, said as every other summary line: sheet, cell, before
and after in words.

An assessment spans many rows of the Assessments sheet (one per rating), so its changes
are told field by field at the cell the colleague typed in: its name and dimension on its
first row, a criterion's name on that criterion's first row, a rating's score and note on
the rating's own row ("Assessment: 'Technology assessment', Short Video Short Drama on
'Technology readiness': note changed from '…' to '…' (Assessments!I4)").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from workbench.core.entities import Assessment, Rating
from workbench.excel.assessments import (
    CRITERION,
    DIMENSION,
    NAME,
    NOTE,
    SCORE,
    SEGMENT_ID,
    SHEET,
)
from workbench.excel.layout import cell
from workbench.excel.plan import ImportChange

NOUN = "Assessment"


class AssessmentChanges:
    """The changes of one assessment kept by the import (`where` as the reader gives it:
    ("assessments", id, column) where its name or dimension was typed, ("criterion", id,
    criterion) and ("rating", id, criterion, segment) → 0-based row; `named(kind, id)`
    the name of a dimension or segment)."""

    def __init__(self, where: dict, named: Callable[[str, str], str]) -> None:
        self.where, self.named = where, named

    def __call__(self, old: Assessment, new: Assessment) -> Iterator[ImportChange]:
        label = _quoted(old.name)
        typed = {col: self.where.get(("assessments", new.id, col)) for col in (NAME, DIMENSION)}
        if old.name != new.name:
            yield self._change(typed[NAME], NAME, f"{label} name", old.name, new.name)
        if old.dimension_id != new.dimension_id:
            before, after = (
                self.named("dimension", d) for d in (old.dimension_id, new.dimension_id)
            )
            yield self._change(typed[DIMENSION], DIMENSION, f"{label} dimension", before, after)
        yield from self._criteria(old, new, label)
        yield from self._ratings(old, new, label)

    def _change(self, row, col, what, before, after, action="") -> ImportChange:
        return ImportChange(
            NOUN, SHEET, "" if row is None else cell(row, col), what, before, after, action
        )

    def _criteria(self, old: Assessment, new: Assessment, label: str) -> Iterator[ImportChange]:
        names = {c.id: c.name for c in old.criteria}
        for criterion in new.criteria:
            row = self.where.get(("criterion", new.id, criterion.id))
            what = f"{label} criterion {_quoted(criterion.name)}"
            if criterion.id not in names:
                yield self._change(row, CRITERION, what, None, None, "added")
            elif names[criterion.id] != criterion.name:
                what = f"{label} criterion {_quoted(names[criterion.id])} name"
                yield self._change(row, CRITERION, what, names[criterion.id], criterion.name)
        kept = {c.id for c in new.criteria}
        for criterion in old.criteria:
            if criterion.id not in kept:
                yield self._change(
                    None, 0, f"{label} criterion {_quoted(criterion.name)}", None, None, "removed"
                )

    def _ratings(self, old: Assessment, new: Assessment, label: str) -> Iterator[ImportChange]:
        criteria = {c.id: c.name for c in (*old.criteria, *new.criteria)}
        changed = [
            k for k in set(old.cells) | set(new.cells) if old.cells.get(k) != new.cells.get(k)
        ]
        rows = {k: self.where.get(("rating", new.id, *k)) for k in changed}
        for key in sorted(changed, key=lambda k: (rows[k] is None, rows[k] or 0, k)):
            a, b, row = old.cells.get(key), new.cells.get(key), rows[key]
            what = f"{label}, {self.named('segment', key[1])} on {_quoted(criteria[key[0]])}"
            yield from self._rating(row, what, a, b)

    def _rating(self, row, what: str, a: Rating | None, b: Rating | None) -> Iterator[ImportChange]:
        if a is None or b is None:
            score = (a or b).score
            yield self._change(
                row, SEGMENT_ID, f"{what}: rating", score if a else None, score if b else None
            )
            return
        if a.score != b.score:
            yield self._change(row, SCORE, f"{what}: score", a.score, b.score)
        if a.note != b.note:
            yield self._change(row, NOTE, f"{what}: note", a.note or None, b.note or None)


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 50 else text[:47] + "...")
