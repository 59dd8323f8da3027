"""Workbook export and import: a live, formatted workbook out; a reviewed, exact import back.

Public API (others code against these names):

- `export_workbook(document, path, progress=None)` writes the workbook (docs/workbook.md).
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
notes of cells live on the Cell notes sheet; notes also show as comments on their cells
(with a history cell's source), and a colleague's comment on an input cell comes back as
its note (`comments`).

Blanks: a blank input (a history year, a manual value, an S-curve's K or r) is no number,
in the engine (NaN, shown blank) and in the workbook alike: every formula that reads a
typed cell reads it as `IF(ISBLANK(x),NA(),x)`, so what follows from a blank is #N/A in
Excel exactly where the engine has no number (and #N/A is the cached value stored there).
A blank year of `growth_by_year` is a rate of 0, in both. The typed block shows a blank
history cell as blank; the blocks mirroring it show #N/A.

Speed (tests/benchmarks/bench_excel.py): the value sheets' cells are rendered as XML a
row at a time (`sheet_xml`); the import reads values with python-calamine and learns which
cells are formulas or error values from a scan of each sheet's XML (`sheet_scan`).
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
