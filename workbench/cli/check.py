"""`workbench check PROJECT`: the validation report; exit status 1 when there are errors.

One line per finding, errors first, then a count, so the report reads well in a terminal
and greps well in CI logs. Warnings alone do not fail the check. A project with a volume
is checked per measure: the volume's findings say so ("Volume: …") and the count is
given for each measure as well.
"""

from __future__ import annotations

import argparse
import sys

from workbench.cli.loading import add_project_argument, load_document
from workbench.core.measures import measure, typed_measures
from workbench.core.validation import Finding, validate


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate the project; exit status 1 on errors",
        description="Validate the project and print every finding with its place; the exit "
        "status is 1 when there is at least one error, 0 otherwise.",
    )
    add_project_argument(parser, "a project file, or 'sample'")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    document = load_document(args)
    findings = validate(document)
    for finding in findings:
        sys.stdout.write(f"{finding.severity}: {finding.message}\n")
    sys.stdout.write(summary(findings) + "\n")
    measures = typed_measures(document.project)
    if len(measures) > 1:
        for measure_id in measures:
            own = [f for f in findings if f.measure == measure_id]
            sys.stdout.write(f"{measure(measure_id).label}: {summary(own)}\n")
    return 1 if any(f.is_error for f in findings) else 0


def summary(findings: list[Finding]) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    notes = len(findings) - errors - warnings
    about = f" ({_count(notes, 'information line')})" if notes else ""
    if not errors and not warnings:
        return f"No problems found{about}."
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')}{about}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
