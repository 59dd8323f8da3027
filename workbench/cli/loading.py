"""Naming a project on the command line: a `.mwp` file, a project on a team server
(`postgresql://user@host:port/db#project`), or the built-in sample.

Every command that reads a project takes it the same way (`PROJECT`, the word `sample`
or `--sample`), so the rule lives here once. The store and the sample are imported when
first needed, so `workbench --version` and `workbench --help` stay instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.core.document import Document
from workbench.core.errors import ModelError
from workbench.core.project import Project, Scenario
from workbench.store.server_address import is_server_address

SAMPLE_WORD = "sample"


class CommandError(ModelError):
    """Bad input to a command (a missing file, an unknown scenario): exit status 2."""


def add_project_argument(
    parser: argparse.ArgumentParser, help_text: str, recoverable: bool = True
) -> None:
    """PROJECT and --sample; --recover too where the command reads the project headless
    (the app asks about recovery itself when it opens a project)."""
    parser.add_argument("project", nargs="?", metavar="PROJECT", help=help_text)
    parser.add_argument(
        "--sample", action="store_true", help="use the built-in sample project (or: sample)"
    )
    if not recoverable:
        return
    parser.add_argument(
        "--recover",
        action="store_true",
        help="use the project's autosaved recovery file when it is newer than the project",
    )


def wants_sample(args: argparse.Namespace) -> bool:
    if args.sample and args.project is not None:
        raise CommandError("Name either a project file or --sample, not both.")
    return args.sample or args.project == SAMPLE_WORD


def load_document(args: argparse.Namespace) -> Document:
    """The project that the PROJECT argument (or --sample) names."""
    if wants_sample(args):
        return sample_document()
    if args.project is None:
        raise CommandError("Name a project file, or use --sample for the built-in sample.")
    if is_server_address(args.project):
        return open_server(args)
    path = existing(args.project)
    from workbench.store import find_recovery, recover

    if find_recovery(path) is None:
        if args.recover:
            raise CommandError(f"There is no recovery file newer than {path}.")
        return open_file(path)
    if args.recover:
        return recover(path)
    print(
        f"Note: {path} has newer unsaved work in a recovery file; add --recover to use it.",
        file=sys.stderr,
    )
    return open_file(path)


def open_server(args: argparse.Namespace) -> Document:
    """A team server's project; its recovered work lives with the app, which offers it."""
    if getattr(args, "recover", False):
        raise CommandError(
            "Recovered work of a server project is offered by the app when it opens the project."
        )
    from workbench.store.postgres import open_server_project

    return open_server_project(args.project)


def project_exists(text: str) -> bool:
    """True when the file, or the server project, that `text` names exists."""
    if not is_server_address(text):
        return Path(text).exists()
    from workbench.store.postgres import ServerAddress, list_projects

    address = ServerAddress.parse(text)
    return address.project in {name for name, _revision in list_projects(address)}


def check_new_target(text: str) -> None:
    """Refuse a new project file whose folder does not exist (a server needs no folder)."""
    folder = Path(text).parent
    if not is_server_address(text) and not folder.is_dir():
        raise CommandError(f"There is no folder {folder} to create {Path(text).name} in.")


def save_document(document: Document, text: str) -> None:
    """Save to the file, or as the next revision of the server project, `text` names."""
    from workbench.store import store_for

    store_for(text).save(document, text)


def existing(path_text: str) -> Path:
    if not path_text.strip():
        raise CommandError("The file name is empty; name a file.")
    path = Path(path_text)
    if not path.exists():
        raise CommandError(f"There is no file {path_text}.")
    if path.is_dir():
        raise CommandError(f"{path_text} is a folder, not a file.")
    return path


def sample_document() -> Document:
    from workbench.core.sample import sample_document as build

    return build()


def open_file(path: Path) -> Document:
    from workbench.store import open_project

    return open_project(path)


def find_scenario(project: Project, wanted: str | None) -> Scenario:
    """A scenario by id or by name (any case); the first one when none is asked for."""
    if not project.scenarios:
        raise CommandError("The project has no scenarios.")
    if wanted is None:
        return project.scenarios[0]
    for scenario in project.scenarios:
        if wanted in (scenario.id, scenario.name) or wanted.casefold() == scenario.name.casefold():
            return scenario
    names = ", ".join(s.name for s in project.scenarios)
    raise CommandError(f"There is no scenario {wanted!r}; the scenarios are {names}.")
