"""Foreign spreadsheets and CSV files brought into a project.

A file this app did not write is read into plain grids (`sheets`), its tables found
(`detect`: years across or down, long format, titles, units, totals, footnotes), every
open decision settled by a `Mapping` (`resolve`), and the result planned as one undoable
core command with a change summary and a preview (`apply`). Nothing here knows Qt or the
project file; the CLI (`workbench import-table`) and the app's Import Table wizard both
drive this same code.
"""

from workbench.ingest.apply import Detection, Plan, plan, tables_in
from workbench.ingest.errors import IngestError
from workbench.ingest.mapping import Mapping
from workbench.ingest.tables import Row, Table

__all__ = ["Detection", "IngestError", "Mapping", "Plan", "Row", "Table", "plan", "tables_in"]
