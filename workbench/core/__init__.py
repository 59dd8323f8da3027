"""The domain core: project model, forecast engine, commands with undo, validation, sample.

Pure Python with numpy and pandas; never Qt, pyqtgraph, sqlite3 or openpyxl (docs/architecture.md).
"""

from workbench.core.document import Document
from workbench.core.engine import ScenarioResult, compute_scenario
from workbench.core.errors import ModelError
from workbench.core.project import TOTAL, Dimension, Growth, Member, Metadata, Project, Scenario

__all__ = [
    "TOTAL",
    "Dimension",
    "Document",
    "Growth",
    "Member",
    "Metadata",
    "ModelError",
    "Project",
    "Scenario",
    "ScenarioResult",
    "compute_scenario",
]
