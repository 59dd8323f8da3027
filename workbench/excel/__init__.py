"""Workbook export and import: a live, formatted workbook out; a reviewed, exact import back.

Public API (others code against these names):

- `export_workbook(document, path, progress=None)` writes the workbook (DESIGN.md §6).
  `progress(done, total) -> bool` is called as sheets are written; returning False
  cancels with `Cancelled`, and no file (not even a partial one) is left behind.
- `read_workbook(path, document, progress=None) -> ImportPlan` reads and checks a
  workbook and changes nothing. `plan.changes` lists `ImportChange(kind, sheet, cell,
  what, before, after, action)` cell by cell and entity by entity; `plan.summary_lines()`
  gives one sentence each; `plan.is_empty`; `document.execute(plan.command)` applies all
  of it as ONE undoable step.
- `project_from_workbook(path, progress=None) -> Project` builds a new project from a
  workbook of ours (the command line's import into a project that does not exist yet).
- `ExcelError(ModelError)`: every refusal, one sentence starting with the sheet and cell
  ("Assumptions!D14: 'abc' is not a number."); a failed import changes nothing.
- `Cancelled`: the progress callback asked to stop.

The workbook's meaning, in short: blue cells are inputs and are read back; black cells are
formulas and are not. A number typed over a forecast formula is a pin (in a segment row or
its projected row; the segment row wins). History is typed in the topmost block of a
sheet; the other blocks mirror it. Column A holds ids: a renamed row keeps its id (a
rename), a row without an id is new, a row that is gone is removed. Sources, holds and
notes of cells live on the Cell notes sheet (history cells also show them as comments).
"""

from workbench.excel.errors import Cancelled, ExcelError
from workbench.excel.export import export_workbook
from workbench.excel.importer import project_from_workbook, read_workbook
from workbench.excel.plan import ImportChange, ImportPlan

__all__ = [
    "Cancelled",
    "ExcelError",
    "ImportChange",
    "ImportPlan",
    "export_workbook",
    "project_from_workbook",
    "read_workbook",
]
