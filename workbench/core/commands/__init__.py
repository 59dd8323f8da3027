"""Every edit of a project, as a command that a `Document` executes and can undo."""

from workbench.core.commands.backsolve import BackSolve, BackSolveCagr
from workbench.core.commands.base import Batch, Command
from workbench.core.commands.cells import SetCells
from workbench.core.commands.entities import (
    AddEntity,
    MergeCompanies,
    MoveEntity,
    RemoveEntity,
    UpdateEntity,
)
from workbench.core.commands.pins import SetHold, SetPin
from workbench.core.commands.put import Put
from workbench.core.commands.spread import ScaleHistoryToTotal, SpreadTotal, distribute
from workbench.core.commands.structure import (
    AddDimension,
    AddMember,
    AddMembers,
    AddScenario,
    MoveDimension,
    MoveMember,
    RemoveDimension,
    RemoveMember,
    RemoveScenario,
    RenameDimension,
    RenameMember,
    RenameScenario,
    SetMetadata,
    SetMode,
    SetYearRange,
)
from workbench.core.commands.values import (
    SetGrowth,
    SetHistory,
    SetHistorySource,
    SetNote,
    ShiftGrowth,
)

__all__ = [
    "AddDimension",
    "AddEntity",
    "AddMember",
    "AddMembers",
    "AddScenario",
    "BackSolve",
    "BackSolveCagr",
    "Batch",
    "Command",
    "MergeCompanies",
    "MoveDimension",
    "MoveEntity",
    "MoveMember",
    "Put",
    "RemoveDimension",
    "RemoveEntity",
    "RemoveMember",
    "RemoveScenario",
    "RenameDimension",
    "RenameMember",
    "RenameScenario",
    "ScaleHistoryToTotal",
    "SetCells",
    "SetGrowth",
    "SetHistory",
    "SetHistorySource",
    "SetHold",
    "SetMetadata",
    "SetMode",
    "SetNote",
    "SetPin",
    "SetYearRange",
    "ShiftGrowth",
    "SpreadTotal",
    "UpdateEntity",
    "distribute",
]
